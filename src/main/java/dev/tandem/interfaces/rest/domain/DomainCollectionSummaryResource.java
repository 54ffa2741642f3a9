package dev.tandem.interfaces.rest.domain;

import dev.tandem.admin.AdminException;
import dev.tandem.admin.DomainAdministration;
import dev.tandem.interfaces.rest.AdminPrincipal;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.interfaces.rest.Paging;
import dev.tandem.model.CollectionService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
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

/** {@code /domains/{namespace}/{domainId}/collectionSummary}: collections with their model counts (admin console). */
@Path("domains/{namespace}/{domainId}/collectionSummary")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "domain collections")
public class DomainCollectionSummaryResource {

    @PathParam("namespace")
    String namespace;

    @PathParam("domainId")
    String domainId;

    @Inject
    DomainAdministration admin;

    @Inject
    CollectionService collections;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "Collections by id as {id, description, modelCount}; 'filter' matches ids and descriptions")
    public Response list(@QueryParam("filter") String filter, @Valid @BeanParam Paging paging) throws AdminException {
        String ref = DomainAccess.accessible(admin, AdminPrincipal.of(security), namespace, domainId)
                .getId();
        Map<String, Integer> counts = collections.modelCounts(ref);
        return Envelope.ok(collections.list(ref, filter, paging.offset(), paging.limit()).stream()
                .map(c -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("id", c.id());
                    view.put("description", c.description());
                    view.put("modelCount", counts.getOrDefault(c.id(), 0));
                    return view;
                })
                .toList());
    }
}
