package dev.tandem.interfaces.realtime.model;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.tandem.common.Refusal;
import dev.tandem.identity.AuthenticationResult.Authenticated;
import dev.tandem.interfaces.realtime.connection.ClientConnection;
import dev.tandem.interfaces.realtime.connection.ConnectionEvent;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistration;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistry;
import dev.tandem.interfaces.realtime.dispatch.IncomingMessage;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage.BodyCase;
import dev.tandem.interfaces.realtime.proto.model.ModelsQueryResponseMessage;
import dev.tandem.interfaces.realtime.wire.ErrorCodes;
import dev.tandem.interfaces.realtime.wire.ProtocolException;
import dev.tandem.interfaces.realtime.wire.Wire;
import dev.tandem.model.query.ModelQueryService;
import dev.tandem.model.query.ModelQueryService.RunningQuery;
import dev.tandem.model.query.QueryPage;
import dev.tandem.model.query.QueryResult;
import dev.tandem.tenant.Domain;
import dev.tandem.tenant.DomainRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code modelsQueryRequest}: runs the query through {@link ModelQueryService} and answers
 * {@code modelsQueryResponse}. A query that does not parse or breaks a limit is refused with {@code invalid_query},
 * its message naming the position and {@code details.index} holding it (0-based); one that runs past
 * {@code tandem.model.query.timeout-millis} with {@code query_timeout}.
 *
 * <p>The query runs on the query service's threads, not on the socket's: the connection goes on reading (its
 * heartbeat, its edits) meanwhile, and when it closes its queries are stopped in the database.
 */
@ApplicationScoped
public class ModelQueryHandlers implements HandlerRegistration {

    private static final Logger LOG = Logger.getLogger(ModelQueryHandlers.class.getName());
    /** Queries one connection may have running at once; more are refused with {@code query_busy}. */
    static final int MAX_RUNNING_PER_CONNECTION = 4;

    @Inject
    ModelQueryService queries;

    @Inject
    DomainRepository domains;

    @Override
    public void register(HandlerRegistry registry) {
        registry.request(BodyCase.MODELSQUERYREQUEST, this::query);
    }

    /** The queries a connection has running, cancelled when it closes. */
    static final class RunningQueries {
        final Set<RunningQuery> running = ConcurrentHashMap.newKeySet();
    }

    void disconnected(@Observes ConnectionEvent.Disconnected event) {
        event.connection()
                .attachment(RunningQueries.class)
                .ifPresent(queries -> queries.running.forEach(RunningQuery::cancel));
    }

    private void query(ClientConnection connection, IncomingMessage incoming) {
        Authenticated session = connection.requireSession();
        Domain domain = domains.find(session.namespace(), session.domainId())
                .orElseThrow(() -> new ProtocolException("domain_not_found", "the domain no longer exists"));
        RunningQueries mine = connection.attachment(RunningQueries.class, RunningQueries::new);
        if (mine.running.size() >= MAX_RUNNING_PER_CONNECTION) {
            throw new ProtocolException(
                    ErrorCodes.QUERY_BUSY,
                    "this connection already runs " + MAX_RUNNING_PER_CONNECTION + " queries; wait for one to finish");
        }
        // An invalid query (invalid_query, with its position) or a full queue (query_busy) is refused here; the
        // router answers it.
        RunningQuery running = queries.start(
                domain.getId(),
                session.user(),
                incoming.message().getModelsQueryRequest().getQuery());
        mine.running.add(running);
        running.result().whenComplete((page, failure) -> {
            mine.running.remove(running);
            answer(connection, incoming, page, failure);
        });
    }

    private static void answer(
            ClientConnection connection, IncomingMessage incoming, QueryPage page, Throwable failure) {
        if (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (failure instanceof CancellationException) {
            return; // the connection closed: nobody to answer
        }
        if (failure instanceof Refusal refusal) {
            incoming.refuse(refusal); // query_timeout
            return;
        }
        if (failure != null) {
            LOG.log(Level.WARNING, "a model query of " + connection + " failed", failure);
            incoming.replyError(ErrorCodes.UNKNOWN, "the server could not run the query");
            return;
        }
        ModelsQueryResponseMessage.Builder response =
                ModelsQueryResponseMessage.newBuilder().setOffset(page.offset()).setTotalResults(page.totalResults());
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
            case OBJECT ->
                Value.newBuilder().setStructValue(struct(json.asJsonObject())).build();
            case ARRAY -> {
                ListValue.Builder list = ListValue.newBuilder();
                for (JsonValue element : (JsonArray) json) {
                    list.addValues(value(element));
                }
                yield Value.newBuilder().setListValue(list).build();
            }
            case STRING ->
                Value.newBuilder()
                        .setStringValue(((JsonString) json).getString())
                        .build();
            case NUMBER ->
                Value.newBuilder()
                        .setNumberValue(((JsonNumber) json).doubleValue())
                        .build();
            case TRUE -> Value.newBuilder().setBoolValue(true).build();
            case FALSE -> Value.newBuilder().setBoolValue(false).build();
            case NULL -> Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        };
    }
}
