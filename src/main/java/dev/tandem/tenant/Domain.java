package dev.tandem.tenant;

import dev.tandem.persistence.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One tenant: an isolated space of users, models and chats, addressed by {@code namespace/domainId}. Its surrogate
 * {@link #getId() id} is what every domain-scoped row refers to.
 */
@Entity
@Table(name = "domains")
public class Domain {

    @Id
    private String id;

    @Column(name = "namespace_id", nullable = false, updatable = false)
    private String namespaceId;

    @Column(name = "domain_id", nullable = false, updatable = false)
    private String domainId;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DomainStatus status;

    @Embedded
    private DomainConfig config;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Domain() {}

    public Domain(String namespaceId, String domainId, String displayName, DomainConfig config, Instant createdAt) {
        this.id = Ids.newId();
        this.namespaceId = namespaceId;
        this.domainId = domainId;
        this.displayName = displayName;
        this.status = DomainStatus.ONLINE;
        this.config = config;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getNamespaceId() {
        return namespaceId;
    }

    public String getDomainId() {
        return domainId;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public DomainStatus getStatus() {
        return status;
    }

    public void setStatus(DomainStatus status) {
        this.status = status;
    }

    public DomainConfig getConfig() {
        return config;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return namespaceId + "/" + domainId;
    }
}
