/**
 * The realtime adapter of presence: maps the presence messages of the protocol to and from
 * {@link dev.tandem.presence.PresenceService}, registers each authenticated connection with it (and unregisters it
 * on close) through {@link dev.tandem.interfaces.realtime.connection.ConnectionEvent}s, supplies the presence state of the
 * connection response, and turns the service's pushes into messages, with the identity cache filled first.
 */
package dev.tandem.interfaces.realtime.presence;
