package dev.tandem.interfaces.rest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * {@code offset} and {@code limit} query parameters of every list; a negative offset, a limit below 1 or past
 * {@value #MAX_LIMIT} is 400. Checked here rather than with {@code @Min}/{@code @Max}: Payara's OpenAPI generator
 * fails on those annotations on parameter fields (NullPointerException in its bean-validation visitor).
 */
public class Paging {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;

    @QueryParam("offset")
    @DefaultValue("0")
    int offset;

    @QueryParam("limit")
    @DefaultValue("" + DEFAULT_LIMIT)
    int limit;

    public int offset() {
        if (offset < 0) {
            throw new InvalidRequestException("offset", "offset must not be negative");
        }
        return offset;
    }

    public int limit() {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
