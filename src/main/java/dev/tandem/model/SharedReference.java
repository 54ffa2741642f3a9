package dev.tandem.model;

import dev.tandem.ot.reference.ReferenceValue;

/**
 * A reference a session shares on a model (a cursor, a selection), keyed by session, value and key.
 *
 * @param value the current value, rebased onto the model's current version; null while cleared
 * @param valueId the value it points into, null for model-level (element) references
 */
public record SharedReference(String sessionId, String valueId, String key, ReferenceValue value) {}
