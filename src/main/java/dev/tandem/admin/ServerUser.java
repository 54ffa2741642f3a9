package dev.tandem.admin;

import dev.tandem.persistence.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user of the server itself (the admin side), as opposed to the users of one domain. */
@Entity
@Table(name = "server_users")
public class ServerUser {

    @Id
    private String id;

    @Column(nullable = false, updatable = false)
    private String username;

    @Column(name = "display_name")
    private String displayName;

    @Column
    private String email;

    /** {@link dev.tandem.security.PasswordHasher} format; never the password itself. */
    @Column(name = "password_hash")
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "server_role", nullable = false)
    private ServerRole role;

    @Column(nullable = false)
    private boolean disabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "first_name")
    private String firstName;

    @Column(name = "last_name")
    private String lastName;

    @Column(name = "last_login")
    private Instant lastLogin;

    /** SHA-256 of the long-lived bearer token ({@link dev.tandem.security.SecretHash}); never the token itself. */
    @Column(name = "bearer_token_hash")
    private String bearerTokenHash;

    /** The single sign-on issuer whose identity owns this account; {@code null} for a local account. */
    @Column(name = "sso_issuer")
    private String ssoIssuer;

    /** The subject ({@code sub}) at {@link #ssoIssuer} that owns this account; {@code null} for a local account. */
    @Column(name = "sso_subject")
    private String ssoSubject;

    protected ServerUser() {}

    public ServerUser(
            String username,
            String displayName,
            String email,
            String passwordHash,
            ServerRole role,
            Instant createdAt) {
        this.id = Ids.newId();
        this.username = username;
        this.displayName = displayName;
        this.email = email;
        this.passwordHash = passwordHash;
        this.role = role;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getEmail() {
        return email;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public ServerRole getRole() {
        return role;
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

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public void setRole(ServerRole role) {
        this.role = role;
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

    public Instant getLastLogin() {
        return lastLogin;
    }

    public void setLastLogin(Instant lastLogin) {
        this.lastLogin = lastLogin;
    }

    public String getBearerTokenHash() {
        return bearerTokenHash;
    }

    public void setBearerTokenHash(String bearerTokenHash) {
        this.bearerTokenHash = bearerTokenHash;
    }

    public String getSsoIssuer() {
        return ssoIssuer;
    }

    public String getSsoSubject() {
        return ssoSubject;
    }

    /** Whether single sign-on owns this account (it has no password then, and password login is refused). */
    public boolean isSso() {
        return ssoSubject != null;
    }

    /** Records the single sign-on identity that owns this account. */
    public void setSsoIdentity(String issuer, String subject) {
        this.ssoIssuer = issuer;
        this.ssoSubject = subject;
    }
}
