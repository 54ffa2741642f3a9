/**
 * Translation between the model messages of the wire (the generated {@code proto.model} classes) and Tandem's OT
 * types ({@code dev.tandem.ot}): values, operations, applied operations for history, and reference values.
 *
 * <p>{@link dev.tandem.interfaces.realtime.model.ModelWire} holds only conversions. It validates what clients send
 * (a malformed message becomes a {@code malformed_request_content} {@link dev.tandem.interfaces.realtime.ProtocolException},
 * never a {@code NullPointerException}) and shapes what the server sends the way the rc.12 client reads it. It
 * decides nothing about models: whether an operation applies, who may see a reference, and so on belong to the
 * model service.
 */
package dev.tandem.interfaces.realtime.model;
