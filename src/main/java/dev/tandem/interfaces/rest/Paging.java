package dev.tandem.interfaces.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** {@code offset} and {@code limit} query parameters of every list; a limit past {@value #MAX_LIMIT} is refused. */
public class Paging {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;

    @QueryParam("offset")
    @DefaultValue("0")
    @Min(0)
    int offset;

    @QueryParam("limit")
    @DefaultValue("" + DEFAULT_LIMIT)
    @Min(1)
    @Max(MAX_LIMIT)
    int limit;

    public int offset() {
        return offset;
    }

    public int limit() {
        return limit;
    }
}
