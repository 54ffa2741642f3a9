// A domain's activities: type, id, the sessions joined now (participants), and delete.
import { useState } from "preact/hooks";
import { api, seg } from "../api.js";
import { useLoad } from "../load.js";
import { Check, ConfirmDialog, Message, useAction, when } from "../ui.jsx";

export function Activities({ base }) {
  const [live, setLive] = useState(false);
  const activities = useLoad(() => api.get(`${base}/activities?limit=100${live ? "&live=true" : ""}`), [live]);
  const [notice, setNotice] = useState(null);
  const [deleting, setDeleting] = useState(null);
  const list = activities.data?.data ?? [];
  return (
    <>
      <h1 tabindex="-1">Activities</h1>
      <Message>{notice}</Message>
      <Message error>{activities.error && `The activities could not be read: ${activities.error.message}`}</Message>
      <div class="toolbar">
        <Check label="Only activities with participants" checked={live} onChange={setLive} />
        <button type="button" onClick={activities.reload}>
          Refresh
        </button>
      </div>
      {activities.data && list.length === 0 && <p>No activities{live ? " with participants" : ""}.</p>}
      {list.length > 0 && (
        <table>
          <caption class="visually-hidden">Activities</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Id</th>
              <th scope="col">Created</th>
              <th scope="col">Participants</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.map((a) => {
              const label = `${a.activityType}/${a.activityId}`;
              return (
                <tr key={label} data-activity={label}>
                  <td>{a.activityType}</td>
                  <th scope="row">{a.activityId}</th>
                  <td>{when(a.created)}</td>
                  <td>
                    {a.sessions.length === 0
                      ? "none"
                      : a.sessions.map((s) => `${s.user}${s.lurking ? " (lurking)" : ""}`).join(", ")}
                  </td>
                  <td class="row-actions">
                    <button
                      type="button"
                      class="danger"
                      onClick={() => setDeleting(a)}
                      aria-label={`Delete activity ${label}`}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {deleting && (
        <DeleteActivity
          base={base}
          activity={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={(text) => {
            setNotice(text);
            setDeleting(null);
            return activities.reload();
          }}
        />
      )}
    </>
  );
}

function DeleteActivity({ base, activity, onClose, onDeleted }) {
  const label = `${activity.activityType}/${activity.activityId}`;
  const action = useAction("Could not delete the activity");
  const confirm = () =>
    action.run(async () => {
      await api.delete(`${base}/activities/${seg(activity.activityType)}/${seg(activity.activityId)}`);
      await onDeleted(`Activity ${label} deleted.`);
    });
  return (
    <ConfirmDialog
      title={`Delete activity ${label}?`}
      confirmLabel="Delete activity"
      onConfirm={confirm}
      onClose={onClose}
      busy={action.busy}
      error={action.error}
    >
      <p>Its participants are told that it is gone.</p>
    </ConfirmDialog>
  );
}
