package dev.tandem.interfaces.realtime.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.StringValue;
import dev.tandem.interfaces.realtime.proto.core.ConnectionRequestMessage;
import dev.tandem.interfaces.realtime.proto.core.ConnectionRequestMessage.AnonymousAuthRequestData;
import dev.tandem.interfaces.realtime.proto.core.ConnectionRequestMessage.JwtAuthRequestData;
import dev.tandem.interfaces.realtime.proto.core.ConnectionRequestMessage.PasswordAuthRequestData;
import dev.tandem.interfaces.realtime.proto.core.ConnectionRequestMessage.ReconnectTokenAuthRequestData;
import org.junit.jupiter.api.Test;

class CredentialSizesTest {

    private static final int MAX = 16;

    private static ConnectionRequestMessage jwt(String token) {
        return ConnectionRequestMessage.newBuilder()
                .setJwt(JwtAuthRequestData.newBuilder().setJwt(token))
                .build();
    }

    private static ConnectionRequestMessage password(String username, String password) {
        return ConnectionRequestMessage.newBuilder()
                .setPassword(PasswordAuthRequestData.newBuilder()
                        .setUsername(username)
                        .setPassword(password))
                .build();
    }

    @Test
    void credentialsUpToTheCapPass() {
        assertNull(CredentialSizes.oversized(jwt("a".repeat(MAX)), MAX));
        assertNull(CredentialSizes.oversized(password("u".repeat(MAX), "p".repeat(MAX)), MAX));
        assertNull(CredentialSizes.oversized(
                ConnectionRequestMessage.newBuilder()
                        .setAnonymous(AnonymousAuthRequestData.getDefaultInstance())
                        .build(),
                MAX));
        assertNull(CredentialSizes.oversized(ConnectionRequestMessage.getDefaultInstance(), MAX));
    }

    @Test
    void eachCredentialFieldOverTheCapIsNamedWithoutItsValue() {
        String big = "s".repeat(MAX + 1);
        assertEquals("the JWT is larger than 16 bytes", CredentialSizes.oversized(jwt(big), MAX));
        assertEquals("the username is larger than 16 bytes", CredentialSizes.oversized(password(big, "p"), MAX));
        assertEquals("the password is larger than 16 bytes", CredentialSizes.oversized(password("u", big), MAX));
        assertEquals(
                "the reconnect token is larger than 16 bytes",
                CredentialSizes.oversized(
                        ConnectionRequestMessage.newBuilder()
                                .setReconnect(ReconnectTokenAuthRequestData.newBuilder()
                                        .setToken(big))
                                .build(),
                        MAX));
        String name = CredentialSizes.oversized(
                ConnectionRequestMessage.newBuilder()
                        .setAnonymous(AnonymousAuthRequestData.newBuilder().setDisplayName(StringValue.of(big)))
                        .build(),
                MAX);
        assertEquals("the display name is larger than 16 bytes", name);
        assertFalse(name.contains(big));
    }

    @Test
    void theCapCountsUtf8Bytes() {
        // Six characters, twelve bytes.
        assertEquals("the JWT is larger than 10 bytes", CredentialSizes.oversized(jwt("éééééé"), 10));
    }
}
