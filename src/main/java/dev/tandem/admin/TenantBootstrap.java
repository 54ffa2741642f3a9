package dev.tandem.admin;

import dev.tandem.persistence.Ids;
import dev.tandem.security.PasswordHasher;
import dev.tandem.tenant.Domain;
import dev.tandem.tenant.DomainConfig;
import dev.tandem.tenant.DomainRepository;
import dev.tandem.tenant.DomainSeeded;
import dev.tandem.tenant.SeedFile;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
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
 *       {@code tandem.admin.password} or, without one, a generated password logged once.</li>
 *   <li>The seed file {@code tandem.bootstrap.file}, if set ({@link SeedFile}): what it declares and is absent is
 *       created; what exists is left as it is (a warning tells when the file's settings differ from a domain's).</li>
 * </ol>
 *
 * A seed file that cannot be read or applied fails the start: running without what the operator declared would
 * fail later, less clearly.
 */
@Startup
@Singleton
@DependsOn("DatabaseSchema")
public class TenantBootstrap {

    public static final String DEFAULT_NAMESPACE = "convergence";
    public static final String DEFAULT_DOMAIN = "default";

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

    @PostConstruct
    void bootstrap() {
        ensureDefaultDomain();
        ensureAdministrator();
        seedFile.filter(s -> !s.isBlank()).map(Path::of).ifPresent(this::applySeedFile);
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
        if (serverUsers.find(adminUsername).isPresent()) {
            return;
        }
        Optional<String> configured = adminPassword.filter(p -> !p.isBlank());
        String password = configured.orElseGet(() -> Ids.newSecret(18));
        serverUsers.create(adminUsername, "Administrator", null, new PasswordHasher().hash(password), ServerRole.ADMIN);
        if (configured.isPresent()) {
            LOG.log(
                    Level.INFO,
                    "Created server administrator \"{0}\" with the password from tandem.admin.password",
                    adminUsername);
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
     * Applies a seed file now, in the caller's transaction or a new one: creates what it declares and is absent.
     *
     * @throws IllegalArgumentException if the file cannot be read or contradicts itself
     */
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
