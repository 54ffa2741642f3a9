package dev.tandem.model;

import dev.tandem.ot.reference.ReferenceValue;

/**
 * A session's change to one of its references.
 *
 * @param valueId the value the reference points into, null for model-level (element) references
 * @param value the new value for {@code SHARE} and {@code SET}, null otherwise
 * @param contextVersion the session's version when it made the change; values are rebased from there
 */
public record ReferenceEvent(Kind kind, String valueId, String key, ReferenceValue value, long contextVersion) {

    /** What happened to the reference. */
    public enum Kind {
        SHARE,
        SET,
        CLEAR,
        UNSHARE
    }
}
