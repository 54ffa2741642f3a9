package dev.tandem.interfaces.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Content-Security-Policies of the landing page and the bundled apps (console and demo), without a server. */
class WebPolicyTest {

    @Test
    void consolePolicyNamesTheWebSocketsOfTheHostTheBrowserUsed() {
        assertEquals(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'"
                        + " ws://tandem.example:8080 wss://tandem.example:8080; object-src 'none'; base-uri 'none';"
                        + " form-action 'self'; frame-ancestors 'none'",
                BundledAppsFilter.policy("tandem.example:8080"));
        assertTrue(BundledAppsFilter.policy("[::1]:8080").contains(" ws://[::1]:8080 wss://[::1]:8080;"));
    }

    @Test
    void theConsolesSsoTokenEndpointIsTheOnlyOriginAddedToConnectSrc() {
        String policy = BundledAppsFilter.policy("h:1", "https://sso.example:8443");
        assertTrue(policy.contains("connect-src 'self' ws://h:1 wss://h:1 https://sso.example:8443; "), policy);
        // an origin that is no origin (a path, a wildcard, another directive) adds nothing
        for (String origin : new String[] {"https://a.example/x", "*", "https://a.example; script-src *", "data:"}) {
            assertTrue(BundledAppsFilter.policy("h:1", origin).contains("wss://h:1; object-src"), origin);
        }
    }

    @Test
    void gzipIsSentOnlyToWhoAcceptsIt() {
        for (String yes :
                new String[] {"gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8", "*", "X-GZIP", "gzip;q=0.001"}) {
            assertTrue(BundledAppsFilter.acceptsGzip(yes), yes);
        }
        for (String no : new String[] {null, "", "identity", "br, deflate", "gzip;q=0", "gzip; q=0.000", "gzipx"}) {
            assertFalse(BundledAppsFilter.acceptsGzip(no), no);
        }
    }

    @Test
    void aHostHeaderThatIsNoHostAddsNothingToThePolicy() {
        // a header cannot widen the policy or add directives of its own
        for (String host :
                new String[] {null, "", "a.example; script-src *", "a.example *", "evil.example/x", "x:99999999"}) {
            String policy = BundledAppsFilter.policy(host);
            assertTrue(policy.contains("connect-src 'self'; "), policy);
            assertFalse(policy.contains("ws:"), policy);
            assertFalse(policy.contains("*"), policy);
        }
    }

    @Test
    void theLandingPagesOnlyStyleIsAllowedByItsHash() throws Exception {
        String page = LandingPage.page("http://h", "http://h/api/realtime/convergence/default");
        Matcher styles = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(page);
        assertTrue(styles.find(), "the page has its style");
        String hash = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(styles.group(1).getBytes(StandardCharsets.UTF_8)));
        assertFalse(styles.find(), "a second style element");
        assertTrue(LandingPage.POLICY.contains("style-src 'sha256-" + hash + "'"), LandingPage.POLICY);
        assertTrue(LandingPage.POLICY.startsWith("default-src 'none';"), LandingPage.POLICY);
        assertFalse(page.contains("<script"), "a script on the landing page");
        assertFalse(page.contains("style="), "an inline style attribute");
    }
}
