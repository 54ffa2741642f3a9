package dev.tandem.admin;

import dev.tandem.persistence.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A {@link TargetRole} a server user holds on one namespace or domain. */
@Entity
@Table(name = "server_user_roles")
public class ServerUserRole {

    @Id
    private String id;

    @Column(name = "user_ref", nullable = false, updatable = false)
    private String userRef;

    @Enumerated(EnumType.STRING)
    @Column(name = "target_type", nullable = false, updatable = false)
    private TargetRole.TargetType targetType;

    /** The namespace id, or {@code namespace/domainId}. */
    @Column(name = "target_id", nullable = false, updatable = false)
    private String targetId;

    @Enumerated(EnumType.STRING)
    @Column(name = "role_name", nullable = false)
    private TargetRole role;

    protected ServerUserRole() {}

    ServerUserRole(String userRef, TargetRole.TargetType targetType, String targetId, TargetRole role) {
        this.id = Ids.newId();
        this.userRef = userRef;
        this.targetType = targetType;
        this.targetId = targetId;
        this.role = role;
    }

    public String getUserRef() {
        return userRef;
    }

    public TargetRole.TargetType getTargetType() {
        return targetType;
    }

    public String getTargetId() {
        return targetId;
    }

    public TargetRole getRole() {
        return role;
    }

    void setRole(TargetRole role) {
        this.role = role;
    }
}
