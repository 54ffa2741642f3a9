package dev.tandem.identity;

import dev.tandem.tenant.Domain;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store of sessions and reconnect tokens. Services know it by this interface; CDI gives them {@link
 * JpaSessionRepository}. Every method, reads too, joins the caller's transaction or runs in its own (see {@link
 * dev.tandem.persistence}).
 */
public interface SessionRepository {

    /** What to look for in a domain's sessions; {@code null} fields do not filter. */
    record Filter(
            String sessionId,
            String username,
            String remoteHost,
            String authMethod,
            boolean excludeDisconnected,
            UserType userType) {}

    /** Records the start of a session of {@code user} and returns it. */
    DomainSession open(DomainUser user, String authMethod, ClientInfo client);

    Optional<DomainSession> find(String sessionId);

    /** One page of the domain's sessions that {@code filter} lets through, newest first. */
    List<DomainSession> find(Domain domain, Filter filter, int offset, int limit);

    /** The users behind {@code sessionIds} (open or ended) of domain {@code namespace/domainId}, by session id. */
    Map<String, DomainUser> usersOf(String namespace, String domainId, Collection<String> sessionIds);

    /** Records the end of a session; false if there is no such open session. */
    boolean close(String sessionId);

    /**
     * Records the end, at {@code now}, of every open session held by a node not in {@code liveNodes} (and of those
     * that name no node): sessions of a node that died, which could not record their own end. Returns how many.
     */
    int closeAbandoned(Collection<String> liveNodes, Instant now);

    /** A new reconnect token for {@code user}, valid for {@code validity}; only its hash is stored. */
    String issueReconnectToken(DomainUser user, Duration validity);

    /**
     * The user a reconnect token of {@code domain} belongs to, if the token exists and has not expired. The token is
     * used up: a reconnect login hands out a new one, so a stolen token works at most until its owner reconnects.
     */
    Optional<DomainUser> redeemReconnectToken(Domain domain, String token);

    /** Deletes the tokens that expired before {@code now}; returns how many. */
    int purgeExpiredTokens(Instant now);
}
