package dev.tandem.ot.tree;

import dev.tandem.ot.operation.AppliedArrayInsertOperation;
import dev.tandem.ot.operation.AppliedArrayMoveOperation;
import dev.tandem.ot.operation.AppliedArrayRemoveOperation;
import dev.tandem.ot.operation.AppliedArrayReplaceOperation;
import dev.tandem.ot.operation.AppliedArraySetOperation;
import dev.tandem.ot.operation.AppliedBooleanSetOperation;
import dev.tandem.ot.operation.AppliedCompoundOperation;
import dev.tandem.ot.operation.AppliedDateSetOperation;
import dev.tandem.ot.operation.AppliedDiscreteOperation;
import dev.tandem.ot.operation.AppliedNumberDeltaOperation;
import dev.tandem.ot.operation.AppliedNumberSetOperation;
import dev.tandem.ot.operation.AppliedObjectAddPropertyOperation;
import dev.tandem.ot.operation.AppliedObjectRemovePropertyOperation;
import dev.tandem.ot.operation.AppliedObjectSetOperation;
import dev.tandem.ot.operation.AppliedObjectSetPropertyOperation;
import dev.tandem.ot.operation.AppliedOperation;
import dev.tandem.ot.operation.AppliedStringSetOperation;
import dev.tandem.ot.operation.AppliedStringSpliceOperation;
import dev.tandem.ot.operation.ArrayInsertOperation;
import dev.tandem.ot.operation.ArrayMoveOperation;
import dev.tandem.ot.operation.ArrayRemoveOperation;
import dev.tandem.ot.operation.ArrayReplaceOperation;
import dev.tandem.ot.operation.ArraySetOperation;
import dev.tandem.ot.operation.BooleanSetOperation;
import dev.tandem.ot.operation.CompoundOperation;
import dev.tandem.ot.operation.DateSetOperation;
import dev.tandem.ot.operation.DiscreteOperation;
import dev.tandem.ot.operation.NumberDeltaOperation;
import dev.tandem.ot.operation.NumberSetOperation;
import dev.tandem.ot.operation.ObjectAddPropertyOperation;
import dev.tandem.ot.operation.ObjectRemovePropertyOperation;
import dev.tandem.ot.operation.ObjectSetOperation;
import dev.tandem.ot.operation.ObjectSetPropertyOperation;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.operation.StringSetOperation;
import dev.tandem.ot.operation.StringSpliceOperation;
import dev.tandem.ot.value.ArrayValue;
import dev.tandem.ot.value.BooleanValue;
import dev.tandem.ot.value.DataValue;
import dev.tandem.ot.value.DateValue;
import dev.tandem.ot.value.NullValue;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.ot.value.StringValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model's mutable value tree with an index from value id to live value. Not thread-safe: one
 * writer (the LiveModel) owns it.
 *
 * <p>{@link #apply(Operation)} applies an operation and returns its applied form; {@link
 * #undo(AppliedOperation)} reverts an applied operation exactly (used to roll back). Semantics
 * follow the client's model nodes:
 *
 * <ul>
 *   <li>an operation marked {@code noOp}, a splice that neither deletes nor inserts, or an
 *       operation whose target id is not in the tree (its value was removed or replaced), changes
 *       nothing and is applied as a no-op that keeps its own fields;
 *   <li>removing or replacing a value detaches its whole subtree: every id in it leaves the index;
 *   <li>as in the client, adding a property that exists replaces it (recorded as an applied
 *       set-property with the old value), setting an absent property adds it (recorded as an
 *       applied add-property), and removing an absent property does nothing (recorded as a no-op);
 *   <li>invalid operations (wrong type, index out of range, reused id, NaN) throw {@link
 *       InvalidOperationException} and leave the tree unchanged; a compound is all or nothing.
 * </ul>
 */
public final class ModelTree {

    /** What each value adds to {@link #size()} besides its id, text and property names. */
    static final int VALUE_OVERHEAD = 16;

    private final Map<String, Node> index = new HashMap<>();
    private final ObjectNode root;
    /** {@link #size()}, kept up to date by every change to the index, a string or an object's properties. */
    private long size;

    private long maxSize = Long.MAX_VALUE;

    /**
     * Builds a tree from the model's root object.
     *
     * @param root the root value; all ids in it must be unique
     * @throws InvalidOperationException if an id repeats
     */
    public ModelTree(ObjectValue root) {
        this.root = (ObjectNode) build(root, null);
    }

    /** A snapshot of the whole tree. */
    public ObjectValue toValue() {
        return (ObjectValue) root.toValue();
    }

    /** The root object's id. */
    public String rootId() {
        return root.id;
    }

    /**
     * A snapshot of one value.
     *
     * @param id a value id
     * @return the value, or empty if no live value has that id
     */
    public Optional<DataValue> valueOf(String id) {
        Node node = index.get(id);
        return node == null ? Optional.empty() : Optional.of(node.toValue());
    }

    /**
     * Whether a live value has this id.
     *
     * @param id a value id
     * @return true if the id is in the index
     */
    public boolean contains(String id) {
        return index.containsKey(id);
    }

    /** The number of live values (the size of the id index). */
    public int valueCount() {
        return index.size();
    }

    /**
     * The size of the model's data, in characters: of each value its id and {@value #VALUE_OVERHEAD} more, plus the
     * text of strings and the names of properties. Kept as the tree changes, so reading it costs nothing. It
     * estimates what the model costs to hold and store; {@link #sizeOf(DataValue)} gives the same figure for data
     * that is not in a tree.
     */
    public long size() {
        return size;
    }

    /**
     * Limits {@link #size()}: from now on an operation that would grow the tree past {@code limit} is refused with
     * {@link ModelTooLargeException} and leaves the tree unchanged. Operations that shrink it, or change it without
     * growing it, still apply to a tree that is over the limit (one loaded before the limit was lowered).
     *
     * @param limit the largest size an operation may grow the tree to
     */
    public void limitSize(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("the size limit must be positive: " + limit);
        }
        this.maxSize = limit;
    }

    /**
     * The {@link #size()} a tree holding this value would have.
     *
     * @param value a value and everything in it
     * @return its size
     */
    public static long sizeOf(DataValue value) {
        long total = VALUE_OVERHEAD + value.id().length();
        if (value instanceof StringValue v) {
            total += v.value().length();
        } else if (value instanceof ObjectValue v) {
            for (Map.Entry<String, DataValue> e : v.children().entrySet()) {
                total += e.getKey().length() + sizeOf(e.getValue());
            }
        } else if (value instanceof ArrayValue v) {
            for (DataValue child : v.children()) {
                total += sizeOf(child);
            }
        }
        return total;
    }

    /**
     * Applies an operation.
     *
     * @param operation the operation, already transformed to the tree's current version
     * @return what it did
     * @throws InvalidOperationException if it cannot apply; the tree is then unchanged
     * @throws ModelTooLargeException if it would grow the tree past its limit; the tree is then unchanged
     */
    public AppliedOperation apply(Operation operation) {
        long before = size;
        AppliedOperation applied = applyWithoutLimit(operation);
        if (size > maxSize && size > before) {
            long grown = size;
            undo(applied);
            throw new ModelTooLargeException(grown, maxSize);
        }
        return applied;
    }

    private AppliedOperation applyWithoutLimit(Operation operation) {
        if (operation instanceof DiscreteOperation discrete) {
            return applyDiscrete(discrete);
        }
        CompoundOperation compound = (CompoundOperation) operation;
        List<AppliedDiscreteOperation> applied =
                new ArrayList<>(compound.operations().size());
        try {
            for (DiscreteOperation op : compound.operations()) {
                applied.add(applyDiscrete(op));
            }
        } catch (RuntimeException e) {
            for (int i = applied.size() - 1; i >= 0; i--) {
                undoDiscrete(applied.get(i));
            }
            throw e;
        }
        return new AppliedCompoundOperation(applied);
    }

    /**
     * Reverts an applied operation; it must be the last one applied (or everything applied after it
     * must have been undone already).
     *
     * @param applied what {@link #apply(Operation)} returned
     */
    public void undo(AppliedOperation applied) {
        if (applied instanceof AppliedCompoundOperation compound) {
            List<AppliedDiscreteOperation> ops = compound.operations();
            for (int i = ops.size() - 1; i >= 0; i--) {
                undoDiscrete(ops.get(i));
            }
        } else {
            undoDiscrete((AppliedDiscreteOperation) applied);
        }
    }

    // ---------------------------------------------------------------- apply

    private AppliedDiscreteOperation applyDiscrete(DiscreteOperation op) {
        Node target = op.noOp() || isEmptySplice(op) ? null : index.get(op.id());
        if (target == null) {
            return noOpForm(op);
        }
        if (op instanceof StringSpliceOperation o) {
            return splice(as(target, StringNode.class, o), o);
        }
        if (op instanceof StringSetOperation o) {
            StringNode n = as(target, StringNode.class, o);
            String old = n.text.toString();
            setText(n, o.value());
            return new AppliedStringSetOperation(o.id(), false, o.value(), old);
        }
        if (op instanceof ArrayInsertOperation o) {
            ArrayNode n = as(target, ArrayNode.class, o);
            checkIndex(o.index(), n.children.size() + 1, o);
            n.children.add(o.index(), build(o.value(), n));
            return new AppliedArrayInsertOperation(o.id(), false, o.index(), o.value());
        }
        if (op instanceof ArrayRemoveOperation o) {
            ArrayNode n = as(target, ArrayNode.class, o);
            checkIndex(o.index(), n.children.size(), o);
            Node removed = n.children.remove(o.index());
            detach(removed);
            return new AppliedArrayRemoveOperation(o.id(), false, o.index(), removed.toValue());
        }
        if (op instanceof ArrayReplaceOperation o) {
            ArrayNode n = as(target, ArrayNode.class, o);
            checkIndex(o.index(), n.children.size(), o);
            Node old = n.children.get(o.index());
            detach(old);
            try {
                n.children.set(o.index(), build(o.value(), n));
            } catch (InvalidOperationException e) {
                reattach(old);
                throw e;
            }
            return new AppliedArrayReplaceOperation(o.id(), false, o.index(), o.value(), old.toValue());
        }
        if (op instanceof ArrayMoveOperation o) {
            ArrayNode n = as(target, ArrayNode.class, o);
            checkIndex(o.fromIndex(), n.children.size(), o);
            checkIndex(o.toIndex(), n.children.size(), o);
            n.children.add(o.toIndex(), n.children.remove(o.fromIndex()));
            return new AppliedArrayMoveOperation(o.id(), false, o.fromIndex(), o.toIndex());
        }
        if (op instanceof ArraySetOperation o) {
            ArrayNode n = as(target, ArrayNode.class, o);
            List<DataValue> old = n.childValues();
            List<Node> oldNodes = new ArrayList<>(n.children);
            oldNodes.forEach(this::detach);
            n.children.clear();
            try {
                for (DataValue v : o.values()) {
                    n.children.add(build(v, n));
                }
            } catch (InvalidOperationException e) {
                n.children.forEach(this::detach);
                n.children.clear();
                n.children.addAll(oldNodes);
                oldNodes.forEach(this::reattach);
                throw e;
            }
            return new AppliedArraySetOperation(o.id(), false, o.values(), old);
        }
        if (op instanceof ObjectAddPropertyOperation o) {
            return putProperty(as(target, ObjectNode.class, o), o.id(), o.key(), o.value());
        }
        if (op instanceof ObjectSetPropertyOperation o) {
            return putProperty(as(target, ObjectNode.class, o), o.id(), o.key(), o.value());
        }
        if (op instanceof ObjectRemovePropertyOperation o) {
            ObjectNode n = as(target, ObjectNode.class, o);
            Node removed = removeChild(n, o.key());
            if (removed == null) {
                return new AppliedObjectRemovePropertyOperation(o.id(), true, o.key(), null);
            }
            detach(removed);
            return new AppliedObjectRemovePropertyOperation(o.id(), false, o.key(), removed.toValue());
        }
        if (op instanceof ObjectSetOperation o) {
            ObjectNode n = as(target, ObjectNode.class, o);
            Map<String, DataValue> old = n.childValues();
            Map<String, Node> oldNodes = new LinkedHashMap<>(n.children);
            oldNodes.values().forEach(this::detach);
            clearChildren(n);
            try {
                o.values().forEach((k, v) -> putChild(n, k, build(v, n)));
            } catch (InvalidOperationException e) {
                n.children.values().forEach(this::detach);
                clearChildren(n);
                oldNodes.forEach((k, v) -> putChild(n, k, v));
                oldNodes.values().forEach(this::reattach);
                throw e;
            }
            return new AppliedObjectSetOperation(o.id(), false, o.values(), old);
        }
        if (op instanceof NumberDeltaOperation o) {
            NumberNode n = as(target, NumberNode.class, o);
            checkNumber(o.delta(), o);
            double old = n.value;
            n.value = old + o.delta();
            return new AppliedNumberDeltaOperation(o.id(), false, o.delta(), old);
        }
        if (op instanceof NumberSetOperation o) {
            NumberNode n = as(target, NumberNode.class, o);
            checkNumber(o.value(), o);
            double old = n.value;
            n.value = o.value();
            return new AppliedNumberSetOperation(o.id(), false, o.value(), old);
        }
        if (op instanceof BooleanSetOperation o) {
            BooleanNode n = as(target, BooleanNode.class, o);
            boolean old = n.value;
            n.value = o.value();
            return new AppliedBooleanSetOperation(o.id(), false, o.value(), old);
        }
        if (op instanceof DateSetOperation o) {
            DateNode n = as(target, DateNode.class, o);
            Instant old = n.value;
            n.value = o.value();
            return new AppliedDateSetOperation(o.id(), false, o.value(), old);
        }
        throw new AssertionError("unreachable: " + op);
    }

    /**
     * Whether an operation is a splice that neither deletes nor inserts. The client's transforms
     * leave such splices at indices that may lie past the end of the string (for example a splice
     * whose deleted range another splice already removed), so they apply as no-ops wherever they
     * point.
     *
     * @param op an operation
     * @return true for a splice with delete count 0 and no text
     */
    public static boolean isEmptySplice(DiscreteOperation op) {
        return op instanceof StringSpliceOperation s
                && s.deleteCount() == 0
                && s.insertValue().isEmpty();
    }

    private AppliedDiscreteOperation splice(StringNode n, StringSpliceOperation o) {
        int length = n.text.length();
        if (o.index() < 0 || o.deleteCount() < 0 || o.index() > length || o.index() + o.deleteCount() > length) {
            throw new InvalidOperationException("splice out of range (length " + length + "): " + o);
        }
        String deleted = n.text.substring(o.index(), o.index() + o.deleteCount());
        n.text.replace(o.index(), o.index() + o.deleteCount(), o.insertValue());
        size += o.insertValue().length() - o.deleteCount();
        return new AppliedStringSpliceOperation(o.id(), false, o.index(), deleted, o.insertValue());
    }

    private AppliedDiscreteOperation putProperty(ObjectNode n, String id, String key, DataValue value) {
        Node old = n.children.get(key);
        if (old != null) {
            detach(old);
        }
        try {
            putChild(n, key, build(value, n));
        } catch (InvalidOperationException e) {
            if (old != null) {
                reattach(old);
            }
            throw e;
        }
        return old == null
                ? new AppliedObjectAddPropertyOperation(id, false, key, value)
                : new AppliedObjectSetPropertyOperation(id, false, key, value, old.toValue());
    }

    private static AppliedDiscreteOperation noOpForm(DiscreteOperation op) {
        if (op instanceof StringSpliceOperation o) {
            return new AppliedStringSpliceOperation(o.id(), true, o.index(), "", o.insertValue());
        }
        if (op instanceof StringSetOperation o) {
            return new AppliedStringSetOperation(o.id(), true, o.value(), null);
        }
        if (op instanceof ArrayInsertOperation o) {
            return new AppliedArrayInsertOperation(o.id(), true, o.index(), o.value());
        }
        if (op instanceof ArrayRemoveOperation o) {
            return new AppliedArrayRemoveOperation(o.id(), true, o.index(), null);
        }
        if (op instanceof ArrayReplaceOperation o) {
            return new AppliedArrayReplaceOperation(o.id(), true, o.index(), o.value(), null);
        }
        if (op instanceof ArrayMoveOperation o) {
            return new AppliedArrayMoveOperation(o.id(), true, o.fromIndex(), o.toIndex());
        }
        if (op instanceof ArraySetOperation o) {
            return new AppliedArraySetOperation(o.id(), true, o.values(), null);
        }
        if (op instanceof ObjectAddPropertyOperation o) {
            return new AppliedObjectAddPropertyOperation(o.id(), true, o.key(), o.value());
        }
        if (op instanceof ObjectSetPropertyOperation o) {
            return new AppliedObjectSetPropertyOperation(o.id(), true, o.key(), o.value(), null);
        }
        if (op instanceof ObjectRemovePropertyOperation o) {
            return new AppliedObjectRemovePropertyOperation(o.id(), true, o.key(), null);
        }
        if (op instanceof ObjectSetOperation o) {
            return new AppliedObjectSetOperation(o.id(), true, o.values(), null);
        }
        if (op instanceof NumberDeltaOperation o) {
            return new AppliedNumberDeltaOperation(o.id(), true, o.delta(), 0);
        }
        if (op instanceof NumberSetOperation o) {
            return new AppliedNumberSetOperation(o.id(), true, o.value(), null);
        }
        if (op instanceof BooleanSetOperation o) {
            return new AppliedBooleanSetOperation(o.id(), true, o.value(), null);
        }
        if (op instanceof DateSetOperation o) {
            return new AppliedDateSetOperation(o.id(), true, o.value(), null);
        }
        throw new AssertionError("unreachable: " + op);
    }

    // ---------------------------------------------------------------- undo

    private void undoDiscrete(AppliedDiscreteOperation applied) {
        if (applied.noOp()) {
            return;
        }
        Node target = index.get(applied.id());
        if (target == null) {
            throw new IllegalStateException("cannot undo, target gone: " + applied);
        }
        if (applied instanceof AppliedStringSpliceOperation a) {
            ((StringNode) target)
                    .text.replace(a.index(), a.index() + a.insertedValue().length(), a.deletedValue());
            size += a.deletedValue().length() - a.insertedValue().length();
            return;
        }
        if (applied instanceof AppliedStringSetOperation a) {
            setText((StringNode) target, a.oldValue());
            return;
        }
        if (applied instanceof AppliedArrayInsertOperation a) {
            detach(((ArrayNode) target).children.remove(a.index()));
            return;
        }
        if (applied instanceof AppliedArrayRemoveOperation a) {
            ((ArrayNode) target).children.add(a.index(), build(a.oldValue(), target));
            return;
        }
        if (applied instanceof AppliedArrayReplaceOperation a) {
            ArrayNode n = (ArrayNode) target;
            detach(n.children.get(a.index()));
            n.children.set(a.index(), build(a.oldValue(), n));
            return;
        }
        if (applied instanceof AppliedArrayMoveOperation a) {
            ArrayNode n = (ArrayNode) target;
            n.children.add(a.fromIndex(), n.children.remove(a.toIndex()));
            return;
        }
        if (applied instanceof AppliedArraySetOperation a) {
            ArrayNode n = (ArrayNode) target;
            n.children.forEach(this::detach);
            n.children.clear();
            a.oldValues().forEach(v -> n.children.add(build(v, n)));
            return;
        }
        if (applied instanceof AppliedObjectAddPropertyOperation a) {
            detach(removeChild((ObjectNode) target, a.key()));
            return;
        }
        if (applied instanceof AppliedObjectSetPropertyOperation a) {
            ObjectNode n = (ObjectNode) target;
            detach(n.children.get(a.key()));
            putChild(n, a.key(), build(a.oldValue(), n));
            return;
        }
        if (applied instanceof AppliedObjectRemovePropertyOperation a) {
            ObjectNode n = (ObjectNode) target;
            putChild(n, a.key(), build(a.oldValue(), n));
            return;
        }
        if (applied instanceof AppliedObjectSetOperation a) {
            ObjectNode n = (ObjectNode) target;
            n.children.values().forEach(this::detach);
            clearChildren(n);
            a.oldValues().forEach((k, v) -> putChild(n, k, build(v, n)));
            return;
        }
        if (applied instanceof AppliedNumberDeltaOperation a) {
            ((NumberNode) target).value = a.oldValue();
            return;
        }
        if (applied instanceof AppliedNumberSetOperation a) {
            ((NumberNode) target).value = a.oldValue();
            return;
        }
        if (applied instanceof AppliedBooleanSetOperation a) {
            ((BooleanNode) target).value = a.oldValue();
            return;
        }
        if (applied instanceof AppliedDateSetOperation a) {
            ((DateNode) target).value = a.oldValue();
            return;
        }
    }

    // ---------------------------------------------------------------- nodes and index

    private static <N extends Node> N as(Node node, Class<N> type, DiscreteOperation op) {
        if (!type.isInstance(node)) {
            throw new InvalidOperationException(op.type() + " cannot target a " + node.kind() + " value: " + op);
        }
        return type.cast(node);
    }

    private static void checkIndex(int index, int bound, DiscreteOperation op) {
        if (index < 0 || index >= bound) {
            throw new InvalidOperationException("index out of range: " + op);
        }
    }

    private static void checkNumber(double value, DiscreteOperation op) {
        if (Double.isNaN(value)) {
            throw new InvalidOperationException("NaN is not a valid number: " + op);
        }
    }

    /**
     * Builds nodes for a value and indexes them; on a duplicate id, unindexes what it added and
     * throws.
     */
    private Node build(DataValue value, Node parent) {
        List<Node> added = new ArrayList<>();
        try {
            return buildInto(value, parent, added);
        } catch (InvalidOperationException e) {
            added.forEach(n -> {
                index.remove(n.id);
                size -= weight(n);
            });
            throw e;
        }
    }

    private Node buildInto(DataValue value, Node parent, List<Node> added) {
        if (value == null) {
            throw new InvalidOperationException("missing value");
        }
        if (index.containsKey(value.id())) {
            throw new InvalidOperationException("value id already in use: " + value.id());
        }
        Node node;
        if (value instanceof ObjectValue v) {
            node = new ObjectNode(v.id());
        } else if (value instanceof ArrayValue v) {
            node = new ArrayNode(v.id());
        } else if (value instanceof StringValue v) {
            node = new StringNode(v.id(), v.value());
        } else if (value instanceof NumberValue v) {
            node = new NumberNode(v.id(), v.value());
        } else if (value instanceof BooleanValue v) {
            node = new BooleanNode(v.id(), v.value());
        } else if (value instanceof DateValue v) {
            node = new DateNode(v.id(), v.value());
        } else {
            node = new NullNode(value.id());
        }
        index.put(node.id, node);
        size += weight(node);
        added.add(node);
        if (value instanceof ObjectValue v) {
            for (Map.Entry<String, DataValue> e : v.children().entrySet()) {
                putChild((ObjectNode) node, e.getKey(), buildInto(e.getValue(), node, added));
            }
        } else if (value instanceof ArrayValue v) {
            for (DataValue child : v.children()) {
                ((ArrayNode) node).children.add(buildInto(child, node, added));
            }
        }
        return node;
    }

    private void detach(Node node) {
        index.remove(node.id);
        size -= weight(node);
        node.forEachChild(this::detach);
    }

    private void reattach(Node node) {
        index.put(node.id, node);
        size += weight(node);
        node.forEachChild(this::reattach);
    }

    /** What a node adds to {@link #size()} itself, without its children's own weight. */
    private static long weight(Node node) {
        long weight = VALUE_OVERHEAD + node.id.length();
        if (node instanceof StringNode s) {
            weight += s.text.length();
        } else if (node instanceof ObjectNode o) {
            weight += o.keyChars;
        }
        return weight;
    }

    // Every change to a live string's text or an object's properties goes through these, which keep size.

    private void setText(StringNode n, String text) {
        size += text.length() - n.text.length();
        n.text.setLength(0);
        n.text.append(text);
    }

    private void putChild(ObjectNode n, String key, Node child) {
        if (n.children.put(key, child) == null) {
            n.keyChars += key.length();
            size += key.length();
        }
    }

    private Node removeChild(ObjectNode n, String key) {
        Node removed = n.children.remove(key);
        if (removed != null) {
            n.keyChars -= key.length();
            size -= key.length();
        }
        return removed;
    }

    private void clearChildren(ObjectNode n) {
        size -= n.keyChars;
        n.keyChars = 0;
        n.children.clear();
    }

    private abstract static sealed class Node
            permits ObjectNode, ArrayNode, StringNode, NumberNode, BooleanNode, DateNode, NullNode {
        final String id;

        Node(String id) {
            this.id = id;
        }

        abstract DataValue toValue();

        abstract String kind();

        void forEachChild(java.util.function.Consumer<Node> action) {}
    }

    private static final class ObjectNode extends Node {
        final LinkedHashMap<String, Node> children = new LinkedHashMap<>();
        /** The length of its property names together (part of its weight). */
        long keyChars;

        ObjectNode(String id) {
            super(id);
        }

        Map<String, DataValue> childValues() {
            Map<String, DataValue> values = new LinkedHashMap<>();
            children.forEach((k, v) -> values.put(k, v.toValue()));
            return values;
        }

        @Override
        DataValue toValue() {
            return new ObjectValue(id, childValues());
        }

        @Override
        String kind() {
            return "object";
        }

        @Override
        void forEachChild(java.util.function.Consumer<Node> action) {
            children.values().forEach(action);
        }
    }

    private static final class ArrayNode extends Node {
        final ArrayList<Node> children = new ArrayList<>();

        ArrayNode(String id) {
            super(id);
        }

        List<DataValue> childValues() {
            return children.stream().map(Node::toValue).toList();
        }

        @Override
        DataValue toValue() {
            return new ArrayValue(id, childValues());
        }

        @Override
        String kind() {
            return "array";
        }

        @Override
        void forEachChild(java.util.function.Consumer<Node> action) {
            children.forEach(action);
        }
    }

    private static final class StringNode extends Node {
        final StringBuilder text;

        StringNode(String id, String text) {
            super(id);
            this.text = new StringBuilder(text);
        }

        @Override
        DataValue toValue() {
            return new StringValue(id, text.toString());
        }

        @Override
        String kind() {
            return "string";
        }
    }

    private static final class NumberNode extends Node {
        double value;

        NumberNode(String id, double value) {
            super(id);
            this.value = value;
        }

        @Override
        DataValue toValue() {
            return new NumberValue(id, value);
        }

        @Override
        String kind() {
            return "number";
        }
    }

    private static final class BooleanNode extends Node {
        boolean value;

        BooleanNode(String id, boolean value) {
            super(id);
            this.value = value;
        }

        @Override
        DataValue toValue() {
            return new BooleanValue(id, value);
        }

        @Override
        String kind() {
            return "boolean";
        }
    }

    private static final class DateNode extends Node {
        Instant value;

        DateNode(String id, Instant value) {
            super(id);
            this.value = value;
        }

        @Override
        DataValue toValue() {
            return new DateValue(id, value);
        }

        @Override
        String kind() {
            return "date";
        }
    }

    private static final class NullNode extends Node {
        NullNode(String id) {
            super(id);
        }

        @Override
        DataValue toValue() {
            return new NullValue(id);
        }

        @Override
        String kind() {
            return "null";
        }
    }
}
