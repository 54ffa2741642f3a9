package dev.tandem.interfaces.rest.domain;

import dev.tandem.admin.AccessProfile;
import dev.tandem.admin.AdminException;
import dev.tandem.admin.DomainAdministration;
import dev.tandem.chat.ChatAdministration;
import dev.tandem.chat.ChatEvent;
import dev.tandem.chat.ChatInfo;
import dev.tandem.chat.ChatQueries;
import dev.tandem.chat.ChatService;
import dev.tandem.interfaces.rest.AdminPrincipal;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.interfaces.rest.InvalidRequestException;
import dev.tandem.interfaces.rest.Paged;
import dev.tandem.interfaces.rest.Paging;
import dev.tandem.interfaces.rest.Views;
import dev.tandem.tenant.Domain;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /domains/{namespace}/{domainId}/chats}: the domain's chats and their events, with the paths and JSON shapes
 * of Convergence's admin API (ChatInfoData, PagedRestResponse, the ChatEventData kinds). Changes are made as the
 * caller's domain administrator ({@code convergence:<username>}) through the chat service, so connected members
 * receive them exactly as if a client had made them. Lists answer {@code {data, startIndex, totalResults}}.
 */
@Path("domains/{namespace}/{domainId}/chats")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "domain chats")
public class DomainChatsResource {

    /** Convergence's CreateChatData; {@code chatId} may be left out to have one generated. */
    public static class CreateChatData {
        @Size(min = 1, max = ChatService.MAX_ID_LENGTH)
        public String chatId;

        @NotBlank
        public String chatType;

        public String membership;

        @Size(max = ChatService.MAX_NAME_LENGTH)
        public String name;

        @Size(max = ChatService.MAX_NAME_LENGTH)
        public String topic;

        @Size(max = ChatService.MAX_MEMBERS)
        public List<String> members;
    }

    public static class SetNameData {
        @NotNull
        @Size(max = ChatService.MAX_NAME_LENGTH)
        public String name;
    }

    public static class SetTopicData {
        @NotNull
        @Size(max = ChatService.MAX_NAME_LENGTH)
        public String topic;
    }

    @PathParam("namespace")
    String namespace;

    @PathParam("domainId")
    String domainId;

    @Inject
    DomainAdministration admin;

    @Inject
    ChatAdministration chats;

    @Context
    SecurityContext security;

    @GET
    @Operation(
            summary = "Chats whose id or name contains 'filter', of one 'type' (channel|room|direct) if given, "
                    + "by id: {data, startIndex, totalResults}")
    public Response list(
            @QueryParam("filter") String filter, @QueryParam("type") String type, @Valid @BeanParam Paging paging)
            throws AdminException {
        ChatQueries.Page<ChatInfo> page =
                chats.list(domain(), caller(), blankToNull(filter), blankToNull(type), paging.offset(), paging.limit());
        return Envelope.ok(Paged.of(
                page.items().stream().map(DomainChatsResource::info).toList(), page.startIndex(), page.total()));
    }

    @POST
    @Operation(
            summary = "Create a channel or room: 201 {chatId}; 409 when the id is taken; 404 for an unknown member;"
                    + " 400 for a direct chat")
    public Response create(@Valid CreateChatData body) throws AdminException {
        String id = chats.create(
                domain(), caller(), body.chatId, body.chatType, body.membership, body.name, body.topic, body.members);
        return Envelope.created(Map.of("chatId", id));
    }

    @GET
    @Path("{chatId}")
    @Operation(summary = "One chat with its members")
    public Response get(@PathParam("chatId") String chatId) throws AdminException {
        return Envelope.ok(info(chats.get(domain(), caller(), chatId)));
    }

    @DELETE
    @Path("{chatId}")
    @Operation(summary = "Remove a chat; its connected members are told")
    public Response delete(@PathParam("chatId") String chatId) throws AdminException {
        chats.remove(domain(), caller(), chatId);
        return Envelope.deleted();
    }

