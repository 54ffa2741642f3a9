/**
 * The live protocol: Convergence's protobuf messages over binary WebSocket frames at
 * {@code /api/realtime/{namespace}/{domainId}}.
 *
 * <p>{@link dev.tandem.interfaces.realtime.RealtimeEndpoint} is thin: it hands every frame to
 * {@link dev.tandem.interfaces.realtime.MessageRouter}, which decodes the {@code ConvergenceMessage} envelope
 * (request, response or normal message), enforces the connection's state and limits, and dispatches by body type to
 * the {@link dev.tandem.interfaces.realtime.MessageHandler}s that capabilities register through
 * {@link dev.tandem.interfaces.realtime.HandlerRegistration}. Each socket is one
 * {@link dev.tandem.interfaces.realtime.ClientConnection}, owned by the
 * {@link dev.tandem.interfaces.realtime.ConnectionRegistry}, which also runs heartbeats and timeouts. Generated
 * protobuf classes ({@code dev.tandem.interfaces.realtime.proto}) never leave this package tree: application
 * services speak Tandem's own types.
 */
package dev.tandem.interfaces.realtime;
