package dev.tandem.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Duration;

/**
 * A domain's settings. Kept as columns of the domain row: each new setting is one more column (with a default) in a
 * later migration, and reading a domain reads its settings in the same query.
 */
@Embeddable
public class DomainConfig {

    /** Reconnect tokens stay valid for a day unless the domain says otherwise. */
    public static final int DEFAULT_RECONNECT_TOKEN_VALIDITY_MINUTES = 24 * 60;

    @Column(name = "anonymous_auth", nullable = false)
    private boolean anonymousAuth;

    @Column(name = "reconnect_token_validity_minutes", nullable = false)
    private int reconnectTokenValidityMinutes = DEFAULT_RECONNECT_TOKEN_VALIDITY_MINUTES;

    /** Whether creating a model in a missing collection creates it (else {@code collection_does_not_exist}). */
    @Column(name = "auto_create_collections", nullable = false)
    private boolean autoCreateCollections = true;

    protected DomainConfig() {}

    public DomainConfig(boolean anonymousAuth, int reconnectTokenValidityMinutes) {
        if (reconnectTokenValidityMinutes <= 0) {
            throw new IllegalArgumentException(
                    "reconnect token validity must be positive: " + reconnectTokenValidityMinutes);
        }
        this.anonymousAuth = anonymousAuth;
        this.reconnectTokenValidityMinutes = reconnectTokenValidityMinutes;
    }

    public boolean isAnonymousAuth() {
        return anonymousAuth;
    }

    public void setAnonymousAuth(boolean anonymousAuth) {
        this.anonymousAuth = anonymousAuth;
    }

    public int getReconnectTokenValidityMinutes() {
        return reconnectTokenValidityMinutes;
    }

    public boolean isAutoCreateCollections() {
        return autoCreateCollections;
    }

    public void setAutoCreateCollections(boolean autoCreateCollections) {
        this.autoCreateCollections = autoCreateCollections;
    }

    public void setReconnectTokenValidityMinutes(int reconnectTokenValidityMinutes) {
        if (reconnectTokenValidityMinutes <= 0) {
            throw new IllegalArgumentException(
                    "reconnect token validity must be positive: " + reconnectTokenValidityMinutes);
        }
        this.reconnectTokenValidityMinutes = reconnectTokenValidityMinutes;
    }

    public Duration reconnectTokenValidity() {
        return Duration.ofMinutes(reconnectTokenValidityMinutes);
    }
}
