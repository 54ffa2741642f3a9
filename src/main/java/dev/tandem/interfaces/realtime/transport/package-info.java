/**
 * The WebSocket side: {@link dev.tandem.interfaces.realtime.transport.RealtimeEndpoint} (the Jakarta WebSocket
 * endpoint; one instance per socket, it only adapts container callbacks to the connection and the router) and the
 * workarounds for Payara's WebSocket implementation, Tyrus:
 * {@link dev.tandem.interfaces.realtime.transport.TyrusRawFrames} (several messages in one socket write, with the
 * frames encoded by {@code WebSocketFrames}) and {@link dev.tandem.interfaces.realtime.transport.TyrusSchedulerSwap}
 * (no idle-timeout rescheduling per frame).
 *
 * <p>Dependencies: the top of the realtime machinery; imports {@code connection}, {@code dispatch} and {@code wire}.
 * No other realtime subpackage imports it. {@code dev.tandem.interfaces.rest} reads the state of the Tyrus
 * workarounds for its status resource.
 */
package dev.tandem.interfaces.realtime.transport;
