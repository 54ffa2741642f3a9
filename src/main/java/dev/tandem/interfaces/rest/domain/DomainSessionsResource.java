package dev.tandem.interfaces.rest.domain;

import dev.tandem.admin.AdminException;
import dev.tandem.admin.DomainAdministration;
import dev.tandem.identity.DomainDirectory;
import dev.tandem.identity.DomainSession;
import dev.tandem.identity.SessionRepository;
import dev.tandem.identity.UserType;
import dev.tandem.interfaces.rest.AdminPrincipal;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.interfaces.rest.Paging;
import dev.tandem.interfaces.rest.Views;
import dev.tandem.tenant.Domain;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /domains/{namespace}/{domainId}/sessions}: the domain's realtime sessions, open and ended. */
@Path("domains/{namespace}/{domainId}/sessions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "domain sessions")
public class DomainSessionsResource {

    @PathParam("namespace")
    String namespace;

    @PathParam("domainId")
    String domainId;

    @Inject
    DomainAdministration admin;

    @Inject
    DomainDirectory directory;

    @Context
    SecurityContext security;

    @GET
    @Operation(
            summary = "Sessions, newest first, filtered by sessionId, username, remoteHost, authMethod, "
                    + "excludeDisconnected, sessionType (all|normal|anonymous|convergence)")
    public Response list(
            @QueryParam("sessionId") String sessionId,
            @QueryParam("username") String username,
            @QueryParam("remoteHost") String remoteHost,
            @QueryParam("authMethod") String authMethod,
            @QueryParam("excludeDisconnected") @DefaultValue("false") boolean excludeDisconnected,
            @QueryParam("sessionType") @DefaultValue("all") @Pattern(regexp = "(?i)all|normal|anonymous|convergence")
                    String sessionType,
            @Valid @BeanParam Paging paging)
            throws AdminException {
        UserType type = "all".equalsIgnoreCase(sessionType) ? null : UserType.valueOf(sessionType.toUpperCase());
        SessionRepository.Filter filter =
                new SessionRepository.Filter(sessionId, username, remoteHost, authMethod, excludeDisconnected, type);
        return Envelope.ok(directory.sessions(domain(), filter, paging.offset(), paging.limit()).stream()
                .map(DomainSessionsResource::view)
                .toList());
    }

    @GET
    @Path("{sessionId}")
    @Operation(summary = "One session")
    public Response get(@PathParam("sessionId") String sessionId) throws AdminException {
        return Envelope.ok(view(directory.session(domain(), sessionId)));
    }

    @DELETE
    @Path("{sessionId}")
    @Operation(
            summary = "Disconnect an open session: its socket closes (the client may reconnect as a new session); "
                    + "404 for an unknown session, 409 for one that has ended")
    public Response disconnect(@PathParam("sessionId") String sessionId) throws AdminException {
        directory.disconnect(domain(), sessionId);
        return Envelope.ok();
    }

    private Domain domain() throws AdminException {
        return DomainAccess.accessible(admin, AdminPrincipal.of(security), namespace, domainId);
    }

    /** Convergence's DomainSessionData. */
    private static Map<String, Object> view(DomainSession session) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", session.getId());
        view.put("username", session.getUser().getUsername());
        view.put("userType", session.getUser().getType().name().toLowerCase());
        view.put("connected", Views.millis(session.getConnectedAt()));
        view.put("disconnected", Views.millis(session.getDisconnectedAt()));
        view.put("authMethod", session.getAuthMethod());
        view.put("client", session.getClient());
        view.put("clientVersion", session.getClientVersion());
        view.put("clientMetaData", "");
        view.put("remoteHost", session.getRemoteHost());
        // Tandem's own: the cluster member holding the session (which GET /server/cluster lists)
        view.put("node", session.getNode());
        return view;
    }
}
