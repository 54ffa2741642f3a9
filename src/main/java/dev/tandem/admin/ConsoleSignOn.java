package dev.tandem.admin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The admin console's sign-in through the corporate SSO issuer: the OpenID Connect authorization code flow with PKCE,
 * run by the console in the browser as a public client (no secret: a single-page app cannot keep one).
 *
 * <p>On when {@code tandem.console.oidc.client-id} is set and {@link SsoVerifier} accepts tokens of
 * {@code mp.jwt.verify.issuer}. The issuer's endpoints come from its discovery document
 * ({@code <issuer>/.well-known/openid-configuration}), read here rather than in the browser so that the console's
 * Content-Security-Policy need name only the token endpoint's origin (the authorization endpoint is a navigation,
 * which {@code connect-src} does not govern). The document is kept for an hour; a failure is retried after 30 s.
 *
 * <p>Every console response asks for the state (its Content-Security-Policy names the token endpoint), so reading it
 * must not wait on the issuer: the discovery fetch runs asynchronously, at most one at a time, and callers answer from
 * the last outcome meanwhile, even when it is older than it should be. Only before any outcome exists (the first use
 * after start) do callers wait for the fetch, each on its own thread and at most its timeout; a hanging issuer then
 * makes them answer "not available", never queue behind one another.
 *
 * <p>The console sends the flow's ID token as {@code Authorization: Bearer}: OpenID Connect requires it to be a JWT
 * signed by the issuer with {@code iss} the issuer and {@code sub}, {@code iat}, {@code exp}, which is what the SSO
 * verifier checks, whereas an access token may be opaque or meant for another audience. With
 * {@code mp.jwt.verify.audiences} set it must include the client id (an ID token's {@code aud}).
 */
@ApplicationScoped
public class ConsoleSignOn {

    /** What the console needs to run the flow. */
    public record Settings(
            String issuer, String clientId, String scopes, String authorizationEndpoint, String tokenEndpoint) {

        /** The token endpoint's origin ({@code scheme://host[:port]}), which the console's policy lets it fetch. */
        public String tokenEndpointOrigin() {
            return origin(URI.create(tokenEndpoint));
        }
    }

    /** The outcome of reading the discovery document: the settings, or why there are none. */
    public record State(Settings settings, String problem) {
        public boolean enabled() {
            return settings != null;
        }
    }

    private static final Logger LOG = Logger.getLogger(ConsoleSignOn.class.getName());
    private static final Duration KEEP = Duration.ofHours(1);
    private static final Duration RETRY = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Inject
    SsoVerifier verifier;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "tandem.console.oidc.client-id")
    Optional<String> clientId;

    @Inject
    @ConfigProperty(name = "tandem.console.oidc.scopes", defaultValue = "openid profile email")
    String scopes;

    /** The last outcome of a discovery and when to fetch again; null before the first one. */
    private record Outcome(State state, long refreshAt) {}

    private HttpClient http;
    private final AtomicReference<Outcome> outcome = new AtomicReference<>();
    /** The discovery under way, if any: there is never more than one. */
    private final AtomicReference<CompletableFuture<State>> discovering = new AtomicReference<>();
    // Package-private for the tests, which shorten them or make the issuer hang longer than the callers wait.
    /** How long a caller waits for the first discovery (there is nothing to answer from before it). */
    Duration firstWait = TIMEOUT;
    /** The discovery's timeouts (connect, and the answer's headers). */
    Duration timeout = TIMEOUT;
    /** How long a good document stands before a call fetches it again. */
    Duration keep = KEEP;
    /** How long a failed discovery stands before a call tries again. */
    Duration retry = RETRY;

    @PostConstruct
    void start() {
        http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Whether the console offers SSO sign-in at all (configured), whether or not the issuer answers now. */
    public boolean configured() {
        return clientId.filter(s -> !s.isBlank()).isPresent() && verifier.enabled();
    }

    /**
     * The settings, or why SSO sign-in is unavailable; null when it is not configured. Does not wait for the issuer
     * once a discovery has had an outcome (see the type's comment).
     */
    public State state() {
        if (!configured()) {
            return null;
        }
        Outcome last = outcome.get();
        if (last != null && System.currentTimeMillis() < last.refreshAt()) {
            return last.state();
        }
        CompletableFuture<State> fetch = discover();
        if (last != null) {
            return last.state(); // the refresh ends on its own; until then the last outcome stands
        }
        try {
            return fetch.get(firstWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new State(null, "the issuer's discovery document has not come yet");
        } catch (ExecutionException e) {
            return new State(null, "the discovery failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new State(null, "interrupted while waiting for the discovery");
        }
    }

    /** The discovery under way, or a new one if none is: its outcome is kept when it ends. */
    private CompletableFuture<State> discover() {
        CompletableFuture<State> mine = new CompletableFuture<>();
        CompletableFuture<State> running = discovering.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        CompletableFuture<State> fetched;
        try {
            fetched = fetch();
        } catch (RuntimeException e) {
            fetched = CompletableFuture.completedFuture(new State(null, "the discovery failed: " + e));
        }
        fetched.whenComplete((state, failure) -> {
            State result = failure == null ? state : new State(null, "the discovery failed: " + failure);
            long stands = (result.enabled() ? keep : retry).toMillis();
            outcome.set(new Outcome(result, System.currentTimeMillis() + stands));
            if (!result.enabled()) {
                LOG.log(Level.WARNING, "The console''s single sign-on is unavailable: {0}", result.problem());
            }
            discovering.set(null);
            mine.complete(result);
        });
        return mine;
    }

    /** Fetches and checks the discovery document, without blocking the caller. */
    private CompletableFuture<State> fetch() {
        String iss = issuer.get().trim();
        String scopeList = scopes.trim();
        if (!scopeList.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*")
                || !(" " + scopeList + " ").contains(" openid ")) {
            return CompletableFuture.completedFuture(
                    new State(null, "tandem.console.oidc.scopes must be space-separated scope names including openid"));
        }
        URI url;
        try {
            url = URI.create(iss.replaceAll("/+$", "") + "/.well-known/openid-configuration");
            checkEndpoint(url);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(
                    new State(null, "the issuer " + iss + " is not a usable URL: " + e.getMessage()));
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Accept", "application/json")
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause =
                        failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
                return new State(null, url + " cannot be read: " + cause);
            }
            if (response.statusCode() != 200) {
                return new State(null, url + " answered HTTP " + response.statusCode());
            }
            JsonObject document;
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                document = reader.readObject();
            } catch (RuntimeException e) {
                return new State(null, url + " cannot be read: " + e);
            }
            return settings(iss, clientId.get().trim(), scopeList, document);
        });
    }

    /** The settings a discovery document gives, checked as OpenID Connect Discovery and PKCE require. */
    static State settings(String issuer, String clientId, String scopes, JsonObject document) {
        // Discovery 4.3: the document must name the issuer it was fetched for, or its tokens would carry another iss
        if (!issuer.equals(string(document, "issuer"))) {
            return new State(
                    null, "the discovery document names issuer " + string(document, "issuer") + ", not " + issuer);
        }
        if (!lists(document, "response_types_supported", "code")) {
            return new State(null, "the issuer does not support the authorization code flow");
        }
        // a provider that lists its PKCE methods must list S256; one that lists none is tried (many do not list them)
        if (document.containsKey("code_challenge_methods_supported")
                && !lists(document, "code_challenge_methods_supported", "S256")) {
            return new State(null, "the issuer does not support PKCE with S256");
        }
        String authorization = string(document, "authorization_endpoint");
        String token = string(document, "token_endpoint");
        try {
            checkEndpoint(URI.create(authorization == null ? "" : authorization));
            checkEndpoint(URI.create(token == null ? "" : token));
        } catch (IllegalArgumentException e) {
            return new State(null, "the discovery document's endpoints are not usable: " + e.getMessage());
        }
        return new State(new Settings(issuer, clientId, scopes, authorization, token), null);
    }

    /**
     * An endpoint the browser is sent to or fetches: absolute, https (http only on this machine's loopback, for
     * development and tests), no user info or fragment, and a host that cannot widen the policy it is put in.
     */
    static void checkEndpoint(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || !host.matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]")) {
            throw new IllegalArgumentException(uri + " is not an absolute URL with a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(uri + " has user information or a fragment");
        }
        boolean loopback = host.equals("localhost") || host.matches("127(\\.[0-9]{1,3}){3}") || host.equals("[::1]");
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw new IllegalArgumentException(uri + " is not https (http is for localhost only)");
        }
    }

    static String origin(URI uri) {
        try {
            return new URI(
                            uri.getScheme().toLowerCase(Locale.ROOT),
                            null,
                            uri.getHost(),
                            uri.getPort(),
                            null,
                            null,
                            null)
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String string(JsonObject document, String key) {
        JsonValue value = document.get(key);
        return value instanceof JsonString s ? s.getString() : null;
    }

    private static boolean lists(JsonObject document, String key, String wanted) {
        JsonValue value = document.get(key);
        return value instanceof JsonArray array
                && array.stream()
                        .anyMatch(
                                v -> v instanceof JsonString s && s.getString().equals(wanted));
    }
}
