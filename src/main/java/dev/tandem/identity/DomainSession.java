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

/** One authenticated connection of a user to a domain, from login to disconnect. */
@Entity
@Table(name = "sessions")
public class DomainSession {

    /** Random and unguessable: the client sees it and other clients see it as a collaborator's id. */
    @Id
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "domain_ref", nullable = false, updatable = false)
    private Domain domain;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_ref", nullable = false, updatable = false)
    private DomainUser user;

    @Column(name = "auth_method", nullable = false, updatable = false)
    private String authMethod;

    @Column(updatable = false)
    private String client;

    @Column(name = "client_version", updatable = false)
    private String clientVersion;

    @Column(name = "remote_host", updatable = false)
    private String remoteHost;

    @Column(name = "connected_at", nullable = false, updatable = false)
    private Instant connectedAt;

    @Column(name = "disconnected_at")
    private Instant disconnectedAt;

    /** The cluster member whose WebSocket carries the session (null in rows from before clusters). */
    @Column(name = "node_id", updatable = false)
    private String node;

    protected DomainSession() {}

    public DomainSession(
            String id, DomainUser user, String authMethod, ClientInfo clientInfo, String node, Instant connectedAt) {
        this.id = id;
        this.node = node;
        this.domain = user.getDomain();
        this.user = user;
        this.authMethod = authMethod;
        if (clientInfo != null) {
            this.client = clientInfo.client();
            this.clientVersion = clientInfo.clientVersion();
            this.remoteHost = clientInfo.remoteHost();
        }
        this.connectedAt = connectedAt;
    }

    public String getId() {
        return id;
    }

    public Domain getDomain() {
        return domain;
    }

    public DomainUser getUser() {
        return user;
    }

    public String getAuthMethod() {
        return authMethod;
    }

    public String getClient() {
        return client;
    }

    public String getClientVersion() {
        return clientVersion;
    }

    public String getRemoteHost() {
        return remoteHost;
    }

    public String getNode() {
        return node;
    }

    public Instant getConnectedAt() {
        return connectedAt;
    }

    public Instant getDisconnectedAt() {
        return disconnectedAt;
    }

    public void setDisconnectedAt(Instant disconnectedAt) {
        this.disconnectedAt = disconnectedAt;
    }
}
