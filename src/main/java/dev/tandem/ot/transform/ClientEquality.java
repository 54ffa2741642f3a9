package dev.tandem.ot.transform;

import dev.tandem.ot.value.ArrayValue;
import dev.tandem.ot.value.BooleanValue;
import dev.tandem.ot.value.DataValue;
import dev.tandem.ot.value.DateValue;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.ot.value.StringValue;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Value equality as the client's tie-breaks see it. The client compares whole-value sets with a
 * structural deep equality that includes value ids, compares dates by their {@code toString()}
 * (whole seconds) and numbers with {@code ===} (so NaN differs from itself and 0 equals -0).
 * Because ids differ between sessions, two sets from different clients practically never compare
 * equal.
 */
public final class ClientEquality {

    private ClientEquality() {}

    /**
     * The client's {@code EqualsUtil.deepEquals} on two data values.
     *
     * @param a one value
     * @param b another value
     * @return whether the client considers them equal
     */
    public static boolean deepEquals(DataValue a, DataValue b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.getClass() != b.getClass() || !a.id().equals(b.id())) {
            return false;
        }
        if (a instanceof StringValue x) {
            return x.value().equals(((StringValue) b).value());
        } else if (a instanceof NumberValue x) {
            return x.value() == ((NumberValue) b).value();
        } else if (a instanceof BooleanValue x) {
            return x.value() == ((BooleanValue) b).value();
        } else if (a instanceof DateValue x) {
            return x.value().getEpochSecond() == ((DateValue) b).value().getEpochSecond();
        } else if (a instanceof ArrayValue x) {
            return deepEquals(x.children(), ((ArrayValue) b).children());
        } else if (a instanceof ObjectValue x) {
            return deepEquals(x.children(), ((ObjectValue) b).children());
        }
        return true;
    }

    /**
     * Deep equality of two element lists.
     *
     * @param a one list
     * @param b another list
     * @return whether equal element by element
     */
    public static boolean deepEquals(List<DataValue> a, List<DataValue> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<DataValue> i = b.iterator();
        for (DataValue v : a) {
            if (!deepEquals(v, i.next())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Deep equality of two property maps (key order does not matter).
     *
     * @param a one map
     * @param b another map
     * @return whether they have the same keys with equal values
     */
    public static boolean deepEquals(Map<String, DataValue> a, Map<String, DataValue> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, DataValue> e : a.entrySet()) {
            if (!b.containsKey(e.getKey()) || !deepEquals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
