package dev.tandem.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/** The server's own users. */
@ApplicationScoped
public class ServerUserRepository {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    public Optional<ServerUser> find(String username) {
        return em.createQuery("SELECT u FROM ServerUser u WHERE u.username = :username", ServerUser.class)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }

    /** The account that the single sign-on identity {@code (issuer, subject)} owns. */
    public Optional<ServerUser> findBySso(String issuer, String subject) {
        return em.createQuery(
                        "SELECT u FROM ServerUser u WHERE u.ssoIssuer = :issuer AND u.ssoSubject = :subject",
                        ServerUser.class)
                .setParameter("issuer", issuer)
                .setParameter("subject", subject)
                .getResultStream()
                .findFirst();
    }

    /** Creates a server user; {@code passwordHash} is in {@link dev.tandem.security.PasswordHasher} format. */
    @Transactional
    public ServerUser create(String username, String displayName, String email, String passwordHash, ServerRole role) {
        ServerUser user = new ServerUser(username, displayName, email, passwordHash, role, Instant.now());
        em.persist(user);
        return user;
    }

    /** Replaces a user's password hash ({@link dev.tandem.security.PasswordHasher} format). */
    @Transactional
    public void setPasswordHash(ServerUser user, String passwordHash) {
        em.find(ServerUser.class, user.getId()).setPasswordHash(passwordHash);
    }
}
