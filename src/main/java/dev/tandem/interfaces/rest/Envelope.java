package dev.tandem.interfaces.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Convergence's response envelope: {@code {"ok":true,"body":...}} or {@code {"ok":false,"body":{error_...}}}. */
public final class Envelope {

    private Envelope() {}

    /** 200 with {@code body} ({@code null}: no body field, as Convergence answers a plain success). */
    public static Response ok(Object body) {
        return success(Response.Status.OK, body);
    }

    public static Response ok() {
        return ok(null);
    }

    public static Response created(Object body) {
        return success(Response.Status.CREATED, body);
    }

    public static Response deleted() {
        return ok(null);
    }

    static Response success(Response.Status status, Object body) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("ok", true);
        if (body != null) {
            envelope.put("body", body);
        }
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(envelope)
                .build();
    }

    /** An error answer; {@code message} and {@code details} may be {@code null}. */
    public static Response error(int status, String code, String message, Map<String, ?> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", code);
        if (message != null) {
            body.put("error_message", message);
        }
        if (details != null && !details.isEmpty()) {
            body.put("error_details", details);
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("ok", false);
        envelope.put("body", body);
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(envelope)
                .build();
    }
}
