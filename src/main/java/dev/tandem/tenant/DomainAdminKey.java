package dev.tandem.tenant;

import dev.tandem.persistence.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A domain's own RSA key pair, made when the domain is created. JWTs signed with it carry the kid
 * {@value #KEY_ID} and log in users of type {@code CONVERGENCE} (the domain's administrators). The private key is
 * kept (PKCS#8 PEM) so the admin API can mint such tokens.
 */
@Entity
@Table(name = "domain_admin_keys")
public class DomainAdminKey {

    /** The kid that selects this key, as in Convergence. */
    public static final String KEY_ID = "ConvergenceAdminKey";

    @Id
    private String id;

    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "domain_ref", nullable = false, updatable = false)
    private Domain domain;

    @Column(name = "public_key", nullable = false)
    private String publicKey;

    @Column(name = "private_key", nullable = false)
    private String privateKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected DomainAdminKey() {}

    public DomainAdminKey(Domain domain, String publicKey, String privateKey, Instant createdAt) {
        this.id = Ids.newId();
        this.domain = domain;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public Domain getDomain() {
        return domain;
    }

    public String getPublicKey() {
        return publicKey;
    }

    public String getPrivateKey() {
        return privateKey;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
