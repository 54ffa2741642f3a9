/**
 * Reference values (shared cursors and selections) and how operations move them.
 *
 * <p>Index and range references live on a string; property references on an object; element
 * references at model level (no value id). {@link dev.tandem.ot.reference.ReferenceTransformer}
 * transforms a value across one operation, reproducing the client's functions; an empty result
 * means the reference was cleared.
 */
package dev.tandem.ot.reference;
