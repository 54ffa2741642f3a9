package dev.tandem.interfaces.realtime.dispatch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.interfaces.realtime.proto.ConvergenceMessage.BodyCase;
import org.junit.jupiter.api.Test;

class ClientMessageKindsTest {

    @Test
    void requestsAndClientNotificationsAreSentByTheClient() {
        for (BodyCase body : new BodyCase[] {
            BodyCase.CONNECTIONREQUEST,
            BodyCase.OPENREALTIMEMODELREQUEST,
            BodyCase.OPERATIONSUBMISSION,
            BodyCase.PRESENCESETSTATE,
            BodyCase.MODELAUTOCREATECONFIGRESPONSE,
            BodyCase.ACTIVITYUPDATESTATE,
            BodyCase.PING
        }) {
            assertTrue(ClientMessageKinds.isSentByClient(body), body.name());
        }
    }

    @Test
    void responsesEventsAndTheServerRequestAreNot() {
        for (BodyCase body : new BodyCase[] {
            BodyCase.CONNECTIONRESPONSE,
            BodyCase.OPERATIONACK,
            BodyCase.REMOTEOPERATION,
            BodyCase.MODELAUTOCREATECONFIGREQUEST,
            BodyCase.IDENTITYCACHEUPDATE,
            BodyCase.PRESENCESTATESET,
            BodyCase.BODY_NOT_SET
        }) {
            assertFalse(ClientMessageKinds.isSentByClient(body), body.name());
        }
    }

    @Test
    void theRegistryRefusesDuplicatesAndServerMessages() {
        HandlerRegistry registry = new HandlerRegistry();
        MessageHandler nothing = (connection, message) -> {};
        registry.request(BodyCase.SERVERTIMEREQUEST, nothing);
        assertThrows(IllegalStateException.class, () -> registry.request(BodyCase.SERVERTIMEREQUEST, nothing));
        assertThrows(IllegalArgumentException.class, () -> registry.message(BodyCase.OPERATIONACK, nothing));
    }
}
