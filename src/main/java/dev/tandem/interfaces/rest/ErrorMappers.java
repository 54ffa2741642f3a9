package dev.tandem.interfaces.rest;

import dev.tandem.activity.ActivityException;
import dev.tandem.admin.AdminException;
import dev.tandem.chat.ChatException;
import dev.tandem.common.Refusal;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure into Convergence's error envelope, so no stack trace or HTML error page ever leaves the admin
 * API: service refusals, validation errors, malformed JSON, unknown paths (404), wrong methods (405), and anything
 * unexpected (500, logged here with its stack trace).
 */
public final class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {}

    /**
     * The capabilities' {@link Refusal}s: the one place their reasons become HTTP statuses. An
     * {@link AdminException} already carries the admin API's code; the chat and activity services' finer reasons that
     * the admin API spells its own way are named here. Of the others, what was not found, already exists or is
     * forbidden gets the generic code ({@code not_found}, {@code duplicate}, {@code forbidden}; their own
     * codes are the realtime protocol's), every other reason keeps the refusal's own code
     * ({@code collection_mismatch}, {@code invalid_query}, {@code query_timeout}, {@code model_too_large}...). The
     * refusal's details go out as {@code error_details}.
     */
    @Provider
    public static class Refused implements ExceptionMapper<Refusal> {
        @Override
        public Response toResponse(Refusal e) {
            return Envelope.error(status(e), code(e), e.getMessage(), e.details());
        }

        /** The HTTP status of {@code refusal}. */
        public static int status(Refusal refusal) {
            return switch (refusal.reason()) {
                case NOT_FOUND -> 404;
                case ALREADY_EXISTS, CONFLICT -> 409;
                case INVALID, NOT_SUPPORTED, TIMEOUT -> 400;
                case UNAUTHORIZED, FORBIDDEN -> 403;
                case LIMIT -> 413;
            };
        }

        /** The envelope's {@code error_code} of {@code refusal}. */
        public static String code(Refusal refusal) {
            if (refusal instanceof AdminException) {
                return refusal.code();
            }
            // A chat member named in the body that does not exist is not the resource of the path: its own code.
            // What the realtime protocol calls malformed content or an operation that does not apply to the chat
            // was well-formed JSON to the admin API: one of its values is wrong.
            if (refusal instanceof ChatException chat) {
                switch (chat.chatReason()) {
                    case USER_NOT_FOUND:
                        return "user_not_found";
                    case INVALID, NOT_SUPPORTED:
                        return "invalid_value";
                    default:
                        break;
                }
            }
            if (refusal instanceof ActivityException activity
                    && activity.activityReason() == ActivityException.Reason.INVALID) {
                return "invalid_value";
            }
            return switch (refusal.reason()) {
                case NOT_FOUND -> "not_found";
                case ALREADY_EXISTS -> "duplicate";
                case UNAUTHORIZED, FORBIDDEN -> "forbidden";
                default -> refusal.code();
            };
        }
    }

    /** Bean Validation on parameters and bodies: 400 naming the first invalid field. */
    @Provider
    public static class Validation implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            ConstraintViolation<?> first = e.getConstraintViolations().stream()
                    .min(java.util.Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .orElse(null);
            if (first == null) {
                return Envelope.error(400, "invalid_value", "invalid request", null);
            }
            String field = null;
            for (Path.Node node : first.getPropertyPath()) {
                field = node.getName();
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("field", field);
            return Envelope.error(400, "invalid_value", field + " " + first.getMessage(), details);
        }
    }

    /** Parameters a resource found out of range. */
    @Provider
    public static class InvalidRequest implements ExceptionMapper<InvalidRequestException> {
        @Override
        public Response toResponse(InvalidRequestException e) {
            return Envelope.error(400, "invalid_value", e.getMessage(), Map.of("field", e.field()));
        }
    }

    /** Status codes raised by JAX-RS itself or by resources (404 unknown path, 405, 401, 403, 400, 415...). */
    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (e.getCause() instanceof JsonbException
                    || e.getCause() instanceof JsonParsingException
                    || e.getCause() instanceof ProcessingException) {
                return malformed();
            }
            String code = switch (status) {
                case 400 -> "malformed_request_content";
                case 401 -> "unauthorized";
                case 403 -> "forbidden";
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                case 406 -> "not_acceptable";
                case 415 -> "unsupported_media_type";
                default -> status >= 500 ? "internal_server_error" : "request_error";
            };
            String message = switch (status) {
                case 404 -> "no such resource";
                case 405 -> "method not allowed; allowed: " + e.getResponse().getAllowedMethods();
                default -> status >= 500 ? null : e.getMessage();
            };
            if (status >= 500) {
                LOG.log(Level.SEVERE, "Admin API request failed", e);
            }
            Response response = Envelope.error(status, code, message, null);
            if (e instanceof NotAllowedException) {
                return Response.fromResponse(response)
                        .allow(e.getResponse().getAllowedMethods())
                        .build();
            }
            return response;
        }
    }

    /** A body that is not JSON or not of the expected shape. */
    @Provider
    public static class Json implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return malformed();
        }
    }

    @Provider
    public static class JsonParsing implements ExceptionMapper<JsonParsingException> {
        @Override
        public Response toResponse(JsonParsingException e) {
            return malformed();
        }
    }

    @Provider
    public static class Processing implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return malformed();
        }
    }

    /** Anything else: logged, answered with a bare 500. */
    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            LOG.log(Level.SEVERE, "Admin API request failed", e);
            return Envelope.error(500, "internal_server_error", null, null);
        }
    }

    static Response malformed() {
        return Envelope.error(
                400,
                "malformed_request_content",
                "the request body is not valid JSON of the expected " + "shape",
                null);
    }
}
