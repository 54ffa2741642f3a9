package dev.tandem.ot.server;

import dev.tandem.ot.operation.AppliedOperation;
import dev.tandem.ot.operation.Operation;

/**
 * An operation the model accepted: ack the sender with {@code version}, broadcast {@code operation}
 * to the other openers with {@code contextVersion = version}, and log {@code applied} at history
 * version {@code version + 1}.
 *
 * @param sessionId the submitting session
 * @param version the version it was applied at (pre-apply)
 * @param operation the transformed operation, as broadcast
 * @param applied what it did, with old values, as stored for history
 */
public record CommittedOperation(String sessionId, long version, Operation operation, AppliedOperation applied) {}
