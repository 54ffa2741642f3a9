package dev.tandem.identity;

import dev.tandem.tenant.Domain;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A reconnect token, stored only as its SHA-256: the token itself is a 256-bit random secret, so a fast hash is
 * enough to make a leaked table useless, and the hash doubles as the lookup key.
 */
@Entity
@Table(name = "reconnect_tokens")
public class ReconnectToken {

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "domain_ref", nullable = false, updatable = false)
    private Domain domain;

    @ManyToOne(optional = false)
    @JoinColumn(name = "user_ref", nullable = false, updatable = false)
    private DomainUser user;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected ReconnectToken() {}

    public ReconnectToken(String tokenHash, DomainUser user, Instant createdAt, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.domain = user.getDomain();
        this.user = user;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public Domain getDomain() {
        return domain;
    }

    public DomainUser getUser() {
        return user;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }
}
