package dev.tandem.ot.value;

/** An immutable model value with its id. Equality is structural and includes ids. */
public sealed interface DataValue
        permits ObjectValue, ArrayValue, StringValue, NumberValue, BooleanValue, DateValue, NullValue {

    /** The value's id, unique within its model. */
    String id();
}
