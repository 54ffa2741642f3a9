/**
 * What the realtime adapters share about the wire format itself: {@link dev.tandem.interfaces.realtime.wire.Wire}
 * (Tandem's users, user ids and the like as protobuf messages), {@link dev.tandem.interfaces.realtime.wire.WireJson}
 * ({@code google.protobuf.Value} to and from JSON-P), {@link dev.tandem.interfaces.realtime.wire.ErrorCodes} (the
 * codes of {@code ErrorMessage}) and {@link dev.tandem.interfaces.realtime.wire.ProtocolException} (an expected
 * refusal, turned into an error reply by the router) and {@link dev.tandem.interfaces.realtime.wire.RefusalCodes}
 * (the one mapping of a capability's {@link dev.tandem.common.Refusal} to its protocol error code).
 *
 * <p>Dependencies: the bottom of the realtime tree. It imports the generated protobuf classes and Tandem's
 * capability types ({@code identity}, {@code common}) only; no other realtime subpackage. Every other realtime subpackage may import
 * it.
 */
package dev.tandem.interfaces.realtime.wire;
