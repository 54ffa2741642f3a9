package dev.tandem.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.activity.ActivityException;
import dev.tandem.admin.AdminException;
import dev.tandem.chat.ChatException;
import dev.tandem.common.Refusal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one place a capability's refusal becomes the admin API's status and {@code error_code}: every chat and activity
 * reason, as {@code compat/tests/rest-chats} and {@code rest-activities} expect them over HTTP.
 */
class RefusedMapperTest {

    @ParameterizedTest
    @CsvSource({
        "NOT_FOUND, 404, not_found",
        "NOT_JOINED, 409, chat_not_joined",
        "ALREADY_JOINED, 409, chat_already_joined",
        "ALREADY_MEMBER, 409, chat_already_a_member",
        "NOT_A_MEMBER, 409, not_a_member",
        "CANT_REMOVE_SELF, 409, cant_remove_self",
        "ALREADY_EXISTS, 409, duplicate",
        "NOT_SUPPORTED, 400, invalid_value",
        "UNAUTHORIZED, 403, forbidden",
        "USER_NOT_FOUND, 404, user_not_found",
        "INVALID, 400, invalid_value",
    })
    void mapsEveryChatReason(ChatException.Reason reason, int status, String code) {
        ChatException refusal = new ChatException(reason, "why");
        assertEquals(status, ErrorMappers.Refused.status(refusal));
        assertEquals(code, ErrorMappers.Refused.code(refusal));
    }

    @ParameterizedTest
    @CsvSource({
        "NOT_FOUND, 404, not_found",
        "NOT_JOINED, 409, activity_not_joined",
        "ALREADY_EXISTS, 409, duplicate",
        "UNAUTHORIZED, 403, forbidden",
        "INVALID, 400, invalid_value",
    })
    void mapsEveryActivityReason(ActivityException.Reason reason, int status, String code) {
        ActivityException refusal = new ActivityException(reason, "why");
        assertEquals(status, ErrorMappers.Refused.status(refusal));
        assertEquals(code, ErrorMappers.Refused.code(refusal));
    }

    @ParameterizedTest
    @CsvSource({
        "NOT_FOUND, 404",
        "ALREADY_EXISTS, 409",
        "INVALID, 400",
        "CONFLICT, 409",
        "NOT_SUPPORTED, 400",
        "UNAUTHORIZED, 403",
        "FORBIDDEN, 403",
        "LIMIT, 413",
        "TIMEOUT, 400",
    })
    void givesEveryReasonAStatus(Refusal.Reason reason, int status) {
        assertEquals(status, ErrorMappers.Refused.status(new Refusal(reason, "own_code", "why")));
    }

    @Test
    void keepsTheAdminApisOwnCodeAndAnOtherCapabilitysFinerCode() {
        assertEquals("not_found", ErrorMappers.Refused.code(AdminException.notFound("chat", "x")));
        assertEquals(
                "invalid_query",
                ErrorMappers.Refused.code(
                        new Refusal(Refusal.Reason.INVALID, "invalid_query", "bad", Map.of("position", 3))));
        assertEquals(
                "model_too_large",
                ErrorMappers.Refused.code(new Refusal(Refusal.Reason.LIMIT, "model_too_large", "big")));
    }
}
