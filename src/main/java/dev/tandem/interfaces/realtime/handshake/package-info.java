/**
 * The handshake: {@link dev.tandem.interfaces.realtime.handshake.ConnectionHandlers} answers
 * {@code ConnectionRequestMessage} (the login, through {@link dev.tandem.identity.AuthenticationService}) and the
 * server clock request; {@link dev.tandem.interfaces.realtime.handshake.CredentialSizes} caps the credentials before
 * they are parsed; {@link dev.tandem.interfaces.realtime.handshake.HandshakePresence} is how the presence adapter
 * joins a newly authenticated connection before the response is sent.
 *
 * <p>Dependencies: imports {@code dispatch}, {@code connection} and {@code wire}; never {@code transport} nor a
 * capability adapter. The presence adapter ({@code realtime.presence}) imports it to implement
 * {@code HandshakePresence}.
 */
package dev.tandem.interfaces.realtime.handshake;
