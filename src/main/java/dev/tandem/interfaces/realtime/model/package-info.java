/**
 * The protocol side of real-time models.
 *
 * <p>{@link dev.tandem.interfaces.realtime.model.ModelHandlers} maps the model messages to
 * {@link dev.tandem.model.ModelService} calls and keeps each connection's {@code OpenModels}; each open model of a
 * connection is a {@code RealtimeParticipant}, which turns model events into messages for its {@code resourceId}.
 *
 * <p>{@link dev.tandem.interfaces.realtime.model.ModelQueryHandlers} answers {@code modelsQueryRequest} through
 * {@link dev.tandem.model.query.ModelQueryService}, turning results into {@code Struct}s and a bad query into
 * {@code invalid_query} with the position in {@code details.index}.
 *
 * <p>{@link dev.tandem.interfaces.realtime.model.ModelWire} holds only conversions between the wire (the generated
 * {@code proto.model} classes) and Tandem's OT types ({@code dev.tandem.ot}): values, operations, applied operations
 * for history, and reference values. It validates what clients send (a malformed message becomes a
 * {@code malformed_request_content} {@link dev.tandem.interfaces.realtime.wire.ProtocolException}, never a
 * {@code NullPointerException}) and shapes what the server sends the way the rc.12 client reads it. It decides nothing
 * about models.
 */
package dev.tandem.interfaces.realtime.model;
