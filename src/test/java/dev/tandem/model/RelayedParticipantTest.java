package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.common.Refusal;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.UserType;
import dev.tandem.model.ModelService.ModelKey;
import dev.tandem.ot.operation.CompoundOperation;
import dev.tandem.ot.operation.NumberDeltaOperation;
import dev.tandem.ot.operation.StringSpliceOperation;
import dev.tandem.ot.reference.ElementReference;
import dev.tandem.ot.reference.IndexReference;
import dev.tandem.ot.reference.PropertyReference;
import dev.tandem.ot.reference.RangeReference;
import dev.tandem.ot.value.ArrayValue;
import dev.tandem.ot.value.BooleanValue;
import dev.tandem.ot.value.DateValue;
import dev.tandem.ot.value.NullValue;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.ot.value.StringValue;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every participant event crosses the relay unchanged: each call made on a {@link RelayedParticipant} (the owner's
 * end) is written, read back by {@link RelayedParticipant#deliver} and made on the session's own participant with equal
 * arguments; held events leave only with the next flush or with an event that is not held; the last event of a
 * session runs the forwarding's removal first.
 */
class RelayedParticipantTest {

    private static final Instant AT = Instant.parse("2026-12-06T10:15:30.123456789Z");
    private static final DomainUserView USER =
            new DomainUserView(UserType.NORMAL, "ann", "Ann", "Ann", null, "ann@example.com");
    private static final Collaborator COLLABORATOR = new Collaborator("s2", USER);
    private static final ModelPermissions PERMISSIONS = new ModelPermissions(true, false, true, false);

    private static ObjectValue everyValue() {
        Map<String, dev.tandem.ot.value.DataValue> children = new LinkedHashMap<>();
        children.put("s", new StringValue("1:1", "text ü 😀"));
        children.put("n", new NumberValue("1:2", -2.5));
        children.put("b", new BooleanValue("1:3", true));
        children.put("z", new NullValue("1:4"));
        children.put("d", new DateValue("1:5", Instant.parse("2020-01-01T00:00:00Z")));
        children.put("a", new ArrayValue("1:6", List.of(new NumberValue("1:7", 1), new ObjectValue("1:8", Map.of()))));
        return new ObjectValue("1:0", children);
    }

    private static final List<SharedReference> REFERENCES = List.of(
            new SharedReference("s2", "1:1", "cursor", new IndexReference("1:1", List.of(3, 4))),
            new SharedReference(
                    "s2", "1:1", "selection", new RangeReference("1:1", List.of(new RangeReference.Range(1, 5)))),
            new SharedReference("s3", "1:0", "props", new PropertyReference("1:0", List.of("s", "n"))),
            new SharedReference("s3", null, "elements", new ElementReference(List.of("1:1", "1:2"))),
            new SharedReference("s3", null, "cleared", null));

    static Stream<Arguments> events() {
        var splice = new StringSpliceOperation("1:1", false, 2, 1, "xy");
        var compound = new CompoundOperation(List.of(splice, new NumberDeltaOperation("1:2", false, 4)));
        return Stream.of(
                event(
                        "opened",
                        false,
                        false,
                        p -> p.opened(new OpenedModel(
                                "m",
                                "c",
                                "7",
                                12,
                                AT,
                                AT.plusSeconds(1),
                                everyValue(),
                                List.of(COLLABORATOR),
                                REFERENCES,
                                PERMISSIONS))),
                event("openFailed", false, true, p -> p.openFailed(new ModelNotFoundException("m"))),
                event("resyncStarted", false, false, p -> p.resyncStarted(9, List.of("s2", "s3"), PERMISSIONS)),
                event(
                        "resyncCompleted",
                        false,
                        false,
                        p -> p.resyncCompleted(new ResyncedModel(List.of(COLLABORATOR), List.of("s4"), REFERENCES))),
                event("resyncCompleted", false, true, p -> p.resyncCompleted(ResyncedModel.CLOSED)),
                event("collaboratorResyncStarted", false, false, p -> p.collaboratorResyncStarted(COLLABORATOR)),
                event("collaboratorResyncCompleted", false, false, p -> p.collaboratorResyncCompleted("s2")),
                event("acknowledged", true, false, p -> p.acknowledged(3, 17, AT)),
                event("remoteOperation", true, false, p -> p.remoteOperation("s2", 17, AT, splice)),
                event(
                        "remoteOperationFromCollaborator",
                        true,
                        false,
                        p -> p.remoteOperationFromCollaborator("s2", 18, AT, compound)),
                event("serverOperation", false, false, p -> p.serverOperation(COLLABORATOR, 19, AT, compound)),
                event("collaboratorOpened", false, false, p -> p.collaboratorOpened(COLLABORATOR)),
                event("collaboratorClosed", false, false, p -> p.collaboratorClosed("s2")),
                event(
                        "referenceShared",
                        true,
                        false,
                        p -> p.referenceShared("s2", "cursor", new IndexReference("1:1", List.of(1)))),
                event(
                        "referenceSet",
                        true,
                        false,
                        p -> p.referenceSet(
                                "s2", "selection", new RangeReference("1:1", List.of(new RangeReference.Range(0, 2))))),
                event("referenceCleared", true, false, p -> p.referenceCleared("s2", "1:1", "cursor")),
                event("referenceUnshared", true, false, p -> p.referenceUnshared("s2", null, "elements")),
                event("permissionsChanged", false, false, p -> p.permissionsChanged(PERMISSIONS)),
                event("closed", false, true, ModelParticipant::closed),
                event("forceClosed", false, true, p -> p.forceClosed(ForceCloseReason.DELETED, "gone")),
                event("ownerLost", false, true, ModelParticipant::ownerLost));
    }

    private static Arguments event(String name, boolean held, boolean last, Consumer<ModelParticipant> call) {
        return Arguments.of(name, held, last, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void crossesTheRelayUnchanged(String name, boolean held, boolean last, Consumer<ModelParticipant> call) {
        List<byte[]> sent = new ArrayList<>();
        List<RelayedParticipant.Key> forgotten = new ArrayList<>();
        RelayedParticipant.Key key = new RelayedParticipant.Key("member-a", 42);
        RelayedParticipant relayed = new RelayedParticipant(
                key, new ModelKey("d", "m"), "s1", USER, (to, message) -> sent.add(message), forgotten::add);

        call.accept(relayed);
        assertEquals(held ? 0 : 1, sent.size(), held ? "held until a flush" : "sent at once");
        relayed.flush();
        assertEquals(1, sent.size());
        assertEquals(last ? List.of(key) : List.of(), forgotten, "the owner forgets the session after its last event");

        List<List<Object>> expected = new ArrayList<>();
        call.accept(recorder(expected, null));
        List<List<Object>> delivered = new ArrayList<>();
        List<String> order = new ArrayList<>();
        RelayCodec.Reader in = new RelayCodec.Reader(sent.get(0));
        assertEquals(42, in.number());
        while (in.hasMore()) {
            RelayedParticipant.deliver(in.kind(), in, recorder(delivered, order), () -> order.add("last"));
        }
        assertEquals(normalized(expected), normalized(delivered));
        assertEquals(last, order.contains("last"));
        if (last) {
            assertEquals("last", order.get(0), "the forwarding is gone before the participant hears its last event");
        }
    }

    /** A participant that records each call (name and arguments), and in {@code order} that a call came. */
    private static ModelParticipant recorder(List<List<Object>> calls, List<String> order) {
        return (ModelParticipant) Proxy.newProxyInstance(
                ModelParticipant.class.getClassLoader(), new Class<?>[] {ModelParticipant.class}, (proxy, m, args) -> {
                    List<Object> call = new ArrayList<>();
                    call.add(m.getName());
                    if (args != null) {
                        call.addAll(Arrays.asList(args));
                    }
                    calls.add(call);
                    if (order != null) {
                        order.add(m.getName());
                    }
                    return null;
                });
    }

    /** Refusals compare by what a client sees of them (they are exceptions, without equals). */
    private static List<List<Object>> normalized(List<List<Object>> calls) {
        return calls.stream()
                .map(call -> call.stream()
                        .map(a ->
                                a instanceof Refusal r ? List.of(r.reason(), r.code(), r.getMessage(), r.details()) : a)
                        .toList())
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void aHeldEventLeavesWithTheNextOneThatIsNot(
            String name, boolean held, boolean last, Consumer<ModelParticipant> call) {
        List<byte[]> sent = new ArrayList<>();
        RelayedParticipant relayed = new RelayedParticipant(
                new RelayedParticipant.Key("a", 1),
                new ModelKey("d", "m"),
                "s1",
                USER,
                (to, m) -> sent.add(m),
                k -> {});
        relayed.acknowledged(1, 2, AT);
        call.accept(relayed);
        if (held) {
            assertTrue(sent.isEmpty());
            relayed.flush();
        }
        assertEquals(1, sent.size(), "one message for both");
        List<List<Object>> delivered = new ArrayList<>();
        RelayCodec.Reader in = new RelayCodec.Reader(sent.get(0));
        in.number();
        while (in.hasMore()) {
            RelayedParticipant.deliver(in.kind(), in, recorder(delivered, null), () -> {});
        }
        assertEquals("acknowledged", delivered.get(0).get(0));
        assertEquals(2, delivered.size());
    }
}
