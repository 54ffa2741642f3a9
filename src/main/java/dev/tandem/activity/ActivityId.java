package dev.tandem.activity;

import java.util.Objects;

/**
 * Names an activity within a domain: Convergence identifies an activity by its type and id together, so "doc"/"1" and
 * "page"/"1" are two activities.
 */
public record ActivityId(String type, String id) {

    /** The longest type or id accepted; the database columns hold this many characters. */
    public static final int MAX_LENGTH = 255;

    public ActivityId {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    /**
     * An activity id as a client gives it.
     *
     * @throws IllegalArgumentException if the type or id is empty or longer than {@value #MAX_LENGTH} characters
     */
    public static ActivityId of(String type, String id) {
        if (type == null || type.isEmpty() || id == null || id.isEmpty()) {
            throw new IllegalArgumentException("an activity needs a type and an id");
        }
        if (type.length() > MAX_LENGTH || id.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("activity type and id hold at most " + MAX_LENGTH + " characters");
        }
        return new ActivityId(type, id);
    }

    @Override
    public String toString() {
        return type + "/" + id;
    }
}
