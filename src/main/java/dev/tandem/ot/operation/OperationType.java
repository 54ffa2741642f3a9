package dev.tandem.ot.operation;

/**
 * The kinds of discrete operation, named as in Tandem (the client's type names are noted where they
 * differ).
 */
public enum OperationType {
    /** Splice of a string: remove then insert at one index. */
    STRING_SPLICE,
    /** Replace a whole string (client: StringValue). */
    STRING_SET,
    /** Insert an element into an array. */
    ARRAY_INSERT,
    /** Remove an element from an array. */
    ARRAY_REMOVE,
    /** Replace one array element (client: ArraySet). */
    ARRAY_REPLACE,
    /** Move one array element (client: ArrayReorder). */
    ARRAY_MOVE,
    /** Replace a whole array (client: ArrayValue). */
    ARRAY_SET,
    /** Add an object property (client: ObjectAdd). */
    OBJECT_ADD_PROPERTY,
    /** Set an existing object property (client: ObjectSet). */
    OBJECT_SET_PROPERTY,
    /** Remove an object property (client: ObjectRemove). */
    OBJECT_REMOVE_PROPERTY,
    /** Replace a whole object (client: ObjectValue). */
    OBJECT_SET,
    /** Add to a number. */
    NUMBER_DELTA,
    /** Replace a number (client: NumberValue). */
    NUMBER_SET,
    /** Replace a boolean (client: BooleanValue). */
    BOOLEAN_SET,
    /** Replace a date (client: DateValue). */
    DATE_SET
}
