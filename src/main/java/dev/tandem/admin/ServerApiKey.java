package dev.tandem.admin;

import dev.tandem.persistence.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One API key of a server user. Only the key's {@link dev.tandem.security.SecretHash} is kept; the key is shown once, when made. */
@Entity
@Table(name = "server_api_keys")
public class ServerApiKey {

    @Id
    private String id;

    @Column(name = "user_ref", nullable = false, updatable = false)
    private String userRef;

    @Column(nullable = false)
    private String name;

    @Column(name = "key_hash", nullable = false, updatable = false)
    private String keyHash;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used")
    private Instant lastUsed;

    protected ServerApiKey() {}

    ServerApiKey(String userRef, String name, String keyHash, boolean enabled, Instant createdAt) {
        this.id = Ids.newId();
        this.userRef = userRef;
        this.name = name;
        this.keyHash = keyHash;
        this.enabled = enabled;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getUserRef() {
        return userRef;
    }

    public String getName() {
        return name;
    }

    void setName(String name) {
        this.name = name;
    }

    public boolean isEnabled() {
        return enabled;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastUsed() {
        return lastUsed;
    }

    void setLastUsed(Instant lastUsed) {
        this.lastUsed = lastUsed;
    }
}
