package dev.tandem.admin;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for server usernames, applied wherever a server user is created: by the REST API ({@code POST /users},
 * through its bean validation constraints, which use these constants) and by single sign-on provisioning.
 *
 * <p>Why a rule at all: a username is a path segment of the admin API ({@code /users/{username}}) and is what people
 * read in role lists, so it must not contain a {@code /}, nor whitespace or invisible characters, which would make
 * {@code "admin "} (or {@code admin} and a no-break space) a different account that looks like {@code admin}.
 */
public final class ServerUsernames {

    /** Longest username (the column's size). */
    public static final int MAX_LENGTH = 255;

    /**
     * What a username consists of: at least one character, none of them {@code /}, whitespace (also Unicode spaces
     * such as the no-break space), a control or an invisible format character (such as the zero-width space).
     */
    public static final String PATTERN = "[^/\\s\\p{Z}\\p{Cc}\\p{Cf}]+";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private ServerUsernames() {}

    /** Why {@code username} is not a valid server username, or empty when it is. */
    public static Optional<String> problem(String username) {
        if (username == null || username.isEmpty()) {
            return Optional.of("the username is empty");
        }
        if (username.length() > MAX_LENGTH) {
            return Optional.of("the username is longer than " + MAX_LENGTH + " characters");
        }
        if (!COMPILED.matcher(username).matches()) {
            return Optional.of("the username contains whitespace, '/' or an invisible character");
        }
        return Optional.empty();
    }

    /**
     * A name from a request (a username, an SSO subject) as it goes into the log: in quotes, with control characters
     * escaped and cut at {@link #MAX_LENGTH}, so that a hostile name can not forge log lines or flood the log.
     */
    public static String quoted(String name) {
        if (name == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder("\"");
        name.codePoints().limit(MAX_LENGTH).forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            out.append("...");
        }
        return out.append('"').toString();
    }
}
