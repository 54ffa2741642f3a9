package dev.tandem.interfaces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Value;
import dev.tandem.activity.ActivityException;
import dev.tandem.admin.AdminException;
import dev.tandem.chat.ChatException;
import dev.tandem.common.Refusal;
import dev.tandem.common.Refusal.Reason;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.GroupNotFoundException;
import dev.tandem.identity.UserNotFoundException;
import dev.tandem.identity.UserType;
import dev.tandem.interfaces.realtime.wire.RefusalCodes;
import dev.tandem.interfaces.rest.ErrorMappers;
import dev.tandem.model.CollectionAlreadyExistsException;
import dev.tandem.model.CollectionNotFoundException;
import dev.tandem.model.ModelAlreadyExistsException;
import dev.tandem.model.ModelInOtherCollectionException;
import dev.tandem.model.ModelNotFoundException;
import dev.tandem.model.ModelSizeLimitException;
import dev.tandem.model.UnauthorizedException;
import dev.tandem.model.query.InvalidQueryException;
import dev.tandem.model.query.QueriesBusyException;
import dev.tandem.model.query.QueryTimeoutException;
import dev.tandem.ot.tree.ModelTooLargeException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two mappings of a capability's {@link Refusal}, side by side: the protocol error code the realtime client sees
 * ({@link RefusalCodes}) and the HTTP status and {@code error_code} of the admin API ({@link ErrorMappers.Refused}).
 * One row per refusal the capabilities raise, with today's answers, which the compat suites check with the real
 * client; a change here is a change on the wire.
 */
class RefusalMappingTest {

    private static final DomainUserId ALICE = new DomainUserId(UserType.NORMAL, "alice");

    static Stream<Arguments> refusals() {
        return Stream.of(
                // chat
                row(new ChatException(ChatException.Reason.NOT_FOUND, "m"), "chat_not_found", 404, "not_found"),
                row(new ChatException(ChatException.Reason.NOT_JOINED, "m"), "chat_not_joined", 409, "chat_not_joined"),
                row(
                        new ChatException(ChatException.Reason.ALREADY_JOINED, "m"),
                        "chat_already_joined",
                        409,
                        "chat_already_joined"),
                row(
                        new ChatException(ChatException.Reason.ALREADY_MEMBER, "m"),
                        "chat_already_a_member",
                        409,
                        "chat_already_a_member"),
                row(new ChatException(ChatException.Reason.NOT_A_MEMBER, "m"), "not_a_member", 409, "not_a_member"),
                row(
                        new ChatException(ChatException.Reason.CANT_REMOVE_SELF, "m"),
                        "cant_remove_self",
                        409,
                        "cant_remove_self"),
                row(
                        new ChatException(ChatException.Reason.ALREADY_EXISTS, "m"),
                        "chat_already_exists",
                        409,
                        "duplicate"),
                // The admin API spells these its own way: a value of the request is wrong; a member named in the body
                // is unknown.
                row(new ChatException(ChatException.Reason.NOT_SUPPORTED, "m"), "not_supported", 400, "invalid_value"),
                row(new ChatException(ChatException.Reason.UNAUTHORIZED, "m"), "unauthorized", 403, "forbidden"),
                row(
                        new ChatException(ChatException.Reason.USER_NOT_FOUND, "m"),
                        "user_not_found",
                        404,
                        "user_not_found"),
                row(
                        new ChatException(ChatException.Reason.INVALID, "m"),
                        "malformed_request_content",
                        400,
                        "invalid_value"),
                // activity
                row(
                        new ActivityException(ActivityException.Reason.NOT_FOUND, "m"),
                        "activity_not_found",
                        404,
                        "not_found"),
                row(
                        new ActivityException(ActivityException.Reason.NOT_JOINED, "m"),
                        "activity_not_joined",
                        409,
                        "activity_not_joined"),
                row(
                        new ActivityException(ActivityException.Reason.ALREADY_EXISTS, "m"),
                        "activity_already_exists",
                        409,
                        "duplicate"),
                row(
                        new ActivityException(ActivityException.Reason.UNAUTHORIZED, "m"),
                        "unauthorized",
                        403,
                        "forbidden"),
                row(
                        new ActivityException(ActivityException.Reason.INVALID, "m"),
                        "malformed_request_content",
                        400,
                        "invalid_value"),
                // identity
                row(new UserNotFoundException(ALICE), "user_not_found", 404, "not_found"),
                row(new GroupNotFoundException("staff"), "group_not_found", 404, "not_found"),
                // models
                row(new ModelNotFoundException("m1"), "model_not_found", 404, "not_found"),
                row(new ModelAlreadyExistsException("m1"), "model_already_exists", 409, "duplicate"),
                row(new CollectionNotFoundException("c1"), "collection_does_not_exist", 404, "not_found"),
                row(new CollectionAlreadyExistsException("c1"), "collection_already_exists", 409, "duplicate"),
                row(new ModelInOtherCollectionException("m1", "c2"), "collection_mismatch", 409, "collection_mismatch"),
                row(new UnauthorizedException("m"), "unauthorized", 403, "forbidden"),
                row(
                        new ModelSizeLimitException(new ModelTooLargeException(20, 10)),
                        "model_too_large",
                        413,
                        "model_too_large"),
                row(
                        new Refusal(Reason.CONFLICT, "model_already_open", "m"),
                        "model_already_open",
                        409,
                        "model_already_open"),
                row(new Refusal(Reason.CONFLICT, "invalid_version", "m"), "invalid_version", 409, "invalid_version"),
                row(
                        new Refusal(Reason.INVALID, "invalid_target_time", "m"),
                        "invalid_target_time",
                        400,
                        "invalid_target_time"),
                // model queries
                row(new InvalidQueryException("m", 7), "invalid_query", 400, "invalid_query"),
                row(new QueryTimeoutException(100), "query_timeout", 400, "query_timeout"),
                row(new QueriesBusyException(16), "query_busy", 413, "query_busy"),
                // administration (never sent over the realtime protocol; its codes are the admin API's)
                row(AdminException.notFound("domain", "d"), "not_found", 404, "not_found"),
                row(AdminException.duplicate("id", "d"), "duplicate", 409, "duplicate"),
                row(AdminException.invalid("id", "m"), "invalid_value", 400, "invalid_value"),
                row(AdminException.conflict("last_admin", "m"), "last_admin", 409, "last_admin"),
                row(AdminException.forbidden("m"), "forbidden", 403, "forbidden"));
    }

