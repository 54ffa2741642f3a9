/**
 * From a decoded frame to the handler of its message:
 * {@link dev.tandem.interfaces.realtime.dispatch.MessageRouter} (envelope rules, the connection's state and limits,
 * replies to bad input), {@link dev.tandem.interfaces.realtime.dispatch.HandlerRegistry} and
 * {@link dev.tandem.interfaces.realtime.dispatch.HandlerRegistration} (how adapters register their
 * {@link dev.tandem.interfaces.realtime.dispatch.MessageHandler}s), {@link
 * dev.tandem.interfaces.realtime.dispatch.IncomingMessage} (a client message with the means to answer it once),
 * {@code ClientMessageKinds} (which bodies a client may send) and
 * {@link dev.tandem.interfaces.realtime.dispatch.RealtimeMetrics} (the realtime side's metrics, published in
 * Prometheus' text format by {@link dev.tandem.interfaces.realtime.dispatch.PrometheusMetrics}).
 *
 * <p>Dependencies: imports {@code connection}, {@code generation} (the client's generation, from its connection request) and {@code wire} (and {@code dev.tandem.model} for the open-model
 * gauge, {@code dev.tandem.common} for the refusals it answers); never {@code handshake}, {@code transport} nor a capability adapter. Capability adapters and
 * {@code handshake} import it to register handlers.
 */
package dev.tandem.interfaces.realtime.dispatch;
