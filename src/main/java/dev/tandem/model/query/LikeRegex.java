package dev.tandem.model.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code LIKE} pattern (backslash escapes, as the query language writes it) as a Java regular expression that
 * matches the same strings in time linear in the text, for H2.
 *
 * <p><b>Why.</b> H2 2.2 matches {@code LIKE} by plain backtracking: each {@code %} that is followed by more pattern
 * tries every position of the rest of the text, so {@code '%x%x%x%x%x%x%x%x%x%x%x%x%y'} against a string of 100
 * {@code x} takes longer than anyone waits, in one row, where no statement timeout or cancel reaches it (H2 checks
 * for cancellation between rows). PostgreSQL's matcher gives up as soon as the text runs out and stays polynomial.
 *
 * <p><b>How.</b> A pattern is {@code S0 % S1 % ... % Sk}, each segment of fixed length ({@code _} is one
 * character). {@code S0} must start the text and {@code Sk} end it; each middle segment may be matched at its
 * earliest place after the previous one, because placing it earlier only leaves more text for the {@code %} that
 * follows it. An atomic group per middle segment, {@code (?>.*?Si)}, makes the regex engine commit to that earliest
 * place and never come back, so the whole match is one left-to-right pass (times the segment length).
 */
final class LikeRegex {

    /** Regex flags for H2's {@code REGEXP_LIKE}: case-sensitive, and {@code .} also matches line breaks. */
    static final String FLAGS = "cn";

    private LikeRegex() {}

    /**
     * Whether H2's own matcher may backtrack on this pattern: more than one {@code %} that is followed by more
     * pattern. {@code 'abc%'}, {@code '%abc'} and {@code '%abc%'} are linear in H2 already and keep H2's
     * {@code LIKE} (which can use an index for a prefix).
     */
    static boolean backtracks(String pattern) {
        List<List<Token>> segments = segments(pattern).orElse(List.of());
        int inner = 0;
        for (int i = 1; i < segments.size(); i++) {
            if (i < segments.size() - 1 || !segments.get(i).isEmpty()) {
                inner++;
            }
        }
        return inner > 1;
    }

    /**
     * The regex, anchored at both ends; empty for a pattern that ends with a lone backslash (such a pattern matches
     * nothing, as in H2).
     */
    static Optional<String> of(String pattern) {
        return segments(pattern).map(LikeRegex::regex);
    }

    private static String regex(List<List<Token>> segments) {
        StringBuilder regex = new StringBuilder("\\A");
        append(regex, segments.get(0));
        int last = segments.size() - 1;
        for (int i = 1; i < last; i++) {
            regex.append("(?>.*?");
            append(regex, segments.get(i));
            regex.append(')');
        }
        if (last > 0) {
            regex.append(".*");
            append(regex, segments.get(last));
        }
        return regex.append("\\z").toString();
    }

    private static void append(StringBuilder regex, List<Token> segment) {
        for (Token token : segment) {
            if (token.any()) {
                regex.append('.');
            } else if (Character.isLetterOrDigit(token.c()) || token.c() == ' ') {
                regex.append(token.c());
            } else if (token.c() < 0x80) {
                regex.append('\\').append(token.c()); // any escaped ASCII punctuation is a literal in Java regex
            } else {
                regex.append(token.c()); // surrogates and other non-ASCII: literal as they are
            }
        }
    }

    /** One character of a segment: a literal, or {@code _} (any one character). */
    private record Token(char c, boolean any) {}

    /** The pattern split at its runs of {@code %}; empty if it ends with a lone escape. */
    private static Optional<List<List<Token>>> segments(String pattern) {
        List<List<Token>> segments = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        boolean afterPercent = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i == pattern.length() - 1) {
                    return Optional.empty();
                }
                current.add(new Token(pattern.charAt(++i), false));
                afterPercent = false;
            } else if (c == '%') {
                if (!afterPercent) {
                    segments.add(current);
                    current = new ArrayList<>();
                }
                afterPercent = true;
            } else {
                current.add(new Token(c, c == '_'));
                afterPercent = false;
            }
        }
        segments.add(current);
        return Optional.of(segments);
    }
}
