package dev.tandem.interfaces.rest.domain;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.UserType;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Domain user ids as Convergence's admin API writes them: a normal user by its username (URL-encoded if it holds a
 * colon), any other as {@code type:username} ({@code convergence:admin}, {@code anonymous:...}).
 */
final class UserIds {

    private UserIds() {}

    static String encode(DomainUserId user) {
        if (user.type() == UserType.NORMAL) {
            return user.username().contains(":")
                    ? URLEncoder.encode(user.username(), StandardCharsets.UTF_8)
                    : user.username();
        }
        return user.type().name().toLowerCase(Locale.ROOT) + ":"
                + URLEncoder.encode(user.username(), StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException for an unknown type */
    static DomainUserId decode(String encoded) {
        int colon = encoded.indexOf(':');
        if (colon < 0) {
            return DomainUserId.normal(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
        }
        String type = encoded.substring(0, colon).toUpperCase(Locale.ROOT);
        UserType userType;
        try {
            userType = UserType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown user type in '" + encoded + "'");
        }
        return new DomainUserId(userType, URLDecoder.decode(encoded.substring(colon + 1), StandardCharsets.UTF_8));
    }
}
