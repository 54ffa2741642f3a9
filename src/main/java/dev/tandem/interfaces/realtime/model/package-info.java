/**
 * The protocol side of real-time models: {@link dev.tandem.interfaces.realtime.model.ModelHandlers} maps the model
 * messages to {@link dev.tandem.model.ModelService} calls; each open model of a connection is a
 * {@link dev.tandem.interfaces.realtime.model.RealtimeParticipant} that turns model events into messages for its
 * {@code resourceId}; {@link dev.tandem.interfaces.realtime.model.ModelWire} converts between wire and OT types.
 */
package dev.tandem.interfaces.realtime.model;
