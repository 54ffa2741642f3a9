package dev.tandem.interfaces.rest.domain;

import dev.tandem.admin.AccessProfile;
import dev.tandem.admin.AdminException;
import dev.tandem.admin.DomainAdministration;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.UserType;
import dev.tandem.interfaces.rest.AdminPrincipal;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.model.query.ModelQueryService;
import dev.tandem.model.query.QueryPage;
import dev.tandem.model.query.QueryResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /domains/{namespace}/{domainId}/model-query}: a model query as the domain's administrator, over every
 * model (no read permission applies), answered as Convergence's paged {@code {data, startIndex, totalResults}}.
 */
@Path("domains/{namespace}/{domainId}/model-query")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "domain models")
public class DomainModelQueryResource {

    /** Convergence's ModelQueryPost; paging is written in the query ({@code LIMIT}, {@code OFFSET}). */
    public static class QueryPost {
        @NotBlank
        @Size(max = 10000)
        public String query;
    }

    @PathParam("namespace")
    String namespace;

    @PathParam("domainId")
    String domainId;

    @Inject
    DomainAdministration admin;

    @Inject
    ModelQueryService queries;

    @Context
    SecurityContext security;

    @POST
    @Operation(
            summary = "Run a model query ('SELECT ... FROM collection WHERE ...'): {data: [models], startIndex, "
                    + "totalResults}; 400 'invalid_query' with the position of the problem")
    public Response query(@Valid QueryPost body) throws AdminException {
        AccessProfile caller = AdminPrincipal.of(security);
        String ref = DomainAccess.accessible(admin, caller, namespace, domainId).getId();
        QueryPage page = queries.query(
                ref,
                new DomainUserView(UserType.CONVERGENCE, caller.username(), caller.username(), null, null, null),
                body.query);
        List<Map<String, Object>> data =
                page.models().stream().map(DomainModelQueryResource::model).toList();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("data", data);
        view.put("startIndex", page.offset());
        view.put("totalResults", page.totalResults());
        return Envelope.ok(view);
    }

    private static Map<String, Object> model(QueryResult r) {
        Map<String, Object> view =
                ModelRestData.metadata(r.modelId(), r.collectionId(), r.version(), r.createdAt(), r.modifiedAt());
        view.put("data", r.data());
        return view;
    }
}
