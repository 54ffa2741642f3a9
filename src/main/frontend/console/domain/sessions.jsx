// A domain's realtime sessions: the connected ones (or all, newest first), refreshed every few seconds, and a
// disconnect (DELETE .../sessions/ID) after a confirmation.
import { useEffect, useState } from "preact/hooks";
import { api, seg } from "../api.js";
import { useLoad } from "../load.js";
import { Check, ConfirmDialog, Message, useAction, when } from "../ui.jsx";

const REFRESH_MILLIS = 5000;

export function Sessions({ base }) {
  const [all, setAll] = useState(false);
  const sessions = useLoad(() => api.get(`${base}/sessions?limit=100${all ? "" : "&excludeDisconnected=true"}`), [all]);
  const [notice, setNotice] = useState(null);
  const [disconnecting, setDisconnecting] = useState(null);
  // live: read again every few seconds while the page is open
  useEffect(() => {
    const timer = setInterval(sessions.reload, REFRESH_MILLIS);
    return () => clearInterval(timer);
  }, [sessions.reload]);
  return (
    <>
      <h1 tabindex="-1">Sessions</h1>
      <Message>{notice}</Message>
      <Message error>{sessions.error && `The sessions could not be read: ${sessions.error.message}`}</Message>
      <div class="toolbar">
        <Check label="Show ended sessions too" checked={all} onChange={setAll} />
        <button type="button" onClick={sessions.reload}>
          Refresh
        </button>
      </div>
      <p class="hint">The list refreshes every {REFRESH_MILLIS / 1000} seconds.</p>
      {sessions.data && sessions.data.length === 0 && <p>No {all ? "" : "connected "}sessions.</p>}
      {sessions.data && sessions.data.length > 0 && (
        <table>
          <caption class="visually-hidden">Sessions</caption>
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">User</th>
              <th scope="col">Sign-in</th>
              <th scope="col">Client</th>
              <th scope="col">From</th>
              <th scope="col">Connected</th>
              <th scope="col">Ended</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {sessions.data.map((s) => (
              <tr key={s.id} data-session={s.id}>
                <th scope="row">
                  <code>{s.id}</code>
                </th>
                <td>
                  {s.username} <span class="id">({s.userType})</span>
                </td>
                <td>{s.authMethod}</td>
                <td>
                  {s.client} {s.clientVersion}
                </td>
                <td>{s.remoteHost}</td>
                <td>{when(s.connected)}</td>
                <td>{when(s.disconnected)}</td>
                <td class="row-actions">
                  {!s.disconnected && (
                    <button
                      type="button"
                      class="danger"
                      onClick={() => setDisconnecting(s)}
                      aria-label={`Disconnect session ${s.id}`}
                    >
                      Disconnect
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {disconnecting && (
        <Disconnect
          base={base}
          session={disconnecting}
          onClose={() => setDisconnecting(null)}
          onDone={(text) => {
            setNotice(text);
            setDisconnecting(null);
            return sessions.reload();
          }}
        />
      )}
    </>
  );
}

function Disconnect({ base, session, onClose, onDone }) {
  const action = useAction("Could not disconnect the session");
  const confirm = () =>
    action.run(async () => {
      await api.delete(`${base}/sessions/${seg(session.id)}`);
      await onDone(`Session ${session.id} disconnected.`);
    });
  return (
    <ConfirmDialog
      title={`Disconnect session ${session.id}?`}
      confirmLabel="Disconnect"
      onConfirm={confirm}
      onClose={onClose}
      busy={action.busy}
      error={action.error}
    >
      <p>
        This closes the connection of <strong>{session.username}</strong>. The client may connect again as a new
        session.
      </p>
    </ConfirmDialog>
  );
}
