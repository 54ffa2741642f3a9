package dev.tandem.presence;

import dev.tandem.identity.DomainUserId;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The {@link PresenceService} of a single node: all presence in this JVM's memory, one {@link DomainPresence} per
 * domain. Correct as long as every session of a domain connects to this node; a cluster uses
 * {@link ClusterPresenceService} ({@link PresenceServices} chooses).
 */
final class LocalPresenceService implements PresenceService {

    private record DomainKey(String namespace, String domainId) {}

    // Domains are few and a DomainPresence without sessions is a few empty maps, so entries are kept, not removed:
    // removing one safely would need a second lock around every lookup.
    private final Map<DomainKey, DomainPresence> domains = new ConcurrentHashMap<>();

    private final int maxStateKeys;
    private final long maxStateBytes;

    LocalPresenceService(int maxStateKeys, long maxStateBytes) {
        this.maxStateKeys = maxStateKeys;
        this.maxStateBytes = maxStateBytes;
    }

    @Override
    public UserPresence connect(PresenceSession session, PresenceListener listener) {
        return domain(session).connect(session.sessionId(), session.user(), listener);
    }

    @Override
    public void disconnect(PresenceSession session) {
        domain(session).disconnect(session.sessionId());
    }

    @Override
    public void setState(PresenceSession session, Map<String, JsonValue> state) {
        // Refused before taking the domain's lock: the user's state could never hold this message.
        if (state.size() > maxStateKeys) {
            throw new IllegalArgumentException("a user's presence state holds at most " + maxStateKeys + " keys");
        }
        domain(session).setState(session.sessionId(), state);
    }

    @Override
    public void removeState(PresenceSession session, Collection<String> keys) {
        domain(session).removeState(session.sessionId(), keys);
    }

    @Override
    public void clearState(PresenceSession session) {
        domain(session).clearState(session.sessionId());
    }

    @Override
    public List<UserPresence> presence(String namespace, String domainId, List<DomainUserId> users) {
        checkSize(users);
        DomainPresence domain = domains.get(new DomainKey(namespace, domainId));
        return domain == null ? users.stream().map(UserPresence::unavailable).toList() : domain.presence(users);
    }

    @Override
    public void subscribe(PresenceSession session, List<DomainUserId> users, Consumer<List<UserPresence>> reply) {
        checkSize(users);
        domain(session).subscribe(session.sessionId(), users, reply);
    }

    @Override
    public void unsubscribe(PresenceSession session, Collection<DomainUserId> users) {
        domain(session).unsubscribe(session.sessionId(), users);
    }

    private DomainPresence domain(PresenceSession session) {
        return domains.computeIfAbsent(
                new DomainKey(session.namespace(), session.domainId()),
                k -> new DomainPresence(maxStateKeys, maxStateBytes));
    }

    private static void checkSize(Collection<?> users) {
        if (users.size() > MAX_USERS_PER_CALL) {
            throw new IllegalArgumentException("at most " + MAX_USERS_PER_CALL + " users per call");
        }
    }
}
