package dev.tandem.interfaces.rest.server;

import dev.tandem.admin.AdminException;
import dev.tandem.cluster.ClusterMember;
import dev.tandem.cluster.ClusterMembership;
import dev.tandem.interfaces.realtime.connection.NodeFigures;
import dev.tandem.interfaces.rest.AdminPrincipal;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.interfaces.rest.Guard;
import dev.tandem.model.ModelRelay;
import dev.tandem.model.ModelService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /server/cluster}: the cluster's members as the answering node sees them (Server Admin), read-only. With
 * clustering off: {@code clustered} false and this node alone.
 */
@Path("server/cluster")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "server cluster")
public class ClusterResource {

    @Inject
    ClusterMembership cluster;

    @Inject
    ModelService models;

    @Inject
    NodeFigures figures;

    @Context
    SecurityContext security;

    @GET
    @Operation(
            summary = "The cluster's members as this node sees them (Server Admin): clustered, clusterName, "
                    + "localMember, members [{id, name, address, local, lite, realtimeConnections, openModels, figuresAt"
                    + " (each node's figures, the others' as published every 2 s)}], localModels {openModels,"
                    + " forwardedSessions (this node's sessions on models another node owns), relayedSessions (other"
                    + " nodes' sessions on models this node owns), relayMessagesSent, relayBytesSent, relayMessagesReceived,"
                    + " relayBytesReceived (the model relay's traffic since start)}")
    public Response members() throws AdminException {
        Guard.require(AdminPrincipal.of(security).canManageUsers(), "read the cluster's members");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clustered", cluster.clustered());
        if (cluster.clusterName() != null) {
            body.put("clusterName", cluster.clusterName());
        }
        body.put("localMember", cluster.localMemberId());
        Map<String, NodeFigures.Figures> published = figures.members();
        List<Map<String, Object>> members = cluster.members().stream()
                .map(member -> view(member, published.get(member.id())))
                .toList();
        body.put("members", members);
        // This node's share of the models: those whose writer runs here, and the sessions that cross to another node.
        ModelRelay.Counts relayed = models.relayCounts();
        Map<String, Object> local = new LinkedHashMap<>();
        local.put("openModels", models.openModels());
        local.put("forwardedSessions", relayed.forwarded());
        local.put("relayedSessions", relayed.relayed());
        ModelRelay.Traffic traffic = models.relayTraffic();
        local.put("relayMessagesSent", traffic.messagesSent());
        local.put("relayBytesSent", traffic.bytesSent());
        local.put("relayMessagesReceived", traffic.messagesReceived());
        local.put("relayBytesReceived", traffic.bytesReceived());
        body.put("localModels", local);
        return Envelope.ok(body);
    }

    private static Map<String, Object> view(ClusterMember member, NodeFigures.Figures figures) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", member.id());
        if (member.name() != null) {
            view.put("name", member.name());
        }
        if (member.address() != null) {
            view.put("address", member.address());
        }
        view.put("local", member.local());
        view.put("lite", member.lite());
        if (figures != null) {
            view.put("realtimeConnections", figures.realtimeConnections());
            view.put("openModels", figures.openModels());
            view.put("figuresAt", figures.publishedAt());
        }
        return view;
    }
}
