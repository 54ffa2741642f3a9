package dev.tandem.interfaces.rest;

import dev.tandem.TandemVersion;
import dev.tandem.cluster.ClusterMembership;
import dev.tandem.interfaces.realtime.connection.ConnectionRegistry;
import dev.tandem.interfaces.realtime.connection.NodeFigures;
import dev.tandem.interfaces.realtime.transport.TyrusRawFrames;
import dev.tandem.interfaces.realtime.transport.TyrusSchedulerSwap;
import dev.tandem.tenant.DomainRepository;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/rest/status}: answers once the application is deployed. The launcher probes it, because Payara
 * Micro reports "ready" even when a deployment failed, so it needs no credentials. Besides Convergence's fields
 * (version, distribution, status, namespaces, domains) it says whether the WebSocket fast path is in effect and how
 * many cluster members this node sees (1 when clustering is off).
 */
@Path("status")
@Public
@RequestScoped
@Tag(name = "status")
public class StatusResource {

    @Inject
    ConnectionRegistry connections;

    @Inject
    TyrusSchedulerSwap schedulerSwap;

    @Inject
    TyrusRawFrames rawFrames;

    @Inject
    DomainRepository domains;

    @Inject
    ClusterMembership cluster;

    @Inject
    NodeFigures figures;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server status; no credentials needed")
    public Map<String, Object> status() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "healthy");
        body.put("version", TandemVersion.VERSION);
        body.put("distribution", "Tandem");
        body.put("namespaces", domains.countNamespaces());
        body.put("domains", domains.countDomains());
        // the whole cluster's sockets (other nodes' as they last published them), then this node's
        body.put("realtimeConnections", figures.clusterConnections());
        body.put("nodeRealtimeConnections", connections.size());
        body.put("websocketFastPath", schedulerSwap.isActive());
        body.put("websocketGatheredWrites", rawFrames.isActive());
        body.put("clusterMembers", cluster.size());
        return Map.of("ok", true, "body", body);
    }
}
