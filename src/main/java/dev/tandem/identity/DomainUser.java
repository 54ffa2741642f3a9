package dev.tandem.identity;

import dev.tandem.persistence.Ids;
import dev.tandem.tenant.Domain;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user of one domain, unique by domain, {@link UserType type} and username. */
@Entity
@Table(name = "domain_users")
public class DomainUser {

    @Id
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "domain_ref", nullable = false, updatable = false)
    private Domain domain;

    @Enumerated(EnumType.STRING)
    @Column(name = "user_type", nullable = false, updatable = false)
    private UserType type;

    @Column(nullable = false, updatable = false)
    private String username;

    @Column(name = "display_name")
    private String displayName;

    @Column(name = "first_name")
    private String firstName;

    @Column(name = "last_name")
    private String lastName;

    @Column
    private String email;

    /** {@link dev.tandem.security.PasswordHasher} format; {@code null} means no password login. */
    @Column(name = "password_hash")
    private String passwordHash;

    @Column(nullable = false)
    private boolean disabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected DomainUser() {}

    public DomainUser(Domain domain, UserType type, String username, Instant createdAt) {
        this.id = Ids.newId();
        this.domain = domain;
        this.type = type;
        this.username = username;
        this.createdAt = createdAt;
    }

    public DomainUserView view() {
        return new DomainUserView(type, username, displayName, firstName, lastName, email);
    }

    public String getId() {
        return id;
    }

    public Domain getDomain() {
        return domain;
    }

    public UserType getType() {
        return type;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public boolean isDisabled() {
        return disabled;
    }

    public void setDisabled(boolean disabled) {
        this.disabled = disabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
