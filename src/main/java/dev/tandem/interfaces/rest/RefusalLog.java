package dev.tandem.interfaces.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One INFO line per refused request (any 4xx), for the operator: method, path, status, error code, caller and
 * address. Never the body or a credential. Failures of the server itself (5xx) are logged where they happen, with
 * their stack trace.
 */
@Provider
@ApplicationScoped
public class RefusalLog implements ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(RefusalLog.class.getName());

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || status >= 500 || !LOG.isLoggable(Level.INFO)) {
            return;
        }
        Principal caller = request.getSecurityContext() == null
                ? null
                : request.getSecurityContext().getUserPrincipal();
        String code = "";
        if (response.getEntity() instanceof Map<?, ?> envelope
                && envelope.get("body") instanceof Map<?, ?> body
                && body.get("error_code") != null) {
            code = body.get("error_code").toString();
        }
        // Jersey gives the path relative to the application ("users"), RESTEasy with its leading slash ("/users").
        String path = request.getUriInfo().getPath();
        LOG.log(Level.INFO, "REST {0} /{1} refused: {2} {3} (caller {4}, from {5})", new Object[] {
            request.getMethod(),
            path.startsWith("/") ? path.substring(1) : path,
            String.valueOf(status),
            code,
            caller == null ? "none" : caller.getName(),
            remoteAddress()
        });
    }

    private String remoteAddress() {
        try {
            return servletRequest == null ? "unknown" : servletRequest.getRemoteAddr();
        } catch (IllegalStateException e) {
            return "unknown"; // no request in scope (a test without a servlet container)
        }
    }
}