    @PUT
    @Path("{chatId}/name")
    @Operation(summary = "Rename a chat (a name_changed event)")
    public Response setName(@PathParam("chatId") String chatId, @Valid SetNameData body) throws AdminException {
        chats.setName(domain(), caller(), chatId, body.name);
        return Envelope.ok();
    }

    @PUT
    @Path("{chatId}/topic")
    @Operation(summary = "Set a chat's topic (a topic_changed event)")
    public Response setTopic(@PathParam("chatId") String chatId, @Valid SetTopicData body) throws AdminException {
        chats.setTopic(domain(), caller(), chatId, body.topic);
        return Envelope.ok();
    }

    @GET
    @Path("{chatId}/events")
    @Operation(
            summary = "A page of a chat's events: backward from the newest (or 'startEvent'), or forward from 0 "
                    + "(or 'startEvent') with forward=true; 'eventTypes' (comma-separated: created, message, user_joined, "
                    + "user_left, user_added, user_removed, name_changed, topic_changed) and 'filter' (text contained) "
                    + "narrow it: {data, startIndex, totalResults}")
    public Response events(
            @PathParam("chatId") String chatId,
            @QueryParam("eventTypes") String eventTypes,
            @QueryParam("filter") String filter,
            @QueryParam("startEvent") Long startEvent,
            @QueryParam("forward") @DefaultValue("false") boolean forward,
            @Valid @BeanParam Paging paging)
            throws AdminException {
        if (startEvent != null && startEvent < 0) {
            throw new InvalidRequestException("startEvent", "startEvent must not be negative");
        }
        List<String> types = eventTypes == null || eventTypes.isBlank()
                ? List.of()
                : Arrays.stream(eventTypes.split(","))
                        .map(String::trim)
                        .filter(t -> !t.isEmpty())
                        .toList();
        ChatQueries.Page<ChatEvent> page = chats.events(
                domain(),
                caller(),
                chatId,
                startEvent,
                forward,
                paging.offset(),
                paging.limit(),
                types,
                blankToNull(filter));
        return Envelope.ok(Paged.of(
                page.items().stream().map(DomainChatsResource::event).toList(), page.startIndex(), page.total()));
    }

    private Domain domain() throws AdminException {
        return DomainAccess.accessible(admin, AdminPrincipal.of(security), namespace, domainId);
    }

    private String caller() {
        AccessProfile profile = AdminPrincipal.of(security);
        return profile.username();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Convergence's ChatInfoData. */
    private static Map<String, Object> info(ChatInfo chat) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("chatId", chat.id());
        view.put("chatType", chat.type().wireName());
        view.put("membership", chat.membership().wireName());
        view.put("name", chat.name());
        view.put("topic", chat.topic());
        view.put(
                "members",
                chat.members().stream().map(m -> UserIds.encode(m.user())).toList());
        view.put("created", Views.millis(chat.created()));
        view.put("lastEventNumber", chat.lastEventNumber());
        view.put("lastEventTimestamp", Views.millis(chat.lastEventTime()));
        return view;
    }

    /** Convergence's ChatEventData of the event's kind. */
    private static Map<String, Object> event(ChatEvent event) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", event.type().wireName());
        view.put("eventNumber", event.number());
        view.put("id", event.chatId());
        view.put("user", UserIds.encode(event.user()));
        view.put("timestamp", Views.millis(event.timestamp()));
        switch (event.type()) {
            case CREATED -> {
                view.put("name", event.text());
                view.put("topic", event.topic());
                view.put(
                        "members", event.members().stream().map(UserIds::encode).toList());
            }
            case MESSAGE -> view.put("message", event.text());
            case USER_ADDED -> view.put("userAdded", UserIds.encode(event.target()));
            case USER_REMOVED -> view.put("userRemoved", UserIds.encode(event.target()));
            case NAME_CHANGED -> view.put("name", event.text());
            case TOPIC_CHANGED -> view.put("topic", event.text());
            default -> {}
        }
        return view;
    }
}
