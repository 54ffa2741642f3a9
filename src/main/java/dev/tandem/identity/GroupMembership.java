package dev.tandem.identity;

import dev.tandem.persistence.Ids;
import dev.tandem.tenant.Domain;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * One user in one group. An entity rather than a join table so the row carries its domain like every other
 * domain-scoped row.
 */
@Entity
@Table(name = "user_group_members")
public class GroupMembership {

    @Id
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "domain_ref", nullable = false, updatable = false)
    private Domain domain;

    @ManyToOne(optional = false)
    @JoinColumn(name = "group_ref", nullable = false, updatable = false)
    private UserGroup group;

    @ManyToOne(optional = false)
    @JoinColumn(name = "user_ref", nullable = false, updatable = false)
    private DomainUser user;

    protected GroupMembership() {}

    public GroupMembership(UserGroup group, DomainUser user) {
        if (!group.getDomain().getId().equals(user.getDomain().getId())) {
            throw new IllegalArgumentException("group and user belong to different domains");
        }
        this.id = Ids.newId();
        this.domain = group.getDomain();
        this.group = group;
        this.user = user;
    }

    public String getId() {
        return id;
    }

    public UserGroup getGroup() {
        return group;
    }

    public DomainUser getUser() {
        return user;
    }
}
