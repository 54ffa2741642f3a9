package dev.tandem.interfaces.realtime.connection;

import dev.tandem.cluster.ClusterMember;
import dev.tandem.cluster.ClusterMembership;
import dev.tandem.cluster.SharedDirectory;
import dev.tandem.model.ModelService;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Each node's figures (its realtime connections and open models), for the views of the whole cluster: the status
 * endpoint's connection count and the cluster endpoint's members. A node counts only its own sockets and writers, so
 * in a cluster each publishes its figures every {@value #PERIOD_SECONDS} s to a shared directory, keyed by member id,
 * and a view adds this node's live figures to the others' last published ones. A member that left is dropped from the
 * views at once (only members count) and from the directory by the oldest member's next publication. With clustering
 * off nothing is published and the views are this node's.
 */
@ApplicationScoped
public class NodeFigures {

    static final String DIRECTORY = "tandem.node-figures";
    static final int PERIOD_SECONDS = 2;

    private static final Logger LOG = Logger.getLogger(NodeFigures.class.getName());

    /** One node's figures; {@code publishedAt} is when they were counted (epoch millis). */
    public record Figures(int realtimeConnections, int openModels, long publishedAt) {}

    @Inject
    ClusterMembership membership;

    @Inject
    ConnectionRegistry connections;

    @Inject
    ModelService models;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private volatile SharedDirectory directory;
    private ScheduledFuture<?> task;

    synchronized void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (membership.clustered() && task == null) {
            directory = membership.directory(DIRECTORY);
            task = scheduler.scheduleAtFixedRate(this::publish, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            try {
                SharedDirectory shared = directory;
                String self = membership.localMemberId();
                String mine = shared.get(self);
                if (mine != null) {
                    shared.remove(self, mine);
                }
            } catch (RuntimeException e) {
                // the grid may already be shutting down; the oldest member drops the entry later
                LOG.log(Level.FINE, "could not withdraw this node's figures", e);
            }
        }
    }

    /** This node's figures now. */
    public Figures local() {
        return new Figures(connections.size(), models.openModels(), System.currentTimeMillis());
    }

    /** Every member's figures by member id, oldest member first: this node's now, the others' as last published. */
    public Map<String, Figures> members() {
        Map<String, Figures> figures = new LinkedHashMap<>();
        SharedDirectory shared = directory;
        for (ClusterMember member : membership.members()) {
            if (member.local()) {
                figures.put(member.id(), local());
            } else if (shared != null) {
                Figures published = parse(shared.get(member.id()));
                if (published != null) {
                    figures.put(member.id(), published);
                }
            }
        }
        return figures;
    }

    /** The realtime connections of the whole cluster (of this node when it is alone). */
    public int clusterConnections() {
        return members().values().stream()
                .mapToInt(Figures::realtimeConnections)
                .sum();
    }

    void publish() {
        try {
            SharedDirectory shared = directory;
            String self = membership.localMemberId();
            Figures now = local();
            String json = Json.createObjectBuilder()
                    .add("realtimeConnections", now.realtimeConnections())
                    .add("openModels", now.openModels())
                    .add("publishedAt", now.publishedAt())
                    .build()
                    .toString();
            String previous = shared.get(self);
            if (previous == null) {
                shared.putIfAbsent(self, json);
            } else {
                shared.replace(self, previous, json);
            }
            if (membership.members().get(0).local()) {
                for (String key : shared.keys()) {
                    if (!membership.isMember(key)) {
                        String stale = shared.get(key);
                        if (stale != null) {
                            shared.remove(key, stale);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // a periodic task that throws is never run again
            LOG.log(Level.FINE, "publishing this node's figures failed; trying again", e);
        }
    }

    private static Figures parse(String json) {
        if (json == null) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            return new Figures(
                    object.getInt("realtimeConnections"),
                    object.getInt("openModels"),
                    object.getJsonNumber("publishedAt").longValue());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
