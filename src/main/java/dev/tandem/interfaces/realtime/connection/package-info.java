/**
 * One client socket and its lifecycle: {@link dev.tandem.interfaces.realtime.connection.ClientConnection} (protocol
 * state, timers, rate limit, outstanding server-to-client requests, the queue of outgoing messages and its
 * {@link dev.tandem.interfaces.realtime.connection.FrameWriter}),
 * {@link dev.tandem.interfaces.realtime.connection.ConnectionRegistry} (every open connection of this node and the
 * sweep that runs their timers), {@link dev.tandem.interfaces.realtime.connection.ConnectionEvent} (handshake done,
 * closed), {@link dev.tandem.interfaces.realtime.connection.CloseReasons},
 * {@link dev.tandem.interfaces.realtime.connection.RealtimeSettings} (limits and timings),
 * {@link dev.tandem.interfaces.realtime.connection.DomainAvailability} (closes a domain's connections when it goes
 * unavailable), and what each client has been told of users and sessions:
 * {@link dev.tandem.interfaces.realtime.connection.IdentityCache}, with the per-connection {@code KnownIdentities}
 * (which is why the identity cache lives here: it is connection state, package-private to it).
 *
 * <p>Some members of {@code ClientConnection} and {@code ConnectionRegistry} (receiving, rate permits, request
 * completion, registration and closing), {@code CloseReasons} and {@code FrameWriter} are public only because
 * {@code dispatch}, {@code handshake} and {@code transport} drive the lifecycle; their Javadoc says so. Capability
 * adapters are not meant to call those members.
 *
 * <p>Dependencies: imports {@code wire} and {@code generation} (a connection keeps its client's codec) (and the generated protobuf classes, Jakarta WebSocket, Tandem's
 * {@code identity}, {@code tenant}, and {@code model}, whose {@code ModelService} drains before the registry closes
 * the sockets at shutdown); never {@code dispatch}, {@code handshake}, {@code transport} nor a capability adapter.
 * {@code dev.tandem.interfaces.rest} reads the connection count and {@code RealtimeSettings}.
 */
package dev.tandem.interfaces.realtime.connection;
