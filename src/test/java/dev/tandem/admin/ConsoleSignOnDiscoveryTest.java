package dev.tandem.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tandem.security.RsaKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ConsoleSignOn#state()} against a local HTTP issuer that answers, fails, or takes a request and never answers:
 * while a discovery hangs, callers are answered (from the last outcome, or "not available" before the first one)
 * instead of queueing behind it, and at most one discovery is under way.
 */
class ConsoleSignOnDiscoveryTest {

    /** What the issuer does with the next discovery request. */
    private enum Mode {
        ANSWER,
        FAIL,
        HANG
    }

    private HttpServer issuer;
    private ExecutorService issuerThreads;
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.ANSWER);
    private final AtomicInteger requests = new AtomicInteger();
    /** Released at the end of a test, so that hanging exchanges end. */
    private final CountDownLatch release = new CountDownLatch(1);

    private ExecutorService callers;
    private ConsoleSignOn signOn;

    @BeforeEach
    void start() throws IOException {
        issuer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // a hanging exchange must not hold up the server's other requests
        issuerThreads = Executors.newCachedThreadPool();
        issuer.setExecutor(issuerThreads);
        String url = "http://127.0.0.1:" + issuer.getAddress().getPort();
        issuer.createContext("/.well-known/openid-configuration", exchange -> discovery(exchange, url));
        issuer.start();

        SsoVerifier verifier = new SsoVerifier();
        verifier.issuer = Optional.of(url);
        verifier.publicKey = Optional.of(RsaKeys.toPem(RsaKeys.generate().getPublic()));
        verifier.publicKeyLocation = Optional.empty();
        verifier.audiences = Optional.empty();
        verifier.groupsClaim = "groups";
        verifier.roleMapping = Optional.empty();
        verifier.usernamePrefix = Optional.empty();
        verifier.configure();

        signOn = new ConsoleSignOn();
        signOn.verifier = verifier;
        signOn.issuer = Optional.of(url);
        signOn.clientId = Optional.of("tandem-console");
        signOn.scopes = "openid profile";
        // the issuer hangs far longer than a caller may wait
        signOn.timeout = Duration.ofSeconds(60);
        signOn.firstWait = Duration.ofMillis(300);
        signOn.start();
        callers = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stop() {
        release.countDown();
        callers.shutdownNow();
        issuer.stop(0);
        issuerThreads.shutdownNow();
    }

    private void discovery(HttpExchange exchange, String url) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            switch (mode.get()) {
                case HANG -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.sendResponseHeaders(503, -1);
                }
                case FAIL -> exchange.sendResponseHeaders(503, -1);
                case ANSWER -> {
                    byte[] body = ("{\"issuer\":\"" + url + "\",\"authorization_endpoint\":\"" + url
                                    + "/authorize\",\"token_endpoint\":\"" + url
                                    + "/token\",\"response_types_supported\":[\"code\"],"
                                    + "\"code_challenge_methods_supported\":[\"S256\"]}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            }
        }
    }

    /** Calls state() on a thread of its own; fails if it takes longer than {@code within}. */
    private ConsoleSignOn.State stateWithin(Duration within) throws Exception {
        Future<ConsoleSignOn.State> call = callers.submit(signOn::state);
        return call.get(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void awaitRequests(int count) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (requests.get() < count && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals(count, requests.get(), "discovery requests the issuer received");
    }

    @Test
    void aSecondCallerIsNotBlockedWhileTheFirstDiscoveryHangs() throws Exception {
        mode.set(Mode.HANG);
        // two callers at once, before any outcome: each waits at most firstWait on its own thread, for the same fetch
        long started = System.nanoTime();
        Future<ConsoleSignOn.State> first = callers.submit(signOn::state);
        Future<ConsoleSignOn.State> second = callers.submit(signOn::state);
        for (Future<ConsoleSignOn.State> call : List.of(first, second)) {
            ConsoleSignOn.State state = call.get(5, TimeUnit.SECONDS);
            assertFalse(state.enabled());
            assertTrue(state.problem().contains("has not come yet"), state.problem());
        }
        assertTrue(
                System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3),
                "the callers waited in parallel, not one after the other");
        // later callers are answered as fast while the discovery still hangs, and start no other
        assertFalse(stateWithin(Duration.ofSeconds(2)).enabled());
        awaitRequests(1);
        Thread.sleep(200);
        assertEquals(1, requests.get(), "one discovery at a time");
    }

    @Test
    void whileARefreshHangsCallersAreAnsweredFromTheLastOutcome() throws Exception {
        // a good document is due again at once
        signOn.keep = Duration.ZERO;
        ConsoleSignOn.State good = stateWithin(Duration.ofSeconds(10));
        assertTrue(good.enabled(), good.problem());
        assertEquals(1, requests.get());

        // the issuer now hangs: the refresh runs off the callers' path
        mode.set(Mode.HANG);
        for (int i = 0; i < 3; i++) {
            ConsoleSignOn.State state = stateWithin(Duration.ofSeconds(1));
            assertTrue(state.enabled(), "the last good state, while the refresh hangs");
            assertEquals(good.settings(), state.settings());
        }
        awaitRequests(2);
        Thread.sleep(200);
        assertEquals(2, requests.get(), "one refresh at a time");
    }

    @Test
    void aFailedDiscoveryIsTriedAgainAfterItsRetryTime() throws Exception {
        mode.set(Mode.FAIL);
        signOn.retry = Duration.ofMillis(200);
        ConsoleSignOn.State failed = stateWithin(Duration.ofSeconds(10));
        assertFalse(failed.enabled());
        assertTrue(failed.problem().contains("answered HTTP 503"), failed.problem());

        // answered from the failure until it is due again; the next call after that refreshes, and its outcome follows
        mode.set(Mode.ANSWER);
        assertFalse(stateWithin(Duration.ofSeconds(1)).enabled());
        Thread.sleep(300);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        ConsoleSignOn.State state = stateWithin(Duration.ofSeconds(1));
        while (!state.enabled() && System.nanoTime() < end) {
            Thread.sleep(20);
            state = stateWithin(Duration.ofSeconds(1));
        }
        assertTrue(state.enabled(), state.problem());
    }
}
