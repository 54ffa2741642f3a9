package dev.tandem.ot.reference;

/** The values of a shared reference, of one of the four kinds the client knows. */
public sealed interface ReferenceValue permits IndexReference, RangeReference, PropertyReference, ElementReference {

    /**
     * The id of the value the reference lives on, or {@code null} for a model-level element
     * reference.
     */
    String valueId();
}
