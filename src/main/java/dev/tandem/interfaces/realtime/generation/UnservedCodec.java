package dev.tandem.interfaces.realtime.generation;

import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.g5.core.HandshakeResponseMessage;
import java.nio.ByteBuffer;

/**
 * The connection of a client this server does not serve (an unknown version in the old handshake: none of the published
 * releases from rc.4 on): its handshake is answered with a refusal the client reports ("unsupported_client", retry not
 * allowed), instead of an {@code invalid_message} it cannot read and a timeout. The handshake response has the same
 * shape from G1 to G5 (compat/generations/diffs), so G5's classes write it. Nothing reaches the server: every other
 * frame of such a client is an invalid message.
 */
final class UnservedCodec implements FrameCodec {

    static final String CODE = "unsupported_client";

    private final ClientLink link;

    UnservedCodec(ClientLink link) {
        this.link = link;
    }

    @Override
    public ConvergenceMessage decode(ByteBuffer frame) throws com.google.protobuf.InvalidProtocolBufferException {
        try {
            var message = dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.parseFrom(frame.duplicate());
            if (message.hasHandshakeRequest()) {
                var reply = dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.newBuilder()
                        .setHandshakeResponse(HandshakeResponseMessage.newBuilder()
                                .setSuccess(false)
                                .setRetryOk(false)
                                .setError(HandshakeResponseMessage.ErrorData.newBuilder()
                                        .setCode(CODE)
                                        .setDetails("this server serves the Convergence client from 1.0.0-rc.4 on, not "
                                                + message.getHandshakeRequest().getClientVersion())));
                if (message.hasRequestId()) {
                    reply.setResponseId(message.getRequestId());
                }
                link.sendToClient(reply.build().toByteArray());
                return null;
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            // not even an old message: refused below
        }
        // Anything else from a client that was refused is an invalid message, counted as any other (a client that
        // keeps sending them is closed), not silently dropped.
        throw new com.google.protobuf.InvalidProtocolBufferException(
                "this server does not serve the client's protocol generation");
    }

    @Override
    public byte[] encode(byte[] frame) {
        return null; // the server says nothing to a client it does not serve
    }
}
