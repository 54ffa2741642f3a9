package dev.tandem.ot.reference;

import dev.tandem.ot.operation.CompoundOperation;
import dev.tandem.ot.operation.DiscreteOperation;
import dev.tandem.ot.operation.ObjectRemovePropertyOperation;
import dev.tandem.ot.operation.ObjectSetOperation;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.operation.StringSetOperation;
import dev.tandem.ot.operation.StringSpliceOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Transforms reference values across operations.
 *
 * <ul>
 *   <li>Index and range references against a {@link StringSpliceOperation} on their string: every
 *       index is mapped with the client's formula {@code i - min(i - index, deleteCount) +
 *       insertLength}, applied to every index (the client's guard {@code index >= index} is always
 *       true). So positions at or after the splice behave as expected (inside the deleted text they
 *       land after the inserted text), but <b>positions before the splice also move to {@code index
 *       + insertLength}</b>. That is a client defect, reproduced so that every client and the
 *       server agree on where a shared cursor is.
 *   <li>Index and range references against a {@link StringSetOperation}: cleared.
 *   <li>Property references against an {@link ObjectRemovePropertyOperation}: the removed key
 *       leaves the list (its first occurrence, like the client); against an {@link
 *       ObjectSetOperation}: cleared.
 *   <li>Element references are not changed by operations here: the ids they name disappear when
 *       their values are detached, which only the tree knows (see {@code
 *       ModelOperationProcessor#transformReference}).
 * </ul>
 *
 * No-ops and operations on other ids leave a reference unchanged; a compound is applied element by
 * element and stops once the reference is cleared.
 */
public final class ReferenceTransformer {

    /** Creates a transformer (it has no state). */
    public ReferenceTransformer() {}

    /**
     * Transforms a reference value across one operation.
     *
     * @param operation an operation applied after the state the reference was set on
     * @param reference the reference value
     * @return the transformed value, or empty if the operation cleared the reference
     */
    public Optional<ReferenceValue> transform(Operation operation, ReferenceValue reference) {
        if (operation instanceof CompoundOperation compound) {
            Optional<ReferenceValue> result = Optional.of(reference);
            for (DiscreteOperation op : compound.operations()) {
                if (result.isEmpty()) {
                    break;
                }
                result = transform(op, result.get());
            }
            return result;
        }
        DiscreteOperation op = (DiscreteOperation) operation;
        if (op.noOp() || reference.valueId() == null || !op.id().equals(reference.valueId())) {
            return Optional.of(reference);
        }
        if (reference instanceof IndexReference index) {
            if (op instanceof StringSpliceOperation splice) {
                List<Integer> moved = new ArrayList<>(index.indices().size());
                for (int i : index.indices()) {
                    moved.add(spliceIndex(i, splice));
                }
                return Optional.of(new IndexReference(index.valueId(), moved));
            }
            return op instanceof StringSetOperation ? Optional.empty() : Optional.of(reference);
        } else if (reference instanceof RangeReference range) {
            if (op instanceof StringSpliceOperation splice) {
                List<RangeReference.Range> moved =
                        new ArrayList<>(range.ranges().size());
                for (RangeReference.Range r : range.ranges()) {
                    moved.add(new RangeReference.Range(spliceIndex(r.start(), splice), spliceIndex(r.end(), splice)));
                }
                return Optional.of(new RangeReference(range.valueId(), moved));
            }
            return op instanceof StringSetOperation ? Optional.empty() : Optional.of(reference);
        } else if (reference instanceof PropertyReference property) {
            if (op instanceof ObjectRemovePropertyOperation remove) {
                List<String> keys = new ArrayList<>(property.keys());
                keys.remove(remove.key());
                return Optional.of(new PropertyReference(property.valueId(), keys));
            }
            return op instanceof ObjectSetOperation ? Optional.empty() : Optional.of(reference);
        }
        return Optional.of(reference);
    }

    /**
     * The client's index mapping for a splice (see the class comment for its defect).
     *
     * @param i an index
     * @param splice the splice
     * @return the mapped index
     */
    public static int spliceIndex(int i, StringSpliceOperation splice) {
        return i
                - Math.min(i - splice.index(), splice.deleteCount())
                + splice.insertValue().length();
    }
}
