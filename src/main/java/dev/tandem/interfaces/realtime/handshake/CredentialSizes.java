package dev.tandem.interfaces.realtime.handshake;

import com.google.protobuf.ByteString;
import dev.tandem.interfaces.realtime.proto.core.ConnectionRequestMessage;

/**
 * The size cap on the credentials of a {@code ConnectionRequestMessage}. The frame limit alone lets a client hand
 * a 4 MB token to the JWT parser, the password hasher or a database lookup; no real token, password or name comes
 * near the cap, so anything over it is refused before it is parsed, hashed or looked up.
 */
public final class CredentialSizes {

    private CredentialSizes() {}

    /**
     * The first credential field of {@code request} longer than {@code maxBytes} in UTF-8, described for the client
     * and the log ("the JWT is larger than 16384 bytes"), never quoting it; {@code null} if every field fits. Sizes
     * are read from the encoded strings, without decoding them.
     */
    public static String oversized(ConnectionRequestMessage request, int maxBytes) {
        return switch (request.getAuthCase()) {
            case JWT -> check("the JWT", request.getJwt().getJwtBytes(), maxBytes);
            case RECONNECT ->
                check("the reconnect token", request.getReconnect().getTokenBytes(), maxBytes);
            case PASSWORD -> {
                String username = check("the username", request.getPassword().getUsernameBytes(), maxBytes);
                yield username != null
                        ? username
                        : check("the password", request.getPassword().getPasswordBytes(), maxBytes);
            }
            case ANONYMOUS ->
                request.getAnonymous().hasDisplayName()
                        ? check(
                                "the display name",
                                request.getAnonymous().getDisplayName().getValueBytes(),
                                maxBytes)
                        : null;
            case AUTH_NOT_SET -> null;
        };
    }

    private static String check(String what, ByteString value, int maxBytes) {
        return value.size() > maxBytes ? what + " is larger than " + maxBytes + " bytes" : null;
    }
}
