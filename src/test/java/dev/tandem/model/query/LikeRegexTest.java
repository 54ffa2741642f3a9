package dev.tandem.model.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link LikeRegex} matches exactly what {@code LIKE} matches: fixed cases, then random patterns and texts over a
 * small alphabet compared with a reference matcher written from the definition (dynamic programming, no regex).
 */
class LikeRegexTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "%x%y|xxy|true",
                "%x%y|xxx|false",
                "a%b%c|abc|true",
                "a%b%c|aXbYc|true",
                "a%b%c|abcX|false",
                "a%b%c|Xabc|false",
                "%a_c%d|zzabcXd|true",
                "%a_c%d|zzacd|false",
                "%\\%%x|50% x|true",
                "%\\%%x|50 x|false",
                "%\\_%x|a_bx|true",
                "%\\_%x|abx|false",
                "%.%*|a.b*|true",
                "%.%*|ab*|false",
                "%(%)|(a)|true",
                "%é%ü|aébü|true",
                "%\\\\%x|a\\x|true",
            })
    void matchesAsLikeDoes(String pattern, String text, boolean expected) {
        assertEquals(expected, matches(pattern, text));
        assertEquals(expected, like(pattern, text));
    }

    @Test
    void underscoreAndPercentCrossLineBreaks() {
        assertTrue(matches("%a_b%c", "a\nb\nc"));
        assertTrue(matches("a%b%c", "a\n\nb\r\nc"));
        assertFalse(matches("a%b%c", "a\nb\nc\n"), "$ would allow a final line break; \\z does not");
    }

    @Test
    void aLoneTrailingEscapeMatchesNothing() {
        assertTrue(LikeRegex.of("%a%b\\").isEmpty());
    }

    @Test
    void onlyPatternsThatBacktrackInH2AreRewritten() {
        assertFalse(LikeRegex.backtracks("abc"));
        assertFalse(LikeRegex.backtracks("abc%"));
        assertFalse(LikeRegex.backtracks("%abc"));
        assertFalse(LikeRegex.backtracks("%abc%"));
        assertFalse(LikeRegex.backtracks("%%abc%%%"));
        assertFalse(LikeRegex.backtracks("a%b"));
        assertTrue(LikeRegex.backtracks("%a%b"));
        assertTrue(LikeRegex.backtracks("a%b%c"));
        assertTrue(LikeRegex.backtracks("%x%x%x%x%x%x%x%x%x%x%x%x%y"));
        assertFalse(LikeRegex.backtracks("%a\\%b"), "an escaped % is a literal");
    }

    @Test
    void thePatternThatHangsH2IsMatchedInOnePass() {
        String text = "x".repeat(100_000);
        String pattern = "%x".repeat(40) + "%y";
        assertFalse(matches(pattern, text)); // would not finish by backtracking
        assertTrue(matches(pattern, text + "y"));
    }

    @Test
    void randomPatternsAgreeWithTheDefinition() {
        Random random = new Random(19);
        String patternAlphabet = "ab%_";
        String textAlphabet = "ab";
        for (int i = 0; i < 20_000; i++) {
            String pattern = randomString(random, patternAlphabet, random.nextInt(9));
            String text = randomString(random, textAlphabet, random.nextInt(10));
            assertEquals(like(pattern, text), matches(pattern, text), () -> pattern + " ~ " + text);
        }
    }

    private static String randomString(Random random, String alphabet, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static boolean matches(String pattern, String text) {
        return LikeRegex.of(pattern)
                .map(regex ->
                        Pattern.compile(regex, Pattern.DOTALL).matcher(text).find())
                .orElse(false);
    }

    /** LIKE by its definition: dynamic programming over (pattern position, text position). */
    private static boolean like(String pattern, String text) {
        StringBuilder chars = new StringBuilder();
        StringBuilder kinds = new StringBuilder(); // 'c' literal, '_' one, '%' any
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                chars.append(pattern.charAt(++i));
                kinds.append('c');
            } else {
                chars.append(c);
                kinds.append(c == '%' || c == '_' ? c : 'c');
            }
        }
        int p = chars.length();
        int t = text.length();
        boolean[][] m = new boolean[p + 1][t + 1];
        m[p][t] = true;
        for (int i = p - 1; i >= 0; i--) {
            for (int j = t; j >= 0; j--) {
                char kind = kinds.charAt(i);
                if (kind == '%') {
                    m[i][j] = m[i + 1][j] || (j < t && m[i][j + 1]);
                } else if (j < t && (kind == '_' || chars.charAt(i) == text.charAt(j))) {
                    m[i][j] = m[i + 1][j + 1];
                }
            }
        }
        return m[0][0];
    }
}
