package dev.tandem.interfaces.realtime.dispatch;

import dev.tandem.interfaces.realtime.proto.ConvergenceMessage.BodyCase;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which message bodies travel from client to server. Everything else in the schema is sent by the server, so a client
 * sending it is a protocol error ({@code invalid_message}), while a client message this server has no handler for is
 * {@code not_supported}.
 */
final class ClientMessageKinds {

    private static final Set<BodyCase> SENT_BY_CLIENT = EnumSet.noneOf(BodyCase.class);

    static {
        for (BodyCase body : BodyCase.values()) {
            String name = body.name();
            // Requests end in REQUEST, except the one request the server sends to the client.
            if (name.endsWith("REQUEST") && body != BodyCase.MODELAUTOCREATECONFIGREQUEST) {
                SENT_BY_CLIENT.add(body);
            }
        }
        SENT_BY_CLIENT.addAll(EnumSet.of(
                BodyCase.OK,
                BodyCase.ERROR,
                BodyCase.PING,
                BodyCase.PONG,
                BodyCase.MODELAUTOCREATECONFIGRESPONSE,
                BodyCase.OPERATIONSUBMISSION,
                BodyCase.SHAREREFERENCE,
                BodyCase.SETREFERENCE,
                BodyCase.CLEARREFERENCE,
                BodyCase.UNSHAREREFERENCE,
                BodyCase.MODELRESYNCCLIENTCOMPLETE,
                BodyCase.MODELOFFLINESUBSCRIPTIONCHANGE,
                BodyCase.ACTIVITYUPDATESTATE,
                BodyCase.PRESENCESETSTATE,
                BodyCase.PRESENCEREMOVESTATE,
                BodyCase.PRESENCECLEARSTATE,
                BodyCase.PRESENCEUNSUBSCRIBE));
    }

    private ClientMessageKinds() {}

    static boolean isSentByClient(BodyCase body) {
        return SENT_BY_CLIENT.contains(body);
    }
}
