/**
 * The live protocol: Convergence's protobuf messages over binary WebSocket frames at
 * {@code /api/realtime/{namespace}/{domainId}}.
 *
 * <p>The machinery, bottom up (each subpackage imports only those above it in this list):
 * <ul>
 *   <li>{@code wire}: conversions between Tandem's types and the generated protobuf classes, error codes and
 *       {@link dev.tandem.interfaces.realtime.wire.ProtocolException};</li>
 *   <li>{@code connection}: each socket is one {@link dev.tandem.interfaces.realtime.connection.ClientConnection},
 *       owned by the {@link dev.tandem.interfaces.realtime.connection.ConnectionRegistry}, which also runs heartbeats
 *       and timeouts; connection events, settings, limits, and the identity cache each client is kept told;</li>
 *   <li>{@code dispatch}: {@link dev.tandem.interfaces.realtime.dispatch.MessageRouter} decodes the
 *       {@code ConvergenceMessage} envelope (request, response or normal message), enforces the connection's state
 *       and limits, and dispatches by body type to the {@link dev.tandem.interfaces.realtime.dispatch.MessageHandler}s
 *       that adapters register through {@link dev.tandem.interfaces.realtime.dispatch.HandlerRegistration};</li>
 *   <li>{@code handshake}: the connection request (login) and the server clock;</li>
 *   <li>{@code transport}: the WebSocket endpoint
 *       ({@link dev.tandem.interfaces.realtime.transport.RealtimeEndpoint}, thin: it hands every frame to the router)
 *       and the workarounds for Payara's WebSocket implementation (Tyrus).</li>
 * </ul>
 *
 * <p>The adapters of the capabilities ({@code model}, {@code chat}, {@code activity}, {@code presence},
 * {@code identity}) build on {@code wire}, {@code connection} and {@code dispatch} (and {@code presence} on
 * {@code handshake}), never on {@code transport} nor on one another. Generated protobuf classes
 * ({@code dev.tandem.interfaces.realtime.proto}) never leave this package tree: application services speak Tandem's
 * own types. Nothing here imports the REST adapter ({@code dev.tandem.interfaces.rest..}).
 */
package dev.tandem.interfaces.realtime;
