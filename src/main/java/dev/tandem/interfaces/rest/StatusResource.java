package dev.tandem.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import dev.tandem.TandemVersion;
import java.util.Map;

/**
 * {@code GET /api/rest/status}: answers once the application is deployed. The launcher probes it, because Payara
 * Micro reports "ready" even when a deployment failed.
 */
@Path("status")
@RequestScoped
public class StatusResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status() {
        return Map.of("ok", true, "body", Map.of("status", "healthy", "version", TandemVersion.VERSION));
    }
}
