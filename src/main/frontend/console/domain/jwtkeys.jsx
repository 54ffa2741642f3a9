// A domain's JWT keys: the public keys that sign the tokens its users log in with. Add a public key (PEM), or
// generate a key pair (GET /util/keygen: nothing is stored on the server), register its public half, and show the
// private half once to copy; enable, disable, delete.
import { useState } from "preact/hooks";
import { api, seg } from "../api.js";
import { useLoad } from "../load.js";
import { Area, Check, ConfirmDialog, Field, Message, onSubmit, useAction, when } from "../ui.jsx";

export function JwtKeys({ base }) {
  const keys = useLoad(() => api.get(`${base}/jwtKeys?limit=100`));
  const [notice, setNotice] = useState(null);
  const [deleting, setDeleting] = useState(null);
  const [privateKey, setPrivateKey] = useState(null);
  const toggling = useAction("Could not change the key");
  const changed = (text) => {
    setNotice(text);
    setDeleting(null);
    return keys.reload();
  };
  const toggle = (key) =>
    toggling.run(async () => {
      await api.put(`${base}/jwtKeys/${seg(key.id)}`, { description: key.description, enabled: !key.enabled });
      await changed(`Key ${key.id} ${key.enabled ? "disabled" : "enabled"}.`);
    });
  return (
    <>
      <h1 tabindex="-1">JWT keys</h1>
      <Message>{notice}</Message>
      <Message error>{keys.error && `The keys could not be read: ${keys.error.message}`}</Message>
      {privateKey && (
        <section class="card secret" aria-labelledby="private-key-heading">
          <h2 id="private-key-heading">The private key of {privateKey.id}</h2>
          <p>
            Copy it now into the service that signs your users' tokens (RS256, with <code>kid</code> set to{" "}
            <code>{privateKey.id}</code>). The server does not keep it: it is not shown again.
          </p>
          <Area label="Private key" id="private-key" readonly rows={8} value={privateKey.pem} />
          <button type="button" onClick={() => setPrivateKey(null)}>
            Done, I have copied it
          </button>
        </section>
      )}
      <NewKey
        base={base}
        onCreated={(id, pem) => {
          if (pem) setPrivateKey({ id, pem });
          return changed(`Key ${id} added.`);
        }}
      />
      <Message error>{toggling.error}</Message>
      {keys.data && keys.data.length === 0 && <p>No keys: users of this domain cannot log in with a JWT.</p>}
      {keys.data && keys.data.length > 0 && (
        <table>
          <caption class="visually-hidden">JWT keys</caption>
          <thead>
            <tr>
              <th scope="col">Key id</th>
              <th scope="col">Description</th>
              <th scope="col">Updated</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {keys.data.map((k) => (
              <tr key={k.id} data-jwt-key={k.id}>
                <th scope="row">{k.id}</th>
                <td>{k.description || "—"}</td>
                <td>{when(k.updated)}</td>
                <td>{k.enabled ? "enabled" : "disabled"}</td>
                <td class="row-actions">
                  <button
                    type="button"
                    onClick={() => toggle(k)}
                    aria-label={`${k.enabled ? "Disable" : "Enable"} ${k.id}`}
                  >
                    {k.enabled ? "Disable" : "Enable"}
                  </button>
                  <button type="button" class="danger" onClick={() => setDeleting(k)} aria-label={`Delete key ${k.id}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deleting && <DeleteKey base={base} jwtKey={deleting} onClose={() => setDeleting(null)} onDeleted={changed} />}
    </>
  );
}

function NewKey({ base, onCreated }) {
  const [id, setId] = useState("");
  const [description, setDescription] = useState("");
  const [key, setKey] = useState("");
  const [enabled, setEnabled] = useState(true);
  // the private half of a pair generated here, until the key is added
  const [generated, setGenerated] = useState(null);
  const action = useAction("Could not add the key");
  const generating = useAction("Could not generate a key pair");
  const generate = () =>
    generating.run(async () => {
      const pair = await api.get("/util/keygen");
      setKey(pair.publicKey);
      setGenerated(pair.privateKey);
    });
  const submit = () =>
    action.run(async () => {
      await api.post(`${base}/jwtKeys`, { id, description, key, enabled });
      const pem = key === "" ? null : generated;
      setId("");
      setDescription("");
      setKey("");
      setGenerated(null);
      await onCreated(id, pem);
    });
  return (
    <form class="card" onSubmit={onSubmit(submit)} aria-labelledby="new-jwt-key">
      <h2 id="new-jwt-key">New key</h2>
      <div class="forms">
        <Field
          label="Key id"
          id="jwt-key-id"
          hint="The kid of the tokens it verifies."
          required
          value={id}
          onInput={(e) => setId(e.currentTarget.value)}
        />
        <Field
          label="Description"
          id="jwt-key-description"
          value={description}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
      </div>
      <Area
        label="Public key (PEM)"
        id="jwt-key-pem"
        rows={6}
        required
        spellcheck={false}
        hint="An RSA public key, -----BEGIN PUBLIC KEY----- …; or generate a pair."
        value={key}
        onInput={(e) => {
          setKey(e.currentTarget.value);
          setGenerated(null);
        }}
      />
      <Check label="Enabled" checked={enabled} onChange={setEnabled} />
      <Message error>{generating.error ?? action.error}</Message>
      <div class="toolbar">
        <button type="button" onClick={generate} disabled={generating.busy}>
          Generate a key pair
        </button>
        <button type="submit" class="primary" disabled={action.busy}>
          Add key
        </button>
      </div>
      {generated && <p role="status">A key pair was generated: its private key is shown once the key is added.</p>}
    </form>
  );
}

function DeleteKey({ base, jwtKey, onClose, onDeleted }) {
  const action = useAction("Could not delete the key");
  const confirm = () =>
    action.run(async () => {
      await api.delete(`${base}/jwtKeys/${seg(jwtKey.id)}`);
      await onDeleted(`Key ${jwtKey.id} deleted.`);
    });
  return (
    <ConfirmDialog
      title={`Delete key ${jwtKey.id}?`}
      confirmLabel="Delete key"
      onConfirm={confirm}
      onClose={onClose}
      busy={action.busy}
      error={action.error}
    >
      <p>Tokens signed with this key no longer log anyone in.</p>
    </ConfirmDialog>
  );
}
