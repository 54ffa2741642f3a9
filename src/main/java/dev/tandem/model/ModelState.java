package dev.tandem.model;

import dev.tandem.ot.value.ObjectValue;
import java.time.Instant;

/** A model's data at its current version, consistent with that version (no operation half-applied). */
public record ModelState(
        String modelId, String collectionId, long version, Instant createdAt, Instant modifiedAt, ObjectValue data) {}
