package dev.tandem.ot;

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
import dev.tandem.ot.operation.DateSetOperation;
import dev.tandem.ot.operation.DiscreteOperation;
import dev.tandem.ot.operation.NumberDeltaOperation;
import dev.tandem.ot.operation.NumberSetOperation;
import dev.tandem.ot.operation.ObjectAddPropertyOperation;
import dev.tandem.ot.operation.ObjectRemovePropertyOperation;
import dev.tandem.ot.operation.ObjectSetOperation;
import dev.tandem.ot.operation.ObjectSetPropertyOperation;
import dev.tandem.ot.operation.StringSetOperation;
import dev.tandem.ot.operation.StringSpliceOperation;
import dev.tandem.ot.tree.ModelTree;
import java.util.ArrayList;
import java.util.List;

/**
 * Emulates the client's history playback (HistoricalModel): forward applies each non-no-op applied
 * operation; backward applies the inverses, newest first, compound elements in reverse order. The
 * delete count of a splice comes from the length of its deleted text, as the client derives it.
 */
final class Playback {
    private Playback() {}

    static void forward(ModelTree tree, List<AppliedOperation> ops) {
        for (AppliedOperation op : ops) {
            for (AppliedDiscreteOperation d : elements(op)) {
                play(tree, d);
            }
        }
    }

    static void backward(ModelTree tree, List<AppliedOperation> ops) {
        for (int i = ops.size() - 1; i >= 0; i--) {
            List<AppliedDiscreteOperation> elements = new ArrayList<>(elements(ops.get(i)));
            for (int j = elements.size() - 1; j >= 0; j--) {
                AppliedDiscreteOperation d = elements.get(j);
                if (!d.noOp()) {
                    play(tree, d.inverse());
                }
            }
        }
    }

    private static List<AppliedDiscreteOperation> elements(AppliedOperation op) {
        return op instanceof AppliedCompoundOperation c ? c.operations() : List.of((AppliedDiscreteOperation) op);
    }

    private static void play(ModelTree tree, AppliedDiscreteOperation d) {
        if (!d.noOp()) {
            tree.apply(toOperation(d));
        }
    }

    static DiscreteOperation toOperation(AppliedDiscreteOperation a) {
        String id = a.id();
        if (a instanceof AppliedStringSpliceOperation o) {
            return new StringSpliceOperation(
                    id, false, o.index(), o.deletedValue().length(), o.insertedValue());
        } else if (a instanceof AppliedStringSetOperation o) {
            return new StringSetOperation(id, false, o.value());
        } else if (a instanceof AppliedArrayInsertOperation o) {
            return new ArrayInsertOperation(id, false, o.index(), o.value());
        } else if (a instanceof AppliedArrayRemoveOperation o) {
            return new ArrayRemoveOperation(id, false, o.index());
        } else if (a instanceof AppliedArrayReplaceOperation o) {
            return new ArrayReplaceOperation(id, false, o.index(), o.value());
        } else if (a instanceof AppliedArrayMoveOperation o) {
            return new ArrayMoveOperation(id, false, o.fromIndex(), o.toIndex());
        } else if (a instanceof AppliedArraySetOperation o) {
            return new ArraySetOperation(id, false, o.values());
        } else if (a instanceof AppliedObjectAddPropertyOperation o) {
            return new ObjectAddPropertyOperation(id, false, o.key(), o.value());
        } else if (a instanceof AppliedObjectSetPropertyOperation o) {
            return new ObjectSetPropertyOperation(id, false, o.key(), o.value());
        } else if (a instanceof AppliedObjectRemovePropertyOperation o) {
            return new ObjectRemovePropertyOperation(id, false, o.key());
        } else if (a instanceof AppliedObjectSetOperation o) {
            return new ObjectSetOperation(id, false, o.values());
        } else if (a instanceof AppliedNumberDeltaOperation o) {
            return new NumberDeltaOperation(id, false, o.delta());
        } else if (a instanceof AppliedNumberSetOperation o) {
            return new NumberSetOperation(id, false, o.value());
        } else if (a instanceof AppliedBooleanSetOperation o) {
            return new BooleanSetOperation(id, false, o.value());
        }
        AppliedDateSetOperation o = (AppliedDateSetOperation) a;
        return new DateSetOperation(id, false, o.value());
    }
}
