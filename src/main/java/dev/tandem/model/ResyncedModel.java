package dev.tandem.model;

import java.util.List;

/**
 * What a session that finished resynchronizing and stays open receives.
 *
 * @param collaborators every session with the model open, the resynced one included (as the client expects)
 * @param resyncing sessions still resynchronizing
 * @param references the references shared now, at the current version
 */
public record ResyncedModel(
        List<Collaborator> collaborators, List<String> resyncing, List<SharedReference> references) {

    /** The reply to a session that resynchronized only to close: nothing to restore. */
    public static final ResyncedModel CLOSED = new ResyncedModel(List.of(), List.of(), List.of());
}
