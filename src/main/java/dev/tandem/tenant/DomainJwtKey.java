package dev.tandem.tenant;

import dev.tandem.persistence.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A public key registered with a domain to verify the JWTs its application mints. A JWT names it by its
 * {@code kid} header, which is this key's {@link #getKeyId() key id}.
 */
@Entity
@Table(name = "domain_jwt_keys")
public class DomainJwtKey {

    @Id
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "domain_ref", nullable = false, updatable = false)
    private Domain domain;

    @Column(name = "key_id", nullable = false, updatable = false)
    private String keyId;

    @Column
    private String description;

    /** X.509 SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----}). */
    @Column(name = "public_key", nullable = false)
    private String publicKey;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected DomainJwtKey() {}

    public DomainJwtKey(
            Domain domain, String keyId, String description, String publicKey, boolean enabled, Instant createdAt) {
        this.id = Ids.newId();
        this.domain = domain;
        this.keyId = keyId;
        this.description = description;
        this.publicKey = publicKey;
        this.enabled = enabled;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public Domain getDomain() {
        return domain;
    }

    public String getKeyId() {
        return keyId;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getPublicKey() {
        return publicKey;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
