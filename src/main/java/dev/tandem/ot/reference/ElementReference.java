package dev.tandem.ot.reference;

import java.util.List;

/**
 * Model-level references to values by id (selected elements). Has no value id.
 *
 * @param elementIds the referenced value ids
 */
public record ElementReference(List<String> elementIds) implements ReferenceValue {
    /** Copies the list. */
    public ElementReference {
        elementIds = List.copyOf(elementIds);
    }

    @Override
    public String valueId() {
        return null;
    }
}
