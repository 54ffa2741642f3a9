package dev.tandem.interfaces.rest;

import dev.tandem.TandemVersion;
import dev.tandem.interfaces.realtime.ConnectionRegistry;
import dev.tandem.interfaces.realtime.TyrusSchedulerSwap;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * {@code GET /api/rest/status}: answers once the application is deployed. The launcher probes it, because Payara
 * Micro reports "ready" even when a deployment failed. It also says whether the WebSocket fast path is in effect.
 */
@Path("status")
@RequestScoped
public class StatusResource {

    @Inject
    ConnectionRegistry connections;

    @Inject
    TyrusSchedulerSwap schedulerSwap;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status() {
        return Map.of("ok", true, "body", Map.of(
                "status", "healthy",
                "version", TandemVersion.VERSION,
                "realtimeConnections", connections.size(),
                "websocketFastPath", schedulerSwap.isActive()));
    }
}
