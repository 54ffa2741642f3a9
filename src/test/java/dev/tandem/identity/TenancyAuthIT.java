package dev.tandem.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tandem.admin.ServerRole;
import dev.tandem.admin.ServerUser;
import dev.tandem.admin.ServerUserRepository;
import dev.tandem.admin.TenantBootstrap;
import dev.tandem.security.PasswordHasher;
import dev.tandem.security.RsaKeys;
import dev.tandem.tenant.Domain;
import dev.tandem.tenant.DomainAdminKey;
import dev.tandem.tenant.DomainConfig;
import dev.tandem.tenant.DomainRepository;
import dev.tandem.tenant.DomainStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bootstrap, seed file and every authentication path, in Payara Micro against the real database.
 *
 * <p>The deployment is the packaged {@code target/tandem.war} plus this class, so what is tested is what ships. It
 * runs on a fresh H2 file database under {@code target/it-data/}; with {@code TANDEM_TEST_PG_URL} (and
 * {@code TANDEM_TEST_PG_USER}, {@code TANDEM_TEST_PG_PASSWORD}) set as system properties or environment variables,
 * on that PostgreSQL database instead. The tests tolerate a database left by an earlier run.
 */
@ExtendWith(ArquillianExtension.class)
class TenancyAuthIT {

    private static final Logger LOG = Logger.getLogger(TenancyAuthIT.class.getName());
    private static final String ADMIN_PASSWORD = "it-admin-password";
    private static final ClientInfo CLIENT = new ClientInfo("JavaScript", "1.0.0-rc.12", "127.0.0.1");

