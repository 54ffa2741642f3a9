package dev.tandem.ot.server;

import dev.tandem.ot.operation.Operation;

/**
 * An incoming operation transformed onto the server's current state, waiting to be committed.
 *
 * @param sessionId the submitting session
 * @param version the version it applies at (the ack's {@code version} and the remote op's {@code
 *     contextVersion}); the model is at {@code version + 1} once it is committed
 * @param operation the transformed operation
 */
public record ProcessedOperation(String sessionId, long version, Operation operation) {}
