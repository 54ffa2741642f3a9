package dev.tandem.admin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.tandem.security.RsaKeys;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies corporate single sign-on JWTs ({@code Authorization: Bearer <jwt>}) with the key and issuer configured
 * by the standard MicroProfile JWT keys, and maps the token's groups to a {@link ServerRole}.
 *
 * <p>Why not Payara's own MP-JWT mechanism: it is switched on for the whole application by a static
 * {@code @LoginConfig(authMethod = "MP-JWT")}, so it could not stay off when no SSO issuer is configured, and it
 * answers a bad token itself, before JAX-RS, outside Convergence's error envelope; the admin API must also accept
 * {@code SessionToken}, {@code BearerToken} and {@code UserApiKey} on the same resources. Reading the same
 * {@code mp.jwt.verify.*} keys keeps the configuration standard.
 *
 * <p>Configuration:
 * <ul>
 *   <li>{@code mp.jwt.verify.issuer}: required; SSO is off without it.</li>
 *   <li>{@code mp.jwt.verify.publickey} (PEM or JWKS text) or {@code mp.jwt.verify.publickey.location} (a file path
 *       or an {@code http(s)} JWKS URL).</li>
 *   <li>{@code mp.jwt.verify.audiences}: optional, comma-separated; the token's {@code aud} must name one.</li>
 *   <li>{@code tandem.sso.groups-claim} (default {@code groups}), {@code tandem.sso.role-mapping}: comma-separated
 *       {@code group=Role} entries, e.g. {@code tandem-admins=Server Admin,tandem-devs=Developer}; the strongest
 *       mapped role wins, a token with no mapped group gets {@code Developer}.</li>
 *   <li>{@code tandem.sso.username-prefix}: optional; put before every username that single sign-on provisions
 *       (e.g. {@code sso-}), so that SSO accounts have their own space of names and never collide with local ones.
 *       </li>
 * </ul>
 *
 * <p>A token names an identity, its issuer and subject; {@link ServerUserService#signInWithSso} finds the account
 * that identity owns, never an account by username alone.
 */
@ApplicationScoped
public class SsoVerifier {

    /**
     * A verified SSO token: the identity ({@code issuer}, {@code subject}), the username an account for it gets
     * (the configured prefix and the token's {@code upn}, {@code preferred_username} or {@code sub}; not validated
     * here), and the role its {@code groups} map to.
     */
    public record SsoIdentity(
            String issuer,
            String subject,
            String username,
            String displayName,
            String email,
            List<String> groups,
            ServerRole role) {}

    private static final Logger LOG = Logger.getLogger(SsoVerifier.class.getName());

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> publicKey;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> publicKeyLocation;

    // Optional<String>, split here: Payara's config producer cannot inject Optional<List<String>>
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    Optional<String> audiences;

    @Inject
    @ConfigProperty(name = "tandem.sso.groups-claim", defaultValue = "groups")
    String groupsClaim;

    @Inject
    @ConfigProperty(name = "tandem.sso.role-mapping")
    Optional<String> roleMapping;

    @Inject
    @ConfigProperty(name = "tandem.sso.username-prefix")
    Optional<String> usernamePrefix;

    private DefaultJWTProcessor<SecurityContext> processor;
    private String prefix = "";
    private final Map<String, ServerRole> groupRoles = new LinkedHashMap<>();

    @PostConstruct
    void configure() {
        if (issuer.filter(s -> !s.isBlank()).isEmpty()) {
            LOG.info("Single sign-on for the admin API is off (mp.jwt.verify.issuer is not set)");
            return;
        }
        prefix = usernamePrefix.orElse("").trim();
        if (!prefix.isEmpty() && ServerUsernames.problem(prefix).isPresent()) {
            LOG.log(
                    Level.SEVERE,
                    "Single sign-on for the admin API is off: tandem.sso.username-prefix \"{0}\" "
                            + "contains whitespace or ''/'' or is too long",
                    prefix);
            return;
        }
        try {
            DefaultJWTProcessor<SecurityContext> jwtProcessor = new DefaultJWTProcessor<>();
            jwtProcessor.setJWSKeySelector(keySelector());
            Set<String> aud = audiences
                    .filter(a -> !a.isBlank())
                    .map(a -> new HashSet<>(split(a)))
                    .orElse(null);
            jwtProcessor.setJWTClaimsSetVerifier(
                    new DefaultJWTClaimsVerifier<>(
                            aud,
                            new JWTClaimsSet.Builder().issuer(issuer.get()).build(),
                            Set.of("sub", "exp", "iat"),
                            null) {
                        @Override
                        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
                            super.verify(claims, context);
                            // nimbus checks exp and nbf but not iat: a token issued in the future (past the skew) comes
                            // from
                            // an issuer whose clock is wrong or was minted ahead to be used later, and is refused like
                            // one
                            // whose nbf is in the future
                            Date issued = claims.getIssueTime();
                            if (issued != null
                                    && issued.getTime() > System.currentTimeMillis() + getMaxClockSkew() * 1000L) {
                                throw new BadJWTException("JWT issued in the future");
                            }
                        }
                    });
            processor = jwtProcessor;
        } catch (IOException | ParseException | JOSEException | RuntimeException e) {
            // a broken SSO setting must not stop the server: SSO stays off and says why
            LOG.log(Level.SEVERE, "Single sign-on for the admin API is off: its key cannot be read", e);
            return;
        }
        for (String entry : split(roleMapping.orElse(""))) {
            int eq = entry.lastIndexOf('=');
            Optional<ServerRole> role = eq < 0
                    ? Optional.empty()
                    : ServerRole.fromLabel(entry.substring(eq + 1).trim());
            if (role.isEmpty()) {
                LOG.log(Level.WARNING, "Ignoring tandem.sso.role-mapping entry \"{0}\" (want group=Role)", entry);
            } else {
                groupRoles.put(entry.substring(0, eq).trim(), role.get());
            }
        }
        LOG.log(
                Level.INFO,
                "Single sign-on for the admin API accepts tokens from issuer {0}; group roles {1}; "
                        + "username prefix \"{2}\"",
                new Object[] {issuer.get(), groupRoles, prefix});
    }

    /** The username of the account single sign-on provisions for {@code claimed}: the prefix and the claim. */
    public static String accountUsername(String prefix, String claimed) {
        return (prefix == null ? "" : prefix) + claimed;
    }

    private static List<String> split(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    public boolean enabled() {
        return processor != null;
    }

    /** The identity in a valid token; empty for a wrong signature, issuer or audience, an expired token, or SSO off. */
    public Optional<SsoIdentity> verify(String jwt) {
        if (processor == null || jwt == null || jwt.isBlank()) {
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = processor.process(jwt, null);
            String username = firstString(claims, "upn", "preferred_username", "sub");
            ServerRole role = ServerRole.DEVELOPER;
            List<String> groups = claims.getClaim(groupsClaim) instanceof List<?>
                    ? claims.getStringListClaim(groupsClaim)
                    : List.of();
            for (String group : groups) {
                ServerRole mapped = groupRoles.get(group);
                if (mapped != null && mapped.ordinal() < role.ordinal()) {
                    role = mapped;
                }
            }
            return Optional.of(new SsoIdentity(
                    claims.getIssuer(),
                    claims.getSubject(),
                    accountUsername(prefix, username),
                    firstString(claims, "name", "upn", "sub"),
                    claims.getStringClaim("email"),
                    Collections.unmodifiableList(new ArrayList<>(groups)),
                    role));
        } catch (ParseException | BadJOSEException | JOSEException e) {
            // the reason (bad signature, expired, wrong issuer or audience, missing claim) helps operators; nimbus's
            // messages name claims and their expected values, never the token
            LOG.log(Level.INFO, "Refused a single sign-on token: {0}", e.getMessage());
            return Optional.empty();
        }
    }

    private static String firstString(JWTClaimsSet claims, String... names) throws ParseException {
        for (String name : names) {
            String value = claims.getStringClaim(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        throw new ParseException("no " + names[names.length - 1] + " claim", 0);
    }

    /**
     * A JWKS selects its key by the token's {@code kid}; a single PEM key verifies whatever {@code kid} the token
     * names (identity providers set one, and the PEM has none to match).
     */
    private JWSKeySelector<SecurityContext> keySelector() throws IOException, ParseException, JOSEException {
        Set<JWSAlgorithm> algorithms = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);
        String pem = pemText();
        if (pem == null) {
            String location = publicKeyLocation.orElseThrow();
            return new JWSVerificationKeySelector<>(
                    algorithms,
                    JWKSourceBuilder.create(URI.create(location).toURL()).build());
        }
        if (pem.startsWith("{")) {
            return new JWSVerificationKeySelector<>(algorithms, new ImmutableJWKSet<>(JWKSet.parse(pem)));
        }
        java.security.interfaces.RSAPublicKey key = RsaKeys.parsePublicKey(pem);
        return (header, context) -> algorithms.contains(header.getAlgorithm()) ? List.of(key) : List.of();
    }

    /** The configured key text (PEM or JWKS), or {@code null} when the location is an http(s) URL. */
    private String pemText() throws IOException {
        if (publicKey.filter(s -> !s.isBlank()).isPresent()) {
            return publicKey.get().trim();
        }
        String location = publicKeyLocation
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new IOException("neither mp.jwt.verify.publickey nor its .location is set"));
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return null;
        }
        if (location.startsWith("classpath:") || !location.contains("/") && !Files.exists(Path.of(location))) {
            String resource = location.replaceFirst("^classpath:/?", "");
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no such resource " + resource);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
        }
        return Files.readString(Path.of(location.replaceFirst("^file:", ""))).trim();
    }
}
