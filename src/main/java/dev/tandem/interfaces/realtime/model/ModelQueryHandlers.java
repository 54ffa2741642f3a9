package dev.tandem.interfaces.realtime.model;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.tandem.identity.AuthenticationResult.Authenticated;
import dev.tandem.interfaces.realtime.ClientConnection;
import dev.tandem.interfaces.realtime.ErrorCodes;
import dev.tandem.interfaces.realtime.HandlerRegistration;
import dev.tandem.interfaces.realtime.HandlerRegistry;
import dev.tandem.interfaces.realtime.IncomingMessage;
import dev.tandem.interfaces.realtime.ProtocolException;
import dev.tandem.interfaces.realtime.Wire;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage.BodyCase;
import dev.tandem.interfaces.realtime.proto.core.ErrorMessage;
import dev.tandem.interfaces.realtime.proto.model.ModelsQueryResponseMessage;
import dev.tandem.model.query.InvalidQueryException;
import dev.tandem.model.query.ModelQueryService;
import dev.tandem.model.query.QueryPage;
import dev.tandem.model.query.QueryResult;
import dev.tandem.tenant.Domain;
import dev.tandem.tenant.DomainRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * {@code modelsQueryRequest}: runs the query through {@link ModelQueryService} and answers
 * {@code modelsQueryResponse}. A query that does not parse or breaks a limit is refused with {@code invalid_query},
 * its message naming the position and {@code details.index} holding it (0-based).
 */
@ApplicationScoped
public class ModelQueryHandlers implements HandlerRegistration {

    @Inject
    ModelQueryService queries;

    @Inject
    DomainRepository domains;

    @Override
    public void register(HandlerRegistry registry) {
        registry.request(BodyCase.MODELSQUERYREQUEST, this::query);
    }

    private void query(ClientConnection connection, IncomingMessage incoming) {
        Authenticated session = connection.requireSession();
        Domain domain = domains.find(session.namespace(), session.domainId()).orElseThrow(
                () -> new ProtocolException("domain_not_found", "the domain no longer exists"));
        QueryPage page;
        try {
            page = queries.query(domain.getId(), session.user(), incoming.message().getModelsQueryRequest().getQuery());
        } catch (InvalidQueryException e) {
            incoming.reply(ConvergenceMessage.newBuilder().setError(ErrorMessage.newBuilder()
                    .setCode(ErrorCodes.INVALID_QUERY)
                    .setMessage(e.getMessage())
                    .putDetails("index", Value.newBuilder().setNumberValue(e.position()).build())));
            return;
        }
        ModelsQueryResponseMessage.Builder response = ModelsQueryResponseMessage.newBuilder()
                .setOffset(page.offset())
                .setTotalResults(page.totalResults());
        for (QueryResult result : page.models()) {
            // data is read unconditionally by the client: always set, even when empty.
            response.addModels(ModelsQueryResponseMessage.ModelResult.newBuilder()
                    .setCollectionId(result.collectionId())
                    .setModelId(result.modelId())
                    .setVersion(result.version())
                    .setCreatedTime(Wire.timestamp(result.createdAt()))
                    .setModifiedTime(Wire.timestamp(result.modifiedAt()))
                    .setData(struct(result.data())));
        }
        incoming.reply(ConvergenceMessage.newBuilder().setModelsQueryResponse(response));
    }

    static Struct struct(JsonObject object) {
        Struct.Builder struct = Struct.newBuilder();
        for (Map.Entry<String, JsonValue> e : object.entrySet()) {
            struct.putFields(e.getKey(), value(e.getValue()));
        }
        return struct.build();
    }

    private static Value value(JsonValue json) {
        return switch (json.getValueType()) {
            case OBJECT -> Value.newBuilder().setStructValue(struct(json.asJsonObject())).build();
            case ARRAY -> {
                ListValue.Builder list = ListValue.newBuilder();
                for (JsonValue element : (JsonArray) json) {
                    list.addValues(value(element));
                }
                yield Value.newBuilder().setListValue(list).build();
            }
            case STRING -> Value.newBuilder().setStringValue(((JsonString) json).getString()).build();
            case NUMBER -> Value.newBuilder().setNumberValue(((JsonNumber) json).doubleValue()).build();
            case TRUE -> Value.newBuilder().setBoolValue(true).build();
            case FALSE -> Value.newBuilder().setBoolValue(false).build();
            case NULL -> Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        };
    }
}
