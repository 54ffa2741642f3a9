package dev.tandem.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ServerUsernamesTest {

    @Test
    void acceptsPlainNames() {
        for (String name :
                new String[] {"admin", "a", "alice.smith@example.com", "sso-admin", "Ünïcode", "x".repeat(255)}) {
            assertTrue(ServerUsernames.problem(name).isEmpty(), name);
        }
    }

    @Test
    void refusesWhatTheRestApiRefuses() {
        for (String name : new String[] {
            null,
            "",
            "admin ",
            " admin",
            "ad min",
            "a/b",
            "tab\there",
            "line\nbreak",
            "admin\u00a0",
            "em\u2003space",
            "zero\u200bwidth",
            "x".repeat(256)
        }) {
            assertTrue(ServerUsernames.problem(name).isPresent(), String.valueOf(name));
        }
        assertEquals(
                "the username contains whitespace, '/' or an invisible character",
                ServerUsernames.problem("admin ").orElseThrow());
    }

    /** The REST API's bean validation uses the constants; both must agree on every name. */
    @Test
    void patternConstantAgreesWithTheCheck() {
        Pattern pattern = Pattern.compile(ServerUsernames.PATTERN);
        for (String name : new String[] {"admin", "admin ", "a/b", "ad\tmin", "é", "admin\u00a0", "a\u200bb", "😀"}) {
            assertEquals(
                    pattern.matcher(name).matches(),
                    ServerUsernames.problem(name).isEmpty(),
                    name);
        }
    }

    @Test
    void ssoUsernamesTakeTheConfiguredPrefix() {
        assertEquals("admin", SsoVerifier.accountUsername("", "admin"));
        assertEquals("admin", SsoVerifier.accountUsername(null, "admin"));
        assertEquals("sso-admin", SsoVerifier.accountUsername("sso-", "admin"));
        // the prefix does not make a bad name good: the result is checked like any other username
        assertFalse(ServerUsernames.problem(SsoVerifier.accountUsername("sso-", "admin "))
                .isEmpty());
    }

    @Test
    void quotesNamesForTheLogWithoutControlCharacters() {
        assertEquals("\"admin \"", ServerUsernames.quoted("admin "));
        assertEquals("(none)", ServerUsernames.quoted(null));
        String forged = ServerUsernames.quoted("x\n[INFO] forged \"line\"\u2028");
        assertFalse(forged.contains("\n"));
        assertFalse(forged.contains("\u2028"));
        assertEquals("\"x\\u000a[INFO] forged \\u0022line\\u0022\\u2028\"", forged);
        assertEquals(
                ServerUsernames.MAX_LENGTH + 5,
                ServerUsernames.quoted("y".repeat(1000)).length());
    }
}
