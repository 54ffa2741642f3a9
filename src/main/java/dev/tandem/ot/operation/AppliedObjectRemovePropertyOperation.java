package dev.tandem.ot.operation;

import dev.tandem.ot.value.DataValue;
import java.util.Objects;

/**
 * Applied property remove: keeps the removed value.
 *
 * @param id target value id
 * @param noOp whether nothing happened (history playback skips it)
 * @param key property name
 * @param oldValue the removed value; {@code null} for a no-op
 */
public record AppliedObjectRemovePropertyOperation(String id, boolean noOp, String key, DataValue oldValue)
        implements AppliedDiscreteOperation {
    /** Validates the components. */
    public AppliedObjectRemovePropertyOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public AppliedDiscreteOperation inverse() {
        return new AppliedObjectAddPropertyOperation(id, noOp, key, oldValue);
    }
}