    @ParameterizedTest(name = "{0}: wire {1}, HTTP {2} {3}")
    @MethodSource("refusals")
    void eachRefusalHasOneWireCodeAndOneHttpAnswer(Refusal refusal, String wireCode, int status, String httpCode) {
        assertEquals(wireCode, RefusalCodes.code(refusal), "wire code");
        assertEquals(status, ErrorMappers.Refused.status(refusal), "HTTP status");
        assertEquals(httpCode, ErrorMappers.Refused.code(refusal), "HTTP error_code");
    }

    /** A refusal without a code of its own gets the protocol's general code and the HTTP status of its reason. */
    static Stream<Arguments> reasons() {
        return Stream.of(
                Arguments.of(Reason.NOT_FOUND, "malformed_request_content", 404, "not_found"),
                Arguments.of(Reason.ALREADY_EXISTS, "malformed_request_content", 409, "duplicate"),
                Arguments.of(Reason.INVALID, "malformed_request_content", 400, null),
                Arguments.of(Reason.CONFLICT, "malformed_request_content", 409, null),
                Arguments.of(Reason.NOT_SUPPORTED, "not_supported", 400, null),
                Arguments.of(Reason.UNAUTHORIZED, "unauthorized", 403, "forbidden"),
                Arguments.of(Reason.FORBIDDEN, "unauthorized", 403, "forbidden"),
                Arguments.of(Reason.LIMIT, "malformed_request_content", 413, null),
                Arguments.of(Reason.TIMEOUT, "query_timeout", 400, null));
    }

    @ParameterizedTest(name = "{0}: wire {1}, HTTP {2} {3}")
    @MethodSource("reasons")
    void aBareReasonMapsByItself(Reason reason, String wireCode, int status, String httpCode) {
        Refusal refusal = new Refusal(reason, null, "m");
        assertEquals(wireCode, RefusalCodes.code(refusal), "wire code");
        assertEquals(status, ErrorMappers.Refused.status(refusal), "HTTP status");
        assertEquals(httpCode, ErrorMappers.Refused.code(refusal), "HTTP error_code");
    }

    @Test
    void everyReasonIsInTheTable() {
        assertEquals(
                Arrays.asList(Reason.values()),
                reasons().map(a -> (Reason) a.get()[0]).toList());
    }

    @Test
    void onlyAnInvalidQueryCarriesWireDetailsItsIndex() {
        assertEquals(
                Map.of("index", Value.newBuilder().setNumberValue(7).build()),
                RefusalCodes.details(new InvalidQueryException("unexpected token", 7)));
        List<Refusal> others = refusals()
                .map(a -> (Refusal) a.get()[0])
                .filter(r -> !(r instanceof InvalidQueryException))
                .toList();
        for (Refusal other : others) {
            assertEquals(Map.of(), RefusalCodes.details(other), other.toString());
        }
    }

    private static Arguments row(Refusal refusal, String wireCode, int status, String httpCode) {
        return Arguments.of(refusal, wireCode, status, httpCode);
    }
}
