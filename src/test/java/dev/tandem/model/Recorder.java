package dev.tandem.model;

import dev.tandem.common.Refusal;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.UserType;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.reference.ReferenceValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Records what a session would be sent, as lines. Acknowledgements, operations and reference events are held until
 * the model flushes them, and nothing else flushes them: one the model forgot to flush is missing or out of order
 * here.
 */
final class Recorder implements ModelParticipant {
    final String sessionId;
    final List<String> events = new ArrayList<>();
    private final List<String> held = new ArrayList<>();
    // operations delivered as from an author this participant may not have been told about
    final List<String> fromUnannounced = new ArrayList<>();
    final DomainUserView user;
    ResyncedModel resynced;
    OpenedModel opened;

    Recorder(String sessionId) {
        this(sessionId, new DomainUserView(UserType.ANONYMOUS, "u-" + sessionId, sessionId, null, null, null));
    }

    Recorder(String sessionId, DomainUserView user) {
        this.sessionId = sessionId;
        this.user = user;
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public DomainUserView user() {
        return user;
    }

    @Override
    public void opened(OpenedModel model) {
        opened = model;
        sent("opened " + model.version());
    }

    @Override
    public void openFailed(Refusal refusal) {
        sent("failed " + refusal.code());
    }

    @Override
    public void resyncStarted(long currentVersion, Collection<String> replayedSessions, ModelPermissions permissions) {
        sent("resync " + currentVersion + " " + replayedSessions);
    }

    @Override
    public void resyncCompleted(ResyncedModel model) {
        resynced = model;
        sent("resynced");
    }

    @Override
    public void collaboratorResyncStarted(Collaborator collaborator) {
        sent("resyncStarted " + collaborator.sessionId());
    }

    @Override
    public void collaboratorResyncCompleted(String sessionId) {
        sent("resyncCompleted " + sessionId);
    }

    @Override
    public void acknowledged(int sequenceNumber, long version, Instant timestamp) {
        held.add("ack " + sequenceNumber + "@" + version);
    }

    @Override
    public void remoteOperation(String sessionId, long contextVersion, Instant timestamp, Operation operation) {
        held.add("op " + sessionId + "@" + contextVersion);
        fromUnannounced.add(sessionId + "@" + contextVersion);
    }

    @Override
    public void remoteOperationFromCollaborator(
            String sessionId, long contextVersion, Instant timestamp, Operation operation) {
        held.add("op " + sessionId + "@" + contextVersion);
    }

    @Override
    public void flush() {
        events.addAll(held);
        held.clear();
    }

    /** A message sent at once: as on a real connection, whatever was held for this client leaves before it. */
    private void sent(String event) {
        flush();
        events.add(event);
    }

    @Override
    public void collaboratorOpened(Collaborator collaborator) {
        sent("opened " + collaborator.sessionId());
    }

    @Override
    public void collaboratorClosed(String sessionId) {
        sent("closed " + sessionId);
    }

    @Override
    public void referenceShared(String sessionId, String key, ReferenceValue value) {
        held.add("shared " + sessionId + " " + key + " " + value);
    }

    @Override
    public void referenceSet(String sessionId, String key, ReferenceValue value) {
        held.add("set " + sessionId + " " + key + " " + value);
    }

    @Override
    public void referenceCleared(String sessionId, String valueId, String key) {
        held.add("cleared " + sessionId + " " + key);
    }

    @Override
    public void referenceUnshared(String sessionId, String valueId, String key) {
        held.add("unshared " + sessionId + " " + key);
    }

    @Override
    public void permissionsChanged(ModelPermissions permissions) {
        sent("permissions " + permissions);
    }

    @Override
    public void closed() {
        sent("close reply");
    }

    @Override
    public void forceClosed(ForceCloseReason reason, String message) {
        sent("forceClosed " + reason);
    }
}