    @Deployment
    static WebArchive deployment() throws IOException {
        Path run = Path.of("target", "it-data", "run-" + System.currentTimeMillis())
                .toAbsolutePath();
        Files.createDirectories(run);

        // A JWT key pair for this run only: the seed gets the public half, the tests inside the server the private one.
        KeyPair pair = RsaKeys.generate();
        String keyId = "it-" + UUID.randomUUID();
        String seed;
        try (InputStream template = TenancyAuthIT.class.getResourceAsStream("/tandem-it-seed.json")) {
            seed = new String(template.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@KEY_ID@", keyId)
                    .replace("@PUBLIC_KEY@", RsaKeys.toPem(pair.getPublic()).replace("\n", "\\n"));
        }
        Path seedFile = Files.writeString(run.resolve("seed.json"), seed);

        StringBuilder config = new StringBuilder()
                .append("config_ordinal=500\n") // above system properties and the environment
                .append("tandem.data.dir=")
                .append(run)
                .append('\n')
                .append("tandem.bootstrap.file=")
                .append(seedFile)
                .append('\n')
                .append("tandem.admin.password=")
                .append(ADMIN_PASSWORD)
                .append('\n');
        String pgUrl = setting("TANDEM_TEST_PG_URL");
        // The build runs this class once per database: tandem.it.database=h2 forces H2 even where PostgreSQL is set.
        boolean onPostgres =
                pgUrl != null && !pgUrl.isBlank() && !"h2".equals(System.getProperty("tandem.it.database"));
        if (onPostgres) {
            config.append("tandem.db.url=")
                    .append(pgUrl)
                    .append('\n')
                    .append("tandem.db.datasource-class=org.postgresql.ds.PGSimpleDataSource\n")
                    .append("tandem.db.user=")
                    .append(orDefault(setting("TANDEM_TEST_PG_USER"), "postgres"))
                    .append('\n')
                    .append("tandem.db.password=")
                    .append(orDefault(setting("TANDEM_TEST_PG_PASSWORD"), "postgres"))
                    .append('\n');
        }
        JavaArchive testConfig = ShrinkWrap.create(JavaArchive.class, "tandem-it-config.jar")
                .addAsManifestResource(new StringAsset(config.toString()), "microprofile-config.properties");

        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/tandem.war"))
                .addClasses(TenancyAuthIT.class, IdentityFixtures.class)
                .addAsLibrary(testConfig)
                .addAsResource(new StringAsset(RsaKeys.toPem(pair.getPrivate())), "it/jwt-private.pem")
                .addAsResource(new StringAsset(keyId), "it/jwt-key-id.txt");
    }

    private static String setting(String name) {
        return System.getProperty(name, System.getenv(name));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    @Inject
    AuthenticationService auth;

    @Inject
    DomainRepository domains;

    @Inject
    DomainUserRepository users;

    @Inject
    SessionRepository sessions;

    @Inject
    ServerUserRepository serverUsers;

    @Inject
    TenantBootstrap bootstrap;

    @Inject
    IdentityFixtures fixtures;

    @Resource
    ManagedExecutorService executor;

    private Domain acme;
    private Domain defaultDomain;
    private PrivateKey jwtKey;
    private String jwtKeyId;

    @BeforeEach
    void setUp() {
        acme = domains.find("acme", "app").orElseThrow();
        defaultDomain = domains.find("convergence", "default").orElseThrow();
        jwtKey = RsaKeys.parsePrivateKey(resource("/it/jwt-private.pem"));
        jwtKeyId = resource("/it/jwt-key-id.txt");
    }

    // --- bootstrap and seed file ---

    @Test
    void bootstrapCreatedTheDefaults() {
        LOG.info(() -> "Integration tests run on " + fixtures.databaseProduct());
        assertTrue(defaultDomain.getConfig().isAnonymousAuth());
        assertEquals(24 * 60, defaultDomain.getConfig().getReconnectTokenValidityMinutes());
        assertEquals("Default", defaultDomain.getDisplayName());
        assertTrue(domains.findNamespace("convergence").isPresent());
        assertTrue(domains.findAdminKey(defaultDomain).isPresent(), "every domain gets its own admin key pair");
        assertTrue(domains.findVerificationKey(defaultDomain, DomainAdminKey.KEY_ID)
                .orElseThrow()
                .adminKey());

        ServerUser admin = serverUsers.find("admin").orElseThrow();
        assertEquals(ServerRole.ADMIN, admin.getRole());
        assertTrue(new PasswordHasher().verify(ADMIN_PASSWORD, admin.getPasswordHash()));
    }

    @Test
    void seedFileCreatedDomainsUsersGroupsAndKeys() {
        assertEquals("App", acme.getDisplayName());
        assertFalse(acme.getConfig().isAnonymousAuth());
        assertEquals(90, acme.getConfig().getReconnectTokenValidityMinutes());
        assertTrue(domains.findAdminKey(acme).isPresent());

        DomainUser alice = users.find(acme, UserType.NORMAL, "alice").orElseThrow();
        assertEquals(
                new DomainUserView(UserType.NORMAL, "alice", "Alice A", "Alice", "A", "alice@example.com"),
                alice.view());
        assertTrue(alice.getPasswordHash().startsWith("pbkdf2-sha256$"), "stored hashed, never plain");
        assertEquals(List.of("eng"), users.groupIdsOf(alice));
        assertEquals(
                List.of("alice", "carol"),
                users.memberNamesOf(users.findGroup(acme, "eng").orElseThrow()));
        assertTrue(users.findGroup(acme, "empty").isPresent());

        assertTrue(domains.findJwtKey(acme, jwtKeyId).orElseThrow().isEnabled());
        assertFalse(domains.findJwtKey(acme, jwtKeyId + "-off").orElseThrow().isEnabled());

        assertTrue(
                users.find(defaultDomain, UserType.NORMAL, "bob").isPresent(),
                "seed adds to the existing default domain");
        assertTrue(users.find(acme, UserType.NORMAL, "bob").isEmpty(), "users stay in their domain");
    }

    @Test
    void seedFileIsIdempotent() {
        String aliceHash =
                users.find(acme, UserType.NORMAL, "alice").orElseThrow().getPasswordHash();
        bootstrap.applySeedFile(Path.of(ConfigProvider.getConfig().getValue("tandem.bootstrap.file", String.class)));
        assertEquals(
                aliceHash,
                users.find(acme, UserType.NORMAL, "alice").orElseThrow().getPasswordHash(),
                "existing users are left alone");
        assertEquals(
                List.of("alice", "carol"),
                users.memberNamesOf(users.findGroup(acme, "eng").orElseThrow()));
        assertEquals(
                2,
                domains.findJwtKeys(acme).stream()
                        .filter(k -> k.getKeyId().startsWith(jwtKeyId))
                        .count());
    }

    // --- domain and method ---

    @Test
    void unknownDomain() {
        assertRejected(auth.authenticate("acme", "nope", new Credentials.Anonymous("x"), CLIENT), "domain_not_found");
        assertRejected(
                auth.authenticate("nope", "app", new Credentials.Password("alice", "alice-pw"), CLIENT),
                "domain_not_found");
    }

    @Test
    void missingCredentials() {
        assertRejected(auth.authenticate("acme", "app", null, CLIENT), "invalid_auth_method");
    }

    // --- anonymous ---

    @Test
    void anonymousWhereAllowed() {
        AuthenticationResult.Authenticated ok = authenticated(
                auth.authenticate("convergence", "default", new Credentials.Anonymous("Guest Star"), CLIENT),
                "anonymous");
        assertEquals(UserType.ANONYMOUS, ok.user().type());
        assertTrue(ok.user().username().startsWith("anonymous-"), ok.user().username());
        assertEquals("Guest Star", ok.user().displayName());
        assertEquals("convergence", ok.namespace());
        assertEquals("default", ok.domainId());

        AuthenticationResult.Authenticated other = authenticated(
                auth.authenticate("convergence", "default", new Credentials.Anonymous(null), CLIENT), "anonymous");
        assertNotEquals(ok.user().username(), other.user().username(), "a new user per anonymous login");
        assertNull(other.user().displayName());
    }

    @Test
    void anonymousWhereDisabled() {
        assertRejected(
                auth.authenticate("acme", "app", new Credentials.Anonymous("Guest"), CLIENT),
                "anonymous_auth_disabled");
    }

    @Test
    void anonymousUsersGetWorkingReconnectTokens() {
        AuthenticationResult.Authenticated first = authenticated(
                auth.authenticate("convergence", "default", new Credentials.Anonymous("Guest"), CLIENT), "anonymous");
        AuthenticationResult.Authenticated again = authenticated(
                auth.authenticate(
                        "convergence", "default", new Credentials.ReconnectToken(first.reconnectToken()), CLIENT),
                "reconnect");
        assertEquals(first.user(), again.user());
    }

    // --- password ---

    @Test
    void passwordLoginRecordsASession() {
        Instant before = Instant.now().minusSeconds(1);
        AuthenticationResult.Authenticated ok = authenticated(
                auth.authenticate("acme", "app", new Credentials.Password("alice", "alice-pw"), CLIENT), "password");
        assertEquals(
                new DomainUserView(UserType.NORMAL, "alice", "Alice A", "Alice", "A", "alice@example.com"), ok.user());
        assertEquals("acme", ok.namespace());
        assertEquals("app", ok.domainId());
        assertTrue(ok.sessionId().length() >= 22, "at least 128 random bits: " + ok.sessionId());
        assertTrue(ok.reconnectToken().length() >= 22, "at least 128 random bits");

        DomainSession session = sessions.find(ok.sessionId()).orElseThrow();
        assertEquals("password", session.getAuthMethod());
        assertEquals("JavaScript", session.getClient());
        assertEquals("1.0.0-rc.12", session.getClientVersion());
        assertEquals("127.0.0.1", session.getRemoteHost());
        assertEquals(acme.getId(), session.getDomain().getId());
        assertTrue(session.getConnectedAt().isAfter(before));
        assertNull(session.getDisconnectedAt());

        auth.sessionEnded(ok.sessionId());
        assertNotNull(sessions.find(ok.sessionId()).orElseThrow().getDisconnectedAt());
        auth.sessionEnded(ok.sessionId()); // twice, or unknown: no exception
        auth.sessionEnded("no-such-session");
    }

    @Test
    void aSessionNamesItsNodeAndEndsWhenItsNodeIsNoLongerAMember() {
        AuthenticationResult.Authenticated ok = authenticated(
                auth.authenticate("acme", "app", new Credentials.Password("alice", "alice-pw"), CLIENT), "password");
        String node = sessions.find(ok.sessionId()).orElseThrow().getNode();
        assertNotNull(node, "the session names the node holding it");

        // This node is a member: its sessions are not abandoned.
        sessions.closeAbandoned(List.of(node), Instant.now());
        assertNull(sessions.find(ok.sessionId()).orElseThrow().getDisconnectedAt());

        // Its node is gone (killed): the sweep records the end of the session, once.
        Instant sweep = Instant.now();
        assertTrue(sessions.closeAbandoned(List.of("another-node"), sweep) >= 1);
        assertEquals(
                sweep.toEpochMilli(),
                sessions.find(ok.sessionId()).orElseThrow().getDisconnectedAt().toEpochMilli());
        sessions.closeAbandoned(List.of("another-node"), sweep.plusSeconds(60));
        assertEquals(
                sweep.toEpochMilli(),
                sessions.find(ok.sessionId()).orElseThrow().getDisconnectedAt().toEpochMilli());
    }

    @Test
    void everyConnectionGetsItsOwnSession() {
        var first = authenticated(
                auth.authenticate("acme", "app", new Credentials.Password("carol", "carol-pw"), CLIENT), "password");
        var second = authenticated(
                auth.authenticate("acme", "app", new Credentials.Password("carol", "carol-pw"), CLIENT), "password");
        assertNotEquals(first.sessionId(), second.sessionId());
        assertNotEquals(first.reconnectToken(), second.reconnectToken());
    }

    @Test
    void wrongPasswordUnknownUserAndWrongDomain() {
        assertRejected(
                auth.authenticate("acme", "app", new Credentials.Password("alice", "wrong"), CLIENT),
                "authentication_failed");
        assertRejected(
                auth.authenticate("acme", "app", new Credentials.Password("mallory", "alice-pw"), CLIENT),
                "authentication_failed");
        assertRejected(
                auth.authenticate("acme", "app", new Credentials.Password(null, null), CLIENT),
                "authentication_failed");
        assertRejected(
                auth.authenticate("convergence", "default", new Credentials.Password("alice", "alice-pw"), CLIENT),
                "authentication_failed");
    }

    @Test
    void disabledUser() {
        String name = "dora-" + UUID.randomUUID();
        DomainUser dora = users.createNormal(acme, name, new PasswordHasher().hash("dora-pw"), null, null, null, null);
        authenticated(auth.authenticate("acme", "app", new Credentials.Password(name, "dora-pw"), CLIENT), "password");
        users.setDisabled(dora, true);
        assertRejected(
                auth.authenticate("acme", "app", new Credentials.Password(name, "dora-pw"), CLIENT),
                "authentication_failed");
    }

    @Test
    void weakHashesAreUpgradedAtLogin() {
        String name = "old-" + UUID.randomUUID();
        users.createNormal(acme, name, new PasswordHasher(1_000).hash("old-pw"), null, null, null, null);
        authenticated(auth.authenticate("acme", "app", new Credentials.Password(name, "old-pw"), CLIENT), "password");
        String upgraded = users.find(acme, UserType.NORMAL, name).orElseThrow().getPasswordHash();
        assertTrue(upgraded.startsWith("pbkdf2-sha256$" + PasswordHasher.DEFAULT_ITERATIONS + "$"), upgraded);
        authenticated(auth.authenticate("acme", "app", new Credentials.Password(name, "old-pw"), CLIENT), "password");
    }

    // --- reconnect tokens ---

    @Test
    void reconnectTokenIsIssuedAcceptedAndRefreshed() {
        AuthenticationResult.Authenticated login = authenticated(
                auth.authenticate("acme", "app", new Credentials.Password("alice", "alice-pw"), CLIENT), "password");
        AuthenticationResult.Authenticated reconnected = authenticated(
                auth.authenticate("acme", "app", new Credentials.ReconnectToken(login.reconnectToken()), CLIENT),
                "reconnect");
        assertEquals(login.user(), reconnected.user());
        assertNotEquals(login.sessionId(), reconnected.sessionId());
        assertNotEquals(login.reconnectToken(), reconnected.reconnectToken(), "a fresh token on every success");
        assertEquals(
                "reconnect",
                sessions.find(reconnected.sessionId()).orElseThrow().getAuthMethod());

        assertRejected(
                auth.authenticate("acme", "app", new Credentials.ReconnectToken(login.reconnectToken()), CLIENT),
                "authentication_failed");
        authenticated(
                auth.authenticate("acme", "app", new Credentials.ReconnectToken(reconnected.reconnectToken()), CLIENT),
                "reconnect");
    }

    @Test
    void badReconnectTokens() {
        assertRejected(
                auth.authenticate("acme", "app", new Credentials.ReconnectToken("made-up"), CLIENT),
                "authentication_failed");
        assertRejected(
                auth.authenticate("acme", "app", new Credentials.ReconnectToken(null), CLIENT),
                "authentication_failed");

        AuthenticationResult.Authenticated login = authenticated(
                auth.authenticate("acme", "app", new Credentials.Password("alice", "alice-pw"), CLIENT), "password");
        assertRejected(
                auth.authenticate(
                        "convergence", "default", new Credentials.ReconnectToken(login.reconnectToken()), CLIENT),
                "authentication_failed");

        AuthenticationResult.Authenticated other = authenticated(
                auth.authenticate("acme", "app", new Credentials.Password("alice", "alice-pw"), CLIENT), "password");
        fixtures.expire(other.reconnectToken());
        assertRejected(
                auth.authenticate("acme", "app", new Credentials.ReconnectToken(other.reconnectToken()), CLIENT),
                "authentication_failed");
        assertNull(fixtures.expiresAt(other.reconnectToken()), "a refused expired token is deleted");
    }

    @Test
    void tokensAreStoredHashedWithTheDomainsValidity() {
        Instant before = Instant.now();
        AuthenticationResult.Authenticated login = authenticated(
                auth.authenticate("acme", "app", new Credentials.Password("alice", "alice-pw"), CLIENT), "password");
        assertFalse(fixtures.storedInClear(login.reconnectToken()));
        Instant expiry = fixtures.expiresAt(login.reconnectToken());
        assertNotNull(expiry);
        assertFalse(expiry.isBefore(before.plus(Duration.ofMinutes(90))), "acme/app says 90 minutes: " + expiry);
        assertTrue(expiry.isBefore(Instant.now().plus(Duration.ofMinutes(90)).plusSeconds(1)), expiry::toString);
    }

    @Test
    void expiredTokensArePurged() {
        AuthenticationResult.Authenticated login = authenticated(
                auth.authenticate("acme", "app", new Credentials.Password("alice", "alice-pw"), CLIENT), "password");
        fixtures.expire(login.reconnectToken());
        assertTrue(sessions.purgeExpiredTokens(Instant.now()) >= 1);
        assertNull(fixtures.expiresAt(login.reconnectToken()));
    }

    @Test
    void offlineDomainAsksToRetryLater() {
        Domain domain = domains.create("acme", "offline-" + UUID.randomUUID(), null, new DomainConfig(true, 60));
        authenticated(
                auth.authenticate("acme", domain.getDomainId(), new Credentials.Anonymous(null), CLIENT), "anonymous");
        domains.setStatus(domain, DomainStatus.OFFLINE);
        AuthenticationResult.Rejected rejected = assertInstanceOf(
                AuthenticationResult.Rejected.class,
                auth.authenticate("acme", domain.getDomainId(), new Credentials.Anonymous(null), CLIENT));
        assertEquals("domain_unavailable", rejected.code());
        assertTrue(rejected.retryOk());
    }

    // --- JWT ---

    @Test
    void jwtCreatesAndUpdatesTheUserJustInTime() throws Exception {
        String subject = "jwt-" + UUID.randomUUID();
        AuthenticationResult.Authenticated first = authenticated(
                auth.authenticate(
                        "acme",
                        "app",
                        new Credentials.Jwt(jwt(
                                jwtKey,
                                jwtKeyId,
                                subject,
                                c -> c.claim("firstName", "Jay")
                                        .claim("lastName", "W")
                                        .claim("displayName", "Jay W")
                                        .claim("email", "jay@example.com")
                                        .claim("groups", List.of("eng", "jwt-made")))),
                        CLIENT),
                "jwt");
        assertEquals(
                new DomainUserView(UserType.NORMAL, subject, "Jay W", "Jay", "W", "jay@example.com"), first.user());
        DomainUser user = users.find(acme, UserType.NORMAL, subject).orElseThrow();
        assertEquals(List.of("eng", "jwt-made"), users.groupIdsOf(user));

        AuthenticationResult.Authenticated second = authenticated(
                auth.authenticate(
                        "acme",
                        "app",
                        new Credentials.Jwt(jwt(
                                jwtKey,
                                jwtKeyId,
                                subject,
                                c -> c.claim("displayName", "Jay Renamed").claim("groups", List.of("ops")))),
                        CLIENT),
                "jwt");
        assertEquals("Jay Renamed", second.user().displayName());
        assertEquals("Jay", second.user().firstName(), "claims not sent leave the stored values");
        assertEquals(List.of("ops"), users.groupIdsOf(user), "the groups claim sets memberships exactly");

        authenticated(
                auth.authenticate("acme", "app", new Credentials.ReconnectToken(second.reconnectToken()), CLIENT),
                "reconnect");
    }

    @Test
    void adminKeyLogsInConvergenceUsers() throws Exception {
        PrivateKey adminKey =
                RsaKeys.parsePrivateKey(domains.findAdminKey(acme).orElseThrow().getPrivateKey());
        AuthenticationResult.Authenticated admin = authenticated(
                auth.authenticate(
                        "acme",
                        "app",
                        new Credentials.Jwt(jwt(adminKey, DomainAdminKey.KEY_ID, "alice", c -> {})),
                        CLIENT),
                "jwt");
        assertEquals(UserType.CONVERGENCE, admin.user().type());
        assertEquals("alice", admin.user().username());
        assertNotNull(admin.reconnectToken());
        authenticated(
                auth.authenticate("acme", "app", new Credentials.ReconnectToken(admin.reconnectToken()), CLIENT),
                "reconnect");

        // another domain's admin key means nothing here
        PrivateKey otherAdmin = RsaKeys.parsePrivateKey(
                domains.findAdminKey(defaultDomain).orElseThrow().getPrivateKey());
        assertRejected(
                auth.authenticate(
                        "acme",
                        "app",
                        new Credentials.Jwt(jwt(otherAdmin, DomainAdminKey.KEY_ID, "alice", c -> {})),
                        CLIENT),
                "authentication_failed");
    }

    @Test
    void invalidJwts() throws Exception {
        Map<String, String> cases = Map.of(
                "expired",
                        jwt(
                                jwtKey,
                                jwtKeyId,
                                "x",
                                c -> c.expirationTime(Date.from(Instant.now().minusSeconds(60)))),
                "wrong audience", jwt(jwtKey, jwtKeyId, "x", c -> c.audience("Other")),
                "unknown kid", jwt(jwtKey, "no-such-key", "x", c -> {}),
                "disabled key", jwt(jwtKey, jwtKeyId + "-off", "x", c -> {}),
                "key of another domain", jwt(jwtKey, jwtKeyId, "x", c -> {}),
                "garbage", "not.a.jwt");
        cases.forEach((name, token) -> {
            String domain = name.equals("key of another domain") ? "default" : "app";
            String namespace = domain.equals("default") ? "convergence" : "acme";
            AuthenticationResult result = auth.authenticate(namespace, domain, new Credentials.Jwt(token), CLIENT);
            assertInstanceOf(AuthenticationResult.Rejected.class, result, name);
            assertEquals("authentication_failed", ((AuthenticationResult.Rejected) result).code(), name);
            assertFalse(((AuthenticationResult.Rejected) result).retryOk(), name);
        });
    }

    @Test
    void disabledJwtUser() throws Exception {
        String subject = "jwt-" + UUID.randomUUID();
        authenticated(
                auth.authenticate("acme", "app", new Credentials.Jwt(jwt(jwtKey, jwtKeyId, subject, c -> {})), CLIENT),
                "jwt");
        users.setDisabled(users.find(acme, UserType.NORMAL, subject).orElseThrow(), true);
        assertRejected(
                auth.authenticate("acme", "app", new Credentials.Jwt(jwt(jwtKey, jwtKeyId, subject, c -> {})), CLIENT),
                "authentication_failed");
    }

    // --- persistence context ---

    /**
     * Payara gives a managed task a copy of the submitting request's invocation that shares its registry, where a
     * read outside a transaction keeps its entity manager until the invocation ends; the task's end closes every
     * entity manager it finds there, including one the request opened meanwhile. Reads run in a transaction of their
     * own, so the request's next read does not meet a closed one (and a long-lived managed thread keeps none).
     */
    @Test
    void aRequestReadsOnAfterAManagedTaskItStartedHasEnded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        Future<?> task = executor.submit(() -> {
            worker.set(Thread.currentThread());
            return release.await(10, TimeUnit.SECONDS);
        });
        assertTrue(domains.find("acme", "app").isPresent());
        release.countDown();
        task.get(10, TimeUnit.SECONDS);
        awaitIdle(worker.get()); // the task's context is reset after its result is set

        assertTrue(domains.find("acme", "app").isPresent());
        assertTrue(users.find(acme, UserType.NORMAL, "alice").isPresent());
    }

    // --- helpers ---

    private static void awaitIdle(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() == Thread.State.RUNNABLE || thread.getState() == Thread.State.BLOCKED) {
            assertTrue(System.nanoTime() < deadline, "the task's thread did not go idle");
            Thread.sleep(1);
        }
    }

    private static AuthenticationResult.Authenticated authenticated(AuthenticationResult result, String method) {
        AuthenticationResult.Authenticated ok = assertInstanceOf(
                AuthenticationResult.Authenticated.class, result, () -> "expected a login, got " + result);
        assertEquals(method, ok.authMethod());
        assertNotNull(ok.sessionId());
        assertFalse(
                ok.reconnectToken() == null || ok.reconnectToken().isBlank(),
                "every login hands out a reconnect token");
        return ok;
    }

    private static void assertRejected(AuthenticationResult result, String code) {
        AuthenticationResult.Rejected rejected = assertInstanceOf(
                AuthenticationResult.Rejected.class, result, () -> "expected " + code + ", got " + result);
        assertEquals(code, rejected.code(), rejected::details);
        assertFalse(rejected.retryOk());
    }

    private static String jwt(PrivateKey key, String kid, String subject, Consumer<JWTClaimsSet.Builder> customize)
            throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .audience("Convergence")
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
        customize.accept(claims);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String resource(String name) {
        try (InputStream in = TenancyAuthIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
