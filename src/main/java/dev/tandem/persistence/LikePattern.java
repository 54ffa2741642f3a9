package dev.tandem.persistence;

/** A case-insensitive "contains" pattern for JPQL {@code LIKE ... ESCAPE '!'} from text a user typed. */
public final class LikePattern {

    private LikePattern() {}

    /**
     * {@code %text%} in lower case, with {@code !}, {@code %} and {@code _} escaped by {@code !}; matches everything
     * for {@code null}. Compare against {@code LOWER(column)}.
     */
    public static String contains(String text) {
        String escaped = text == null
                ? ""
                : text.toLowerCase().replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + escaped + "%";
    }
}
