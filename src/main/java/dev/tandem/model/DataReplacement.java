package dev.tandem.model;

import dev.tandem.ot.operation.ArrayReplaceOperation;
import dev.tandem.ot.operation.ArraySetOperation;
import dev.tandem.ot.operation.BooleanSetOperation;
import dev.tandem.ot.operation.CompoundOperation;
import dev.tandem.ot.operation.DateSetOperation;
import dev.tandem.ot.operation.DiscreteOperation;
import dev.tandem.ot.operation.NumberSetOperation;
import dev.tandem.ot.operation.ObjectAddPropertyOperation;
import dev.tandem.ot.operation.ObjectRemovePropertyOperation;
import dev.tandem.ot.operation.ObjectSetOperation;
import dev.tandem.ot.operation.ObjectSetPropertyOperation;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.operation.StringSpliceOperation;
import dev.tandem.ot.value.ArrayValue;
import dev.tandem.ot.value.BooleanValue;
import dev.tandem.ot.value.DataValue;
import dev.tandem.ot.value.DateValue;
import dev.tandem.ot.value.NullValue;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.ot.value.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operations that turn a model's data into new data given whole (the admin API's replacement, the console's source
 * editor): only what differs changes, each value in place where its type stays the same.
 *
 * <p>Convergence set the whole root object instead, which gives every value a new id: a client that holds an element
 * (an editor bound to a string, a list on screen) is left with a detached copy that no longer changes, and its cursors
 * and selections are dropped. Changing values in place keeps them: a string loses and gains the part that differs,
 * a number, boolean or date its new value, an object or an equally long array its changed and added members. A value
 * whose type changed, an array whose length did, and an object that lost a property are replaced whole. New values
 * carry the fresh ids the caller gave them.
 */
final class DataReplacement {

    private DataReplacement() {}

    /** The operation from {@code current} to {@code wanted}; empty when they hold the same data (no new version). */
    static Optional<Operation> between(ObjectValue current, ObjectValue wanted) {
        List<DiscreteOperation> operations = new ArrayList<>();
        object(
                current,
                wanted,
                operations,
                () -> wanted.children().isEmpty()
                        ? null
                        : new ObjectSetOperation(current.id(), false, wanted.children()));
        if (operations.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(operations.size() == 1 ? operations.get(0) : new CompoundOperation(operations));
    }

    /**
     * An object that loses a property is replaced whole by {@code replace} (in its container; the root is set whole):
     * rc.12 cannot read a property removal back from a model's history (its playback rejects the range, see
     * PROTOCOL.md section 8), so the server makes none where it has a choice. Emptied data has no other way (an
     * object set without values crashes rc.12 receivers): {@code replace} gives null, and each property is removed.
     */
    private static void object(
            ObjectValue current,
            ObjectValue wanted,
            List<DiscreteOperation> operations,
            Supplier<DiscreteOperation> replace) {
        if (!wanted.children().keySet().containsAll(current.children().keySet())) {
            DiscreteOperation whole = replace.get();
            if (whole != null) {
                operations.add(whole);
                return;
            }
            for (String key : current.children().keySet()) {
                if (!wanted.children().containsKey(key)) {
                    operations.add(new ObjectRemovePropertyOperation(current.id(), false, key));
                }
            }
        }
        for (Map.Entry<String, DataValue> entry : wanted.children().entrySet()) {
            String key = entry.getKey();
            DataValue now = current.children().get(key);
            DataValue next = entry.getValue();
            if (now == null) {
                operations.add(new ObjectAddPropertyOperation(current.id(), false, key, next));
            } else {
                value(now, next, operations, () -> new ObjectSetPropertyOperation(current.id(), false, key, next));
            }
        }
    }

    /** Adds what turns {@code now} into {@code next}; {@code replace} replaces it whole in its container. */
    private static void value(
            DataValue now, DataValue next, List<DiscreteOperation> operations, Supplier<DiscreteOperation> replace) {
        if (now instanceof ObjectValue o && next instanceof ObjectValue n) {
            object(o, n, operations, replace);
        } else if (now instanceof StringValue s && next instanceof StringValue n) {
            operations.addAll(splice(s, n.value()));
        } else if (now instanceof NumberValue v && next instanceof NumberValue n) {
            if (Double.compare(v.value(), n.value()) != 0) {
                operations.add(new NumberSetOperation(v.id(), false, n.value()));
            }
        } else if (now instanceof BooleanValue v && next instanceof BooleanValue n) {
            if (v.value() != n.value()) {
                operations.add(new BooleanSetOperation(v.id(), false, n.value()));
            }
        } else if (now instanceof DateValue v && next instanceof DateValue n) {
            if (!v.value().equals(n.value())) {
                operations.add(new DateSetOperation(v.id(), false, n.value()));
            }
        } else if (now instanceof NullValue && next instanceof NullValue) {
            // nothing to change
        } else if (now instanceof ArrayValue a && next instanceof ArrayValue n) {
            array(a, n, operations);
        } else {
            operations.add(replace.get());
        }
    }

    private static void array(ArrayValue current, ArrayValue wanted, List<DiscreteOperation> operations) {
        List<DataValue> now = current.children();
        List<DataValue> next = wanted.children();
        if (now.size() != next.size()) {
            // Inserting and removing in the middle would need a sequence diff; an array set keeps the array itself.
            operations.add(new ArraySetOperation(current.id(), false, next));
            return;
        }
        for (int i = 0; i < now.size(); i++) {
            int index = i;
            value(
                    now.get(i),
                    next.get(i),
                    operations,
                    () -> new ArrayReplaceOperation(current.id(), false, index, next.get(index)));
        }
    }

    /**
     * The part between the common start and end, kept off the middle of a surrogate pair, removed and then inserted: two
     * splices rather than one, because rc.12 tells a splice that does both only as a {@code splice} event, which
     * editors bound with {@code insert} and {@code remove} listeners (Convergence's examples, the demo) never hear.
     */
    static List<StringSpliceOperation> splice(StringValue current, String wanted) {
        String now = current.value();
        if (now.equals(wanted)) {
            return List.of();
        }
        int limit = Math.min(now.length(), wanted.length());
        int start = 0;
        while (start < limit && now.charAt(start) == wanted.charAt(start)) {
            start++;
        }
        if (start > 0 && Character.isHighSurrogate(now.charAt(start - 1))) {
            start--;
        }
        int end = 0;
        while (end < limit - start && now.charAt(now.length() - 1 - end) == wanted.charAt(wanted.length() - 1 - end)) {
            end++;
        }
        if (end > 0 && Character.isLowSurrogate(now.charAt(now.length() - end))) {
            end--;
        }
        int removed = now.length() - end - start;
        String inserted = wanted.substring(start, wanted.length() - end);
        List<StringSpliceOperation> splices = new ArrayList<>(2);
        if (removed > 0) {
            splices.add(new StringSpliceOperation(current.id(), false, start, removed, ""));
        }
        if (!inserted.isEmpty()) {
            splices.add(new StringSpliceOperation(current.id(), false, start, 0, inserted));
        }
        return splices;
    }
}
