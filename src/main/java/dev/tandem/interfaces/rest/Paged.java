package dev.tandem.interfaces.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Convergence's PagedRestResponse: one page of a list, where it starts and how many there are in all. */
public final class Paged {

    private Paged() {}

    public static Map<String, Object> of(List<?> data, long startIndex, long totalResults) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("data", data);
        view.put("startIndex", startIndex);
        view.put("totalResults", totalResults);
        return view;
    }
}
