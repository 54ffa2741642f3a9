package dev.tandem.model;

import dev.tandem.ot.operation.AppliedOperation;
import java.time.Instant;

/**
 * One step of a model's history.
 *
 * @param version the version the operation produced (the first operation after creation produces 2)
 * @param sessionId the session that submitted it, or null for the creation placeholder (see
 *        {@link ModelService#history})
 * @param operation what it changed, with the values it replaced, so that it can be undone
 */
public record HistoricalOperation(long version, String sessionId, Instant committedAt, AppliedOperation operation) {}
