// The signed-in user's own API keys (GET/POST/DELETE /api/rest/user/apiKeys). The server returns a new key's secret
// once, in the answer to its creation: the page shows it until the user dismisses it, and never again.
import { useState } from "preact/hooks";
import { api, seg } from "./api.js";
import { useLoad } from "./load.js";
import { ConfirmDialog, Field, Message, when } from "./ui.jsx";

export function ApiKeys() {
  const keys = useLoad(() => api.get("/user/apiKeys"));
  const [name, setName] = useState("");
  const [created, setCreated] = useState(null);
  const [revoking, setRevoking] = useState(null);
  const [notice, setNotice] = useState(null);
  const [error, setError] = useState(null);

  const create = async (event) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    try {
      const key = await api.post("/user/apiKeys", { name });
      setName("");
      setCreated(key);
      await keys.reload();
    } catch (e) {
      setError(`Could not create the key: ${e.message}`);
    }
  };

  return (
    <>
      <h1 tabindex="-1">API keys</h1>
      <p>
        An API key lets a script call the REST API as you: send it as <code>Authorization: UserApiKey &lt;key&gt;</code>
        .
      </p>
      <Message>{notice}</Message>
      {created ? (
        <section class="card secret" aria-labelledby="new-key-title">
          <h2 id="new-key-title">Key “{created.name}” created</h2>
          <p>Copy it now: it is shown only this once.</p>
          <p>
            <label for="new-key">API key</label>
            <input
              id="new-key"
              class="secret-value"
              readonly
              value={created.key}
              onFocus={(e) => e.currentTarget.select()}
            />
          </p>
          <button type="button" class="primary" autofocus onClick={() => setCreated(null)}>
            Done, I have copied it
          </button>
        </section>
      ) : (
        <form class="card" onSubmit={create} aria-labelledby="create-key">
          <h2 id="create-key">New API key</h2>
          <Field
            label="Key name"
            id="key-name"
            required
            maxLength={255}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <Message error>{error}</Message>
          <button type="submit">Create key</button>
        </form>
      )}
      <h2>Your keys</h2>
      <Message error>{keys.error && `The keys could not be read: ${keys.error.message}`}</Message>
      {keys.data && keys.data.length === 0 && <p>You have no API keys.</p>}
      {keys.data && keys.data.length > 0 && (
        <table>
          <caption class="visually-hidden">Your API keys</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Enabled</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {keys.data.map((key) => (
              <tr key={key.id} data-key={key.name}>
                <th scope="row">{key.name}</th>
                <td>{key.enabled ? "yes" : "no"}</td>
                <td>{when(key.created)}</td>
                <td>{when(key.lastUsed)}</td>
                <td>
                  <button
                    type="button"
                    class="danger"
                    onClick={() => setRevoking(key)}
                    aria-label={`Revoke ${key.name}`}
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revoking && (
        <Revoke
          apiKey={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={async () => {
            setRevoking(null);
            setNotice(`Key ${revoking.name} revoked.`);
            await keys.reload();
          }}
        />
      )}
    </>
  );
}

function Revoke({ apiKey, onClose, onRevoked }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await api.delete(`/user/apiKeys/${seg(apiKey.id)}`);
      await onRevoked();
    } catch (e) {
      setError(`Could not revoke the key: ${e.message}`);
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      title={`Revoke ${apiKey.name}?`}
      confirmLabel="Revoke key"
      onConfirm={confirm}
      onClose={onClose}
      busy={busy}
      error={error}
    >
      <p>Scripts that use this key are refused from their next call on.</p>
    </ConfirmDialog>
  );
}
