package dev.tandem.cluster;

import dev.tandem.common.SerialExecutor;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entries of a {@link SharedDirectory} that every change gives a new version, announced to every other member: the
 * ground for state that sessions on several nodes share and must see change in order (presence, activities).
 *
 * <ul>
 *   <li>{@link #update} changes an entry by compare-and-set, again until no other member changed it in between, so
 *       changes from several members serialize per entry as they would under one node's lock.</li>
 *   <li>{@link #announce} sends the new entry to every other member, whose receiver runs it in arrival order, off the
 *       data grid's threads. Announcements may overtake each other between members; a receiver compares versions
 *       and drops any older than what it already showed.</li>
 *   <li>Versions never go back: an entry that no longer matters stays as a tombstone for
 *       {@link #TOMBSTONE_MILLIS}; an entry written where none exists starts from the clock, in microseconds, past any
 *       version a tombstone that expired minutes ago could have held.</li>
 * </ul>
 *
 * <p>Values are JSON text, so the data grid holds plain strings and needs none of Tandem's classes.
 *
 * @param <T> the value of an entry
 */
public final class VersionedEntries<T extends VersionedEntries.Versioned<T>> {

    /** How long a tombstone stays: far longer than any announcement can take to reach a member. */
    public static final long TOMBSTONE_MILLIS = 10 * 60 * 1000;

    private static final Logger LOG = Logger.getLogger(VersionedEntries.class.getName());

    /** A value with a version. */
    public interface Versioned<T> {

        long version();

        /** True if the entry no longer matters (kept only as a tombstone, so that versions never go back). */
        boolean tombstone();

        /** This value at {@code version}, written at {@code now} (milliseconds). */
        T at(long version, long now);

        String toJson();
    }

    /** One change of an entry. */
    public record Change<T>(T before, T after) {}

    /** Receives another member's announcement: the entry's key, its value, and the announcer's note (or null). */
    public interface Receiver<T> {
        void received(String key, T value, String note);
    }

    private record Tombstone(String key, String value, long writtenAt) {}

    private final ClusterMembership membership;
    private final SharedDirectory directory;
    private final String channel;
    private final Function<String, T> parse;
    private final T absent;
    private final Executor inbox;
    private final Queue<Tombstone> tombstones = new ArrayDeque<>();

    /**
     * Entries of the directory {@code name}, announced on the channel {@code name + "-changes"}.
     *
     * @param parse    a value from its {@link Versioned#toJson} text
     * @param absent   the value of a key without an entry (version 0)
     * @param executor runs what other members announce, in arrival order ({@code receiver}), off the data grid's
     *                 threads
     */
    public VersionedEntries(
            ClusterMembership membership,
            String name,
            Function<String, T> parse,
            T absent,
            Executor executor,
            Receiver<T> receiver) {
        this.membership = membership;
        this.directory = membership.directory(name);
        this.channel = name + "-changes";
        this.parse = parse;
        this.absent = absent;
        this.inbox = new SerialExecutor(executor);
        membership.listen(channel, (from, message) -> inbox.execute(() -> received(message, receiver)));
    }

    /**
     * Applies {@code change} to the entry under {@code key}, atomically across the cluster. {@code change} returns
     * null for "nothing to change" and may throw, which leaves the entry as it was.
     *
     * @return the change, or null when there was nothing to change
     */
    public Change<T> update(String key, UnaryOperator<T> change) {
        expireTombstones();
        for (; ; ) {
            String stored = directory.get(key);
            T before = stored == null ? absent : parse.apply(stored);
            T changed = change.apply(before);
            if (changed == null) {
                return null;
            }
            long now = System.currentTimeMillis();
            long version = stored != null ? before.version() + 1 : Math.max(before.version() + 1, now * 1000);
            T after = changed.at(version, now);
            String text = after.toJson();
            boolean written = stored == null
                    ? text.equals(directory.putIfAbsent(key, text))
                    : directory.replace(key, stored, text);
            if (written) {
                if (after.tombstone()) {
                    synchronized (tombstones) {
                        tombstones.add(new Tombstone(key, text, now));
                    }
                }
                return new Change<>(before, after);
            }
        }
    }

    /** The entry under {@code key}, or the absent value. */
    public T read(String key) {
        String stored = directory.get(key);
        return stored == null ? absent : parse.apply(stored);
    }

    /** Every key now: a scan of the whole directory, for rare sweeps and listings, never on a hot path. */
    public Set<String> keys() {
        return directory.keys();
    }

    /** Sends the entry's new value, and a note for the receivers (may be null), to every other member. */
    public void announce(String key, T value, String note) {
        JsonObjectBuilder message = Json.createObjectBuilder().add("key", key).add("value", value.toJson());
        if (note != null) {
            message.add("note", note);
        }
        byte[] bytes = message.build().toString().getBytes(StandardCharsets.UTF_8);
        String self = membership.localMemberId();
        for (ClusterMember member : membership.members()) {
            if (!member.id().equals(self)) {
                membership.send(member.id(), channel, bytes);
            }
        }
    }

    /**
     * Runs {@code sweep} in order with the announcements received, if this member is the oldest: for work one
     * member does for all, such as removing what a member that left had.
     */
    public void whenOldest(Runnable sweep) {
        inbox.execute(() -> {
            List<ClusterMember> members = membership.members();
            if (!members.isEmpty() && members.get(0).id().equals(membership.localMemberId())) {
                sweep.run();
            }
        });
    }

    /** This member's id. */
    public String localMemberId() {
        return membership.localMemberId();
    }

    private void received(byte[] bytes, Receiver<T> receiver) {
        String key;
        T value;
        String note;
        try (JsonReader reader = Json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
            JsonObject message = reader.readObject();
            key = message.getString("key");
            value = parse.apply(message.getString("value"));
            note = message.getString("note", null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an unreadable announcement on " + channel + " was dropped", e);
            return;
        }
        receiver.received(key, value, note);
    }

    private void expireTombstones() {
        long now = System.currentTimeMillis();
        List<Tombstone> expired = new ArrayList<>();
        synchronized (tombstones) {
            while (!tombstones.isEmpty() && now - tombstones.peek().writtenAt() > TOMBSTONE_MILLIS) {
                expired.add(tombstones.poll());
            }
        }
        for (Tombstone t : expired) {
            directory.remove(t.key(), t.value()); // only if nobody wrote the entry since
        }
    }
}
