package dev.tandem.interfaces.rest.server;

import dev.tandem.admin.AdminException;
import dev.tandem.admin.ServerConfigService;
import dev.tandem.interfaces.rest.AdminPrincipal;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.interfaces.rest.Guard;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /config}: server-wide settings with Convergence's keys (Server Admin); {@code /config/app} for everyone. */
@Path("config")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "server configuration")
public class ConfigResource {

    @Inject
    ServerConfigService config;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "Settings (all, or those named by repeated 'keys' parameters)")
    public Response get(@QueryParam("keys") List<String> keys) throws AdminException {
        Guard.require(AdminPrincipal.of(security).canManageUsers(), "read the server settings");
        return Envelope.ok(config.get(keys == null ? List.of() : keys));
    }

    @POST
    @Operation(summary = "Change settings: {key: value}; unknown keys and wrong types are 400, nothing is changed")
    public Response set(JsonObject values) throws AdminException {
        Guard.require(AdminPrincipal.of(security).canManageUsers(), "change the server settings");
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : values.entrySet()) {
            JsonValue value = entry.getValue();
            parsed.put(
                    entry.getKey(),
                    switch (value.getValueType()) {
                        case TRUE -> true;
                        case FALSE -> false;
                        case NUMBER -> ((JsonNumber) value).bigDecimalValue();
                        case STRING -> ((JsonString) value).getString();
                        default -> value.toString();
                    });
        }
        config.set(parsed);
        return Envelope.ok();
    }

    @GET
    @Path("app")
    @Operation(summary = "The settings the admin console needs (namespaces, passwords), for every user")
    public Response app() throws AdminException {
        AdminPrincipal.of(security);
        Map<String, Object> all = new LinkedHashMap<>(config.get(List.of()));
        all.keySet().removeIf(k -> !k.startsWith("namespaces.") && !k.startsWith("passwords."));
        return Envelope.ok(all);
    }
}
