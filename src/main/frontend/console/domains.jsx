// Namespaces and their domains: GET /api/rest/namespaces (each with the domains the caller may access); create a
// namespace or a domain; rename either; set a domain's availability; delete a domain, or a namespace without domains
// (after a confirmation).
import { useState } from "preact/hooks";
import { api, seg } from "./api.js";
import { domainPath } from "./domain/shell.jsx";
import { useLoad } from "./load.js";
import { Link } from "./router.jsx";
import { ConfirmDialog, Dialog, Field, Message } from "./ui.jsx";

const AVAILABILITY = ["online", "maintenance", "offline"];

export function Domains() {
  const namespaces = useLoad(() => api.get("/namespaces"));
  const [notice, setNotice] = useState(null);
  const [dialog, setDialog] = useState(null);
  const changed = (text) => {
    setNotice(text);
    setDialog(null);
    return namespaces.reload();
  };
  const list = namespaces.data ?? [];
  return (
    <>
      <h1 tabindex="-1">Namespaces and domains</h1>
      <Message>{notice}</Message>
      <Message error>{namespaces.error && `The namespaces could not be read: ${namespaces.error.message}`}</Message>
      <div class="forms">
        <NewNamespace onCreated={(id) => changed(`Namespace ${id} created.`)} />
        <NewDomain namespaces={list} onCreated={(d) => changed(`Domain ${d.namespace}/${d.domainId} created.`)} />
      </div>
      {list.map((namespace) => (
        <section key={namespace.id} aria-labelledby={`ns-${namespace.id}`}>
          <div class="section-head">
            <h2 id={`ns-${namespace.id}`}>
              {namespace.displayName} <span class="id">({namespace.id})</span>
            </h2>
            <button
              type="button"
              onClick={() => setDialog({ kind: "rename-namespace", namespace })}
              aria-label={`Rename namespace ${namespace.id}`}
            >
              Rename
            </button>
            {namespace.domains.length === 0 && (
              <button
                type="button"
                class="danger"
                onClick={() => setDialog({ kind: "delete-namespace", namespace })}
                aria-label={`Delete namespace ${namespace.id}`}
              >
                Delete
              </button>
            )}
          </div>
          {namespace.domains.length === 0 ? (
            <p>No domains in this namespace: it can be deleted.</p>
          ) : (
            <table class="domains">
              <caption class="visually-hidden">Domains in {namespace.displayName}</caption>
              <thead>
                <tr>
                  <th scope="col">Domain</th>
                  <th scope="col">Id</th>
                  <th scope="col">Availability</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {namespace.domains.map((domain) => (
                  <DomainRow
                    key={domain.domainId}
                    domain={domain}
                    onChanged={changed}
                    onRename={() => setDialog({ kind: "rename-domain", domain })}
                    onDelete={() => setDialog({ kind: "delete-domain", domain })}
                  />
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
      {dialog && <ChangeDialog dialog={dialog} onClose={() => setDialog(null)} onChanged={changed} />}
    </>
  );
}

/** The dialog for a rename or a delete of a domain or a namespace. */
function ChangeDialog({ dialog, onClose, onChanged }) {
  const { kind, domain, namespace } = dialog;
  if (kind === "rename-domain") {
    const label = `${domain.namespace}/${domain.domainId}`;
    return (
      <RenameDialog
        title={`Rename ${label}`}
        current={domain.displayName}
        what="domain"
        save={(displayName) => api.put(path(domain), { displayName })}
        onClose={onClose}
        onRenamed={(name) => onChanged(`Domain ${label} renamed to ${name}.`)}
      />
    );
  }
  if (kind === "rename-namespace") {
    return (
      <RenameDialog
        title={`Rename namespace ${namespace.id}`}
        current={namespace.displayName}
        what="namespace"
        save={(displayName) => api.put(`/namespaces/${seg(namespace.id)}`, { displayName })}
        onClose={onClose}
        onRenamed={(name) => onChanged(`Namespace ${namespace.id} renamed to ${name}.`)}
      />
    );
  }
  if (kind === "delete-domain") {
    const label = `${domain.namespace}/${domain.domainId}`;
    return (
      <DeleteDialog
        title={`Delete ${label}?`}
        what="domain"
        remove={() => api.delete(path(domain))}
        onClose={onClose}
        onDeleted={() => onChanged(`Domain ${label} deleted.`)}
      >
        <p>
          This deletes the domain <strong>{domain.displayName}</strong> with all its users, models and chats, and closes
          its connections. It cannot be undone.
        </p>
      </DeleteDialog>
    );
  }
  return (
    <DeleteDialog
      title={`Delete namespace ${namespace.id}?`}
      what="namespace"
      remove={() => api.delete(`/namespaces/${seg(namespace.id)}`)}
      onClose={onClose}
      onDeleted={() => onChanged(`Namespace ${namespace.id} deleted.`)}
    >
      <p>
        This deletes the empty namespace <strong>{namespace.displayName}</strong>.
      </p>
    </DeleteDialog>
  );
}

function path(domain) {
  return `/domains/${seg(domain.namespace)}/${seg(domain.domainId)}`;
}

function DomainRow({ domain, onChanged, onRename, onDelete }) {
  const [availability, setAvailability] = useState(domain.status);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const label = `${domain.namespace}/${domain.domainId}`;
  const selectId = `availability-${domain.namespace}-${domain.domainId}`;
  const apply = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.put(`${path(domain)}/availability`, { availability });
      await onChanged(`Domain ${label} is now ${availability}.`);
    } catch (e) {
      setError(`Could not change the availability: ${e.message}`);
    }
    setBusy(false);
  };
  return (
    <tr data-domain={label}>
      <th scope="row">
        <Link to={domainPath(domain.namespace, domain.domainId)}>{domain.displayName}</Link>
      </th>
      <td>
        <code>{domain.domainId}</code>
      </td>
      <td>
        <form class="inline" onSubmit={apply}>
          <label for={selectId} class="visually-hidden">
            Availability of {label}
          </label>
          <select
            id={selectId}
            name="availability"
            value={availability}
            onChange={(e) => setAvailability(e.currentTarget.value)}
          >
            {AVAILABILITY.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
          <button
            type="submit"
            disabled={busy || availability === domain.status}
            aria-label={`Set availability of ${label}`}
          >
            Set
          </button>
        </form>
        <span class={`badge ${domain.status}`}>{domain.status}</span>
        <Message error>{error}</Message>
      </td>
      <td class="row-actions">
        <button type="button" onClick={onRename} aria-label={`Rename ${label}`}>
          Rename
        </button>
        <button type="button" class="danger" onClick={onDelete} aria-label={`Delete ${label}`}>
          Delete
        </button>
      </td>
    </tr>
  );
}

function NewNamespace({ onCreated }) {
  const [id, setId] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [error, setError] = useState(null);
  const submit = async (event) => {
    event.preventDefault();
    setError(null);
    try {
      await api.post("/namespaces", { id, displayName: displayName || id });
      setId("");
      setDisplayName("");
      await onCreated(id);
    } catch (e) {
      setError(`Could not create the namespace: ${e.message}`);
    }
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="new-namespace">
      <h2 id="new-namespace">New namespace</h2>
      <Field label="Namespace id" id="namespace-id" required value={id} onInput={(e) => setId(e.currentTarget.value)} />
      <Field
        label="Namespace name"
        id="namespace-name"
        hint="Optional; the id when empty."
        value={displayName}
        onInput={(e) => setDisplayName(e.currentTarget.value)}
      />
      <Message error>{error}</Message>
      <button type="submit">Create namespace</button>
    </form>
  );
}

function NewDomain({ namespaces, onCreated }) {
  const [namespace, setNamespace] = useState("");
  const [id, setId] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [error, setError] = useState(null);
  const chosen = namespace || namespaces[0]?.id || "";
  const submit = async (event) => {
    event.preventDefault();
    setError(null);
    try {
      const domain = await api.post("/domains", { namespace: chosen, id, displayName: displayName || id });
      setId("");
      setDisplayName("");
      await onCreated(domain);
    } catch (e) {
      setError(`Could not create the domain: ${e.message}`);
    }
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="new-domain">
      <h2 id="new-domain">New domain</h2>
      <div class="field">
        <label for="domain-namespace">Namespace</label>
        <select id="domain-namespace" value={chosen} onChange={(e) => setNamespace(e.currentTarget.value)} required>
          {namespaces.map((n) => (
            <option key={n.id} value={n.id}>
              {n.displayName} ({n.id})
            </option>
          ))}
        </select>
      </div>
      <Field label="Domain id" id="domain-id" required value={id} onInput={(e) => setId(e.currentTarget.value)} />
      <Field
        label="Domain name"
        id="domain-name"
        hint="Optional; the id when empty."
        value={displayName}
        onInput={(e) => setDisplayName(e.currentTarget.value)}
      />
      <Message error>{error}</Message>
      <button type="submit" disabled={!chosen}>
        Create domain
      </button>
    </form>
  );
}

function RenameDialog({ title, current, what, save, onClose, onRenamed }) {
  const [name, setName] = useState(current);
  const [error, setError] = useState(null);
  const submit = async (event) => {
    event.preventDefault();
    setError(null);
    try {
      await save(name);
      await onRenamed(name);
    } catch (e) {
      setError(`Could not rename the ${what}: ${e.message}`);
    }
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit}>
        <Field
          label="Display name"
          id="rename-name"
          required
          autofocus
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <Message error>{error}</Message>
        <div class="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="primary">
            Rename
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteDialog({ title, what, remove, onClose, onDeleted, children }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await remove();
      await onDeleted();
    } catch (e) {
      setError(`Could not delete the ${what}: ${e.message}`);
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      title={title}
      confirmLabel={`Delete ${what}`}
      onConfirm={confirm}
      onClose={onClose}
      busy={busy}
      error={error}
    >
      {children}
    </ConfirmDialog>
  );
}
