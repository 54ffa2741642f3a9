package dev.tandem.interfaces.rest.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.UserType;
import org.junit.jupiter.api.Test;

class UserIdsTest {

    @Test
    void normalUsersAreTheirUsernameOthersCarryTheirType() {
        assertEquals("alice", UserIds.encode(DomainUserId.normal("alice")));
        assertEquals("convergence:admin", UserIds.encode(new DomainUserId(UserType.CONVERGENCE, "admin")));
        assertEquals("anonymous:a%3Ab", UserIds.encode(new DomainUserId(UserType.ANONYMOUS, "a:b")));
        assertEquals("a%3Ab", UserIds.encode(DomainUserId.normal("a:b")), "a colon in a normal name is encoded");
    }

    @Test
    void decodingInvertsEncoding() {
        for (DomainUserId id : new DomainUserId[] {
            DomainUserId.normal("alice"),
            DomainUserId.normal("a:b"),
            new DomainUserId(UserType.CONVERGENCE, "admin"),
            new DomainUserId(UserType.ANONYMOUS, "x:y z")
        }) {
            assertEquals(id, UserIds.decode(UserIds.encode(id)));
        }
        assertEquals(new DomainUserId(UserType.CONVERGENCE, "admin"), UserIds.decode("Convergence:admin"));
    }

    @Test
    void anUnknownTypeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> UserIds.decode("martian:x"));
    }
}
