package dev.tandem.admin;

import dev.tandem.persistence.DatabaseSchema;
import dev.tandem.persistence.Ids;
import dev.tandem.security.PasswordHasher;
import dev.tandem.tenant.Domain;
import dev.tandem.tenant.DomainConfig;
import dev.tandem.tenant.DomainRepository;
import dev.tandem.tenant.DomainSeeded;
import dev.tandem.tenant.SeedFile;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes a fresh installation usable and applies the operator's seed file, at every start, in one transaction.
 *
 * <ol>
 *   <li>The namespace {@value #DEFAULT_NAMESPACE} and the domain {@value #DEFAULT_NAMESPACE}/{@value #DEFAULT_DOMAIN}
 *       with anonymous authentication enabled, if absent.</li>
 *   <li>The server administrator {@code tandem.admin.username} (default {@code admin}), if absent, with the password
 *       {@code tandem.admin.password} or, without one, a generated password shown once (under the launcher's ready
 *       line, or logged on other servers). If present and {@code tandem.admin.password} is set and differs, the
 *       password is reset to it.</li>
 *   <li>The seed file {@code tandem.bootstrap.file}, if set ({@link SeedFile}): what it declares and is absent is
 *       created; what exists is left as it is (a warning tells when the file's settings differ from a domain's).</li>
 * </ol>
 *
 * A seed file that cannot be read or applied fails the start: running without what the operator declared would
 * fail later, less clearly.
 *
 * <p>Runs once per start when the container fires {@code @Initialized(ApplicationScoped.class)}, right after
 * {@link DatabaseSchema} migrated the schema (priority {@link DatabaseSchema#AFTER_MIGRATION_PRIORITY}), before the
 * first request; a failure throws and fails the deployment. Plain CDI with a JTA transaction, no EJB.
 */
@ApplicationScoped
public class TenantBootstrap {

    public static final String DEFAULT_NAMESPACE = "convergence";
    public static final String DEFAULT_DOMAIN = "default";

    /** Set by {@code dev.tandem.launcher.TandemLauncher}: the application runs under Tandem's own launcher. */
    public static final String LAUNCHER_PROPERTY = "tandem.launcher";

    /** Where a generated administrator password waits for the launcher, which prints it and removes it. */
    public static final String GENERATED_PASSWORD_PROPERTY = "tandem.launcher.generated-admin-password";

    private static final Logger LOG = Logger.getLogger(TenantBootstrap.class.getName());

    @Inject
    DomainRepository domains;

    @Inject
    ServerUserRepository serverUsers;

    @Inject
    Event<DomainSeeded> seeded;

    @Inject
    @ConfigProperty(name = "tandem.admin.username", defaultValue = "admin")
    String adminUsername;

    @Inject
    @ConfigProperty(name = "tandem.admin.password")
    Optional<String> adminPassword;

    @Inject
    @ConfigProperty(name = "tandem.bootstrap.file")
    Optional<String> seedFile;

    private final AtomicBoolean done = new AtomicBoolean();

    @Transactional
    void bootstrap(
            @Observes @Priority(DatabaseSchema.AFTER_MIGRATION_PRIORITY) @Initialized(ApplicationScoped.class)
                    Object ignored) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        try {
            ensureDefaultDomain();
            ensureAdministrator();
            seedFile.filter(s -> !s.isBlank()).map(Path::of).ifPresent(this::applySeedFile);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Tandem cannot start: the start-up bootstrap failed", e);
            throw new IllegalStateException(
                    "Tandem cannot start: the start-up bootstrap (default domain, administrator, seed file) failed: "
                            + e.getMessage(),
                    e);
        }
    }

    private void ensureDefaultDomain() {
        domains.ensureNamespace(DEFAULT_NAMESPACE, "Convergence");
        if (domains.find(DEFAULT_NAMESPACE, DEFAULT_DOMAIN).isEmpty()) {
            domains.create(
                    DEFAULT_NAMESPACE,
                    DEFAULT_DOMAIN,
                    "Default",
                    new DomainConfig(true, DomainConfig.DEFAULT_RECONNECT_TOKEN_VALIDITY_MINUTES));
        }
    }

    private void ensureAdministrator() {
        Optional<String> configured = adminPassword.filter(p -> !p.isBlank());
        Optional<ServerUser> existing = serverUsers.find(adminUsername);
        if (existing.isPresent()) {
            resetPasswordIfConfigured(existing.get(), configured);
            return;
        }
        String password = configured.orElseGet(() -> Ids.newSecret(18));
        serverUsers.create(adminUsername, "Administrator", null, new PasswordHasher().hash(password), ServerRole.ADMIN);
        if (configured.isPresent()) {
            LOG.log(
                    Level.INFO,
                    "Created server administrator \"{0}\" with the password from tandem.admin.password",
                    adminUsername);
        } else if (System.getProperty(LAUNCHER_PROPERTY) != null) {
            // The launcher prints it under its ready line, where a newcomer looks, and clears the property then.
            System.setProperty(GENERATED_PASSWORD_PROPERTY, password);
            LOG.log(Level.INFO, "Created server administrator \"{0}\" with a generated password", adminUsername);
        } else {
            // Shown once: the hash is all that is kept. Operators who need it repeatable set tandem.admin.password.
            LOG.log(
                    Level.INFO,
                    "Created server administrator \"{0}\" with the generated password: {1}  "
                            + "(shown only now; set tandem.admin.password to choose it)",
                    new Object[] {adminUsername, password});
        }
    }

    /**
     * The documented way back in for a locked-out administrator: {@code tandem.admin.password} set at a later start
     * becomes the administrator's password. While it stays set it wins at every start, like any other configured
     * value; a password changed through the API lasts until the next start.
     */
    private void resetPasswordIfConfigured(ServerUser admin, Optional<String> configured) {
        if (configured.isEmpty() || admin.isSso()) {
            return;
        }
        PasswordHasher hasher = new PasswordHasher();
        String stored = admin.getPasswordHash();
        if (stored != null && hasher.verify(configured.get(), stored)) {
            return;
        }
        serverUsers.setPasswordHash(admin, hasher.hash(configured.get()));
        LOG.log(
                Level.WARNING,
                "The password of server administrator \"{0}\" was reset from tandem.admin.password",
                adminUsername);
    }

    /**
     * Applies a seed file now, in the caller's transaction or a new one: creates what it declares and is absent.
     *
     * @throws IllegalArgumentException if the file cannot be read or contradicts itself
     */
    @Transactional
    public void applySeedFile(Path file) {
        SeedFile seed = SeedFile.read(file);
        LOG.log(Level.INFO, "Applying seed file {0} ({1} domain(s))", new Object[] {
            file, seed.domains().size()
        });
        for (SeedFile.DomainSeed entry : seed.domains()) {
            domains.ensureNamespace(entry.namespace(), null);
            Domain domain = domains.find(entry.namespace(), entry.id()).orElse(null);
            if (domain == null) {
                domain = domains.create(entry.namespace(), entry.id(), entry.displayName(), entry.config());
            } else {
                warnIfSettingsDiffer(domain, entry);
            }
            for (SeedFile.JwtKeySeed key : entry.jwtKeys()) {
                if (domains.findJwtKey(domain, key.id()).isEmpty()) {
                    domains.addJwtKey(domain, key.id(), key.description(), key.publicKey(), key.enabled());
                }
            }
            seeded.fire(new DomainSeeded(domain, entry));
        }
    }

    private static void warnIfSettingsDiffer(Domain domain, SeedFile.DomainSeed entry) {
        DomainConfig config = domain.getConfig();
        boolean anonymousDiffers = entry.anonymousAuth() != null && entry.anonymousAuth() != config.isAnonymousAuth();
        boolean validityDiffers = entry.reconnectTokenValidityMinutes() != null
                && entry.reconnectTokenValidityMinutes() != config.getReconnectTokenValidityMinutes();
        if (anonymousDiffers || validityDiffers) {
            LOG.log(
                    Level.WARNING,
                    "Seed file settings for existing domain {0} differ from the stored ones "
                            + "(anonymousAuth {1}, reconnect token validity {2} min); the seed file only creates what is absent, "
                            + "so the stored settings stay",
                    new Object[] {domain, config.isAnonymousAuth(), config.getReconnectTokenValidityMinutes()});
        }
    }
}
