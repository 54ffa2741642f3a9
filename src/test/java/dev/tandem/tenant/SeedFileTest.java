package dev.tandem.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedFileTest {

    /** The format as agreed with the compat tests, verbatim. */
    private static final String EXAMPLE = """
            {"domains":[{"namespace":"acme","id":"app","displayName":"App","anonymousAuth":false,\
            "reconnectTokenValidityMinutes":1440,"users":[{"username":"alice","password":"pw","displayName":"Alice A",\
            "firstName":"Alice","lastName":"A","email":"alice@example.com"}],"groups":[{"id":"eng",\
            "description":"Engineering","members":["alice"]}],"jwtKeys":[{"id":"test-key","description":"tests",\
            "publicKey":"-----BEGIN PUBLIC KEY-----\\n...","enabled":true}]}]}""";

    @Test
    void agreedFormat() {
        SeedFile seed = parse(EXAMPLE);
        assertEquals(1, seed.domains().size());
        SeedFile.DomainSeed domain = seed.domains().get(0);
        assertEquals("acme", domain.namespace());
        assertEquals("app", domain.id());
        assertEquals("App", domain.displayName());
        assertEquals(Boolean.FALSE, domain.anonymousAuth());
        assertEquals(1440, domain.reconnectTokenValidityMinutes());
        assertEquals(
                List.of(new SeedFile.UserSeed("alice", "pw", "Alice A", "Alice", "A", "alice@example.com")),
                domain.users());
        assertEquals(List.of(new SeedFile.GroupSeed("eng", "Engineering", List.of("alice"))), domain.groups());
        assertEquals(
                List.of(new SeedFile.JwtKeySeed("test-key", "tests", "-----BEGIN PUBLIC KEY-----\n...", true)),
                domain.jwtKeys());
    }

    @Test
    void onlyIdsAreRequired() {
        SeedFile.DomainSeed domain = parse("""
                {"domains":[{"namespace":"n","id":"d","users":[{"username":"u"}],"groups":[{"id":"g"}],
                 "jwtKeys":[{"id":"k","publicKey":"pem"}]}]}""").domains().get(0);
        assertNull(domain.displayName());
        assertNull(domain.anonymousAuth());
        assertFalse(domain.config().isAnonymousAuth());
        assertEquals(
                DomainConfig.DEFAULT_RECONNECT_TOKEN_VALIDITY_MINUTES,
                domain.config().getReconnectTokenValidityMinutes());
        assertNull(domain.users().get(0).password());
        assertEquals(List.of(), domain.groups().get(0).members());
        assertTrue(domain.jwtKeys().get(0).enabled(), "keys are enabled unless the file says otherwise");
        assertEquals(List.of(), parse("{}").domains());
    }

    @Test
    void collectionsAndTheirAutoCreation() {
        SeedFile.DomainSeed domain = parse("""
                {"domains":[{"namespace":"n","id":"d","autoCreateCollections":false,
                 "collections":[{"id":"open"},
                                {"id":"docs","description":"Docs","worldPermissions":{"read":true},
                                 "userPermissions":{"alice":{"create":true,"read":true,"write":true,
                                                             "remove":false,"manage":true}}}]}]}""").domains().get(0);
        assertEquals(Boolean.FALSE, domain.autoCreateCollections());
        assertFalse(domain.config().isAutoCreateCollections());
        assertEquals(
                new SeedFile.CollectionSeed("open", null, null, java.util.Map.of()),
                domain.collections().get(0));
        SeedFile.CollectionSeed docs = domain.collections().get(1);
        assertEquals(new SeedFile.PermissionsSeed(false, true, false, false, false), docs.worldPermissions());
        assertEquals(
                java.util.Map.of("alice", new SeedFile.PermissionsSeed(true, true, true, false, true)),
                docs.userPermissions());
        assertTrue(
                parse("{\"domains\":[{\"namespace\":\"n\",\"id\":\"d\"}]}")
                        .domains()
                        .get(0)
                        .config()
                        .isAutoCreateCollections(),
                "collections are created on demand unless the file says otherwise");
        assertMistake(
                "{\"domains\":[{\"namespace\":\"n\",\"id\":\"d\",\"collections\":[{\"id\":\"c\","
                        + "\"worldPermissions\":{\"read\":1}}]}]}",
                "worldPermissions.read must be true or false");
    }

    @Test
    void mistakesAreNamed() {
        assertMistake("{\"domains\":[{\"id\":\"d\"}]}", "domains[0].namespace is required");
        assertMistake("{\"domains\":[{\"namespace\":\"n\",\"id\":\"\"}]}", "domains[0].id is required");
        assertMistake(
                "{\"domains\":[{\"namespace\":\"n\",\"id\":\"d\",\"anonymousAuth\":\"yes\"}]}",
                "domains[0].anonymousAuth must be true or false");
        assertMistake(
                "{\"domains\":[{\"namespace\":\"n\",\"id\":\"d\",\"reconnectTokenValidityMinutes\":0}]}",
                "must be a positive integer");
        assertMistake(
                "{\"domains\":[{\"namespace\":\"n\",\"id\":\"d\",\"users\":[{\"password\":\"x\"}]}]}",
                "domains[0].users[0].username is required");
        assertMistake(
                "{\"domains\":[{\"namespace\":\"n\",\"id\":\"d\",\"groups\":[{\"id\":\"g\",\"members\":[1]}]}]}",
                "members must hold strings only");
        assertMistake(
                "{\"domains\":[{\"namespace\":\"n\",\"id\":\"d\",\"jwtKeys\":[{\"id\":\"k\"}]}]}",
                "domains[0].jwtKeys[0].publicKey is required");
        assertMistake("{\"domains\":{}}", "domains must be of type array");
        assertMistake("{\"domains\":[1]}", "domains[0]. must be an object");
        assertMistake("[]", "not a JSON object");
        assertMistake("{", "not a JSON object");
    }

    @Test
    void passwordsStayOutOfToString() {
        assertFalse(parse(EXAMPLE).toString().contains("\"pw\"")
                || parse(EXAMPLE).toString().contains("=pw"));
    }

    private static SeedFile parse(String json) {
        return SeedFile.parse(new StringReader(json));
    }

    private static void assertMistake(String json, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(json));
        assertTrue(e.getMessage().contains(message), () -> "expected '" + message + "' in: " + e.getMessage());
    }
}
