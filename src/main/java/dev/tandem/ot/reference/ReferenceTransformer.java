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
 *   <li>Index and range references against a {@link StringSpliceOperation} on their string: as a
 *       client moves the references it holds (its own and everyone else's) when it applies that
 *       operation to its string, which picks a rule by what the splice does. An insert moves the
 *       positions at or after it by the inserted length; a removal moves the positions after it
 *       back, those inside the removed text to its start; positions before either stay. A splice
 *       that both removes and inserts maps every index with {@code i - min(i - index, deleteCount) +
 *       insertLength}, positions before the splice included (they move to {@code index +
 *       insertLength}: the client's guard {@code index >= index} is always true). That is a client
 *       defect, reproduced so that every client and the server agree on where a shared cursor is. A
 *       splice that does neither moves nothing (the client sees no change to its string).
 *       <p>The client's other use of that formula, for every splice, is rebasing a reference set it
 *       receives across its own unacknowledged operations; the server never does that. Using it
 *       here for an insert or a removal moved references before the edit: a selection at the front
 *       of a string jumped to the end of another session's insert there, on the server (and so in
 *       every later opener) while its owner still had it at the front.
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
                    moved.add(moveIndex(i, splice));
                }
                return Optional.of(new IndexReference(index.valueId(), moved));
            }
            return op instanceof StringSetOperation ? Optional.empty() : Optional.of(reference);
        } else if (reference instanceof RangeReference range) {
            if (op instanceof StringSpliceOperation splice) {
                List<RangeReference.Range> moved =
                        new ArrayList<>(range.ranges().size());
                for (RangeReference.Range r : range.ranges()) {
                    moved.add(new RangeReference.Range(moveIndex(r.start(), splice), moveIndex(r.end(), splice)));
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
     * Where a client moves a position it holds when it applies {@code splice} to its string: by an
     * insert, by a removal, or, for a splice that does both, by {@link #spliceIndex} (see the class
     * comment).
     *
     * @param i an index
     * @param splice the splice
     * @return the moved index
     */
    public static int moveIndex(int i, StringSpliceOperation splice) {
        int inserted = splice.insertValue().length();
        int removed = splice.deleteCount();
        if (removed == 0) {
            return i >= splice.index() ? i + inserted : i;
        }
        if (inserted == 0) {
            return i > splice.index() ? i - Math.min(i - splice.index(), removed) : i;
        }
        return spliceIndex(i, splice);
    }

    /**
     * The client's index mapping for a splice that both removes and inserts (see the class comment
     * for its defect).
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
