package dev.tandem.interfaces.realtime.connection;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one connection's client has been told through {@code identityCacheUpdate}: the users (as last sent) and the
 * session ids. Owned by its {@link ClientConnection}, so it lives and dies with the socket; only
 * {@link IdentityCache} reads or changes it, always holding this object's lock.
 */
final class KnownIdentities {

    final Map<DomainUserId, DomainUserView> users = new HashMap<>();
    final Set<String> sessions = new HashSet<>();
}
