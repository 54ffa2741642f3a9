package dev.tandem.identity;

import dev.tandem.persistence.Ids;
import dev.tandem.tenant.Domain;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A named group of a domain's users (used by permissions and by the {@code groups} claim of JWTs). */
@Entity
@Table(name = "user_groups")
public class UserGroup {

    @Id
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "domain_ref", nullable = false, updatable = false)
    private Domain domain;

    @Column(name = "group_id", nullable = false, updatable = false)
    private String groupId;

    @Column
    private String description;

    protected UserGroup() {}

    public UserGroup(Domain domain, String groupId, String description) {
        this.id = Ids.newId();
        this.domain = domain;
        this.groupId = groupId;
        this.description = description;
    }

    public String getId() {
        return id;
    }

    public Domain getDomain() {
        return domain;
    }

    public String getGroupId() {
        return groupId;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }
}
