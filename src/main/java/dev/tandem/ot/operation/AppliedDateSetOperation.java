package dev.tandem.ot.operation;

import java.time.Instant;
import java.util.Objects;

/**
 * Applied date set.
 *
 * @param id target value id
 * @param noOp whether nothing happened (history playback skips it)
 * @param value the new instant
 * @param oldValue the replaced instant; {@code null} for a no-op
 */
public record AppliedDateSetOperation(String id, boolean noOp, Instant value, Instant oldValue)
        implements AppliedDiscreteOperation {
    /** Validates the components. */
    public AppliedDateSetOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public AppliedDiscreteOperation inverse() {
        return new AppliedDateSetOperation(id, noOp, oldValue, value);
    }
}
