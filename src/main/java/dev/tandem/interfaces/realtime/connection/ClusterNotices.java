package dev.tandem.interfaces.realtime.connection;

import dev.tandem.cluster.ClusterMember;
import dev.tandem.cluster.ClusterMembership;
import dev.tandem.identity.SessionDisconnectRequested;
import dev.tandem.tenant.DomainStatus;
import dev.tandem.tenant.DomainStatusChanged;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What an administrator asks of the connections, made true on every node of a cluster: a domain that goes
 * unavailable closes its connections everywhere ({@link DomainAvailability}), and a session disconnected from the
 * admin API is closed on whichever node holds it ({@link SessionDisconnects}). Both are CDI events on the node that
 * received the request; this bean sends each to the other nodes, which act on it as if it were their own.
 */
@ApplicationScoped
public class ClusterNotices {

    static final String CHANNEL = "connection-notices";

    private static final Logger LOG = Logger.getLogger(ClusterNotices.class.getName());

    @Inject
    ClusterMembership membership;

    @Inject
    DomainAvailability availability;

    @Inject
    SessionDisconnects disconnects;

    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the bean's creation does the work (start())
    }

    @PostConstruct
    void start() {
        membership.listen(CHANNEL, (from, message) -> received(message));
    }

    void statusChanged(@Observes DomainStatusChanged event) {
        send(Json.createObjectBuilder()
                .add("kind", "status")
                .add("namespace", event.namespace())
                .add("domainId", event.domainId())
                .add("status", event.status().name())
                .build());
    }

    void disconnectRequested(@Observes SessionDisconnectRequested request) {
        send(Json.createObjectBuilder()
                .add("kind", "disconnect")
                .add("namespace", request.namespace())
                .add("domainId", request.domainId())
                .add("sessionId", request.sessionId())
                .build());
    }

    private void send(JsonObject notice) {
        if (!membership.clustered()) {
            return;
        }
        byte[] bytes = notice.toString().getBytes(StandardCharsets.UTF_8);
        String self = membership.localMemberId();
        for (ClusterMember member : membership.members()) {
            if (!member.id().equals(self)) {
                membership.send(member.id(), CHANNEL, bytes);
            }
        }
    }

    private void received(byte[] message) {
        try (JsonReader reader = Json.createReader(new StringReader(new String(message, StandardCharsets.UTF_8)))) {
            JsonObject notice = reader.readObject();
            String namespace = notice.getString("namespace");
            String domainId = notice.getString("domainId");
            switch (notice.getString("kind")) {
                case "status" ->
                    availability.statusChanged(new DomainStatusChanged(
                            namespace, domainId, DomainStatus.valueOf(notice.getString("status"))));
                case "disconnect" ->
                    disconnects.disconnect(
                            new SessionDisconnectRequested(namespace, domainId, notice.getString("sessionId")));
                default -> LOG.warning(() -> "an unknown connection notice: " + notice);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a connection notice from another node failed", e);
        }
    }
}
