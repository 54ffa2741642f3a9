package dev.tandem.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The checks on the SSO issuer's discovery document and endpoints, without a server. */
class ConsoleSignOnTest {

    private static final String ISSUER = "https://sso.example";

    private static JsonObjectBuilder document() {
        return Json.createObjectBuilder()
                .add("issuer", ISSUER)
                .add("authorization_endpoint", ISSUER + "/authorize")
                .add("token_endpoint", "https://tokens.example:8443/token")
                .add("response_types_supported", Json.createArrayBuilder().add("code"))
                .add(
                        "code_challenge_methods_supported",
                        Json.createArrayBuilder().add("plain").add("S256"));
    }

    private static ConsoleSignOn.State settings(JsonObject document) {
        return ConsoleSignOn.settings(ISSUER, "console", "openid profile", document);
    }

    @Test
    void aGoodDocumentGivesTheEndpointsAndTheTokenEndpointsOrigin() {
        ConsoleSignOn.State state = settings(document().build());
        assertTrue(state.enabled(), state.problem());
        assertEquals(ISSUER + "/authorize", state.settings().authorizationEndpoint());
        assertEquals("https://tokens.example:8443", state.settings().tokenEndpointOrigin());
        assertEquals("console", state.settings().clientId());
    }

    @Test
    void aDocumentWithoutPkceMethodsIsTried() {
        assertTrue(
                settings(document().remove("code_challenge_methods_supported").build())
                        .enabled());
    }

    @Test
    void aDocumentOfAnotherIssuerOrWithoutS256OrCodeIsRefused() {
        assertTrue(settings(document().add("issuer", "https://other.example").build())
                .problem()
                .contains("names issuer https://other.example"));
        assertTrue(settings(document()
                        .add(
                                "code_challenge_methods_supported",
                                Json.createArrayBuilder().add("plain"))
                        .build())
                .problem()
                .contains("S256"));
        assertTrue(settings(document()
                        .add(
                                "response_types_supported",
                                Json.createArrayBuilder().add("id_token"))
                        .build())
                .problem()
                .contains("authorization code"));
        assertNull(settings(document().remove("token_endpoint").build()).settings());
    }

    @Test
    void endpointsMustBeHttpsButOnLoopback() {
        ConsoleSignOn.checkEndpoint(URI.create("https://sso.example/a"));
        ConsoleSignOn.checkEndpoint(URI.create("http://127.0.0.1:9000/a"));
        ConsoleSignOn.checkEndpoint(URI.create("http://localhost/a"));
        for (String bad : new String[] {
            "http://sso.example/a",
            "http://127.evil.example/a",
            "/relative",
            "https://u:p@sso.example/",
            "https://sso.example/#f",
            "javascript:x"
        }) {
            assertThrows(IllegalArgumentException.class, () -> ConsoleSignOn.checkEndpoint(URI.create(bad)), bad);
        }
    }
}
