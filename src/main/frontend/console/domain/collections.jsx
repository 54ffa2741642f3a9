// A domain's collections: list, create, delete; for each, what everyone may do (world permissions) and whether its
// models follow their own snapshot policy instead of the domain's.
import { useState } from "preact/hooks";
import { api, seg } from "../api.js";
import { useLoad } from "../load.js";
import { Link } from "../router.jsx";
import { UserPermissions } from "./permissions.jsx";
import { Check, ConfirmDialog, Field, Message, onSubmit, useAction } from "../ui.jsx";
import { SnapshotPolicyFields } from "./snapshot.jsx";

const PERMISSIONS = ["create", "read", "write", "remove", "manage"];

export function Collections({ base, to }) {
  const collections = useLoad(() => api.get(`${base}/collections?limit=100`));
  const [notice, setNotice] = useState(null);
  const [deleting, setDeleting] = useState(null);
  const changed = (text) => {
    setNotice(text);
    setDeleting(null);
    return collections.reload();
  };
  return (
    <>
      <h1 tabindex="-1">Collections</h1>
      <Message>{notice}</Message>
      <Message error>{collections.error && `The collections could not be read: ${collections.error.message}`}</Message>
      <NewCollection base={base} onCreated={(id) => changed(`Collection ${id} created.`)} />
      {collections.data && collections.data.length === 0 && <p>No collections yet.</p>}
      {collections.data?.map((c) => (
        <Collection
          key={c.id}
          base={base}
          collection={c}
          modelsLink={`${to("models")}?collection=${seg(c.id)}`}
          onChanged={changed}
          onDelete={() => setDeleting(c)}
        />
      ))}
      {deleting && (
        <DeleteCollection base={base} collection={deleting} onClose={() => setDeleting(null)} onDeleted={changed} />
      )}
    </>
  );
}

function NewCollection({ base, onCreated }) {
  const [id, setId] = useState("");
  const [description, setDescription] = useState("");
  const action = useAction("Could not create the collection");
  const submit = () =>
    action.run(async () => {
      await api.post(`${base}/collections`, { id, description });
      setId("");
      setDescription("");
      await onCreated(id);
    });
  return (
    <form class="card" onSubmit={onSubmit(submit)} aria-labelledby="new-collection">
      <h2 id="new-collection">New collection</h2>
      <p class="hint">Everyone may do everything in a new collection until you change its permissions.</p>
      <div class="forms">
        <Field
          label="Collection id"
          id="collection-id"
          required
          value={id}
          onInput={(e) => setId(e.currentTarget.value)}
        />
        <Field
          label="Description"
          id="collection-description"
          value={description}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
      </div>
      <Message error>{action.error}</Message>
      <button type="submit" class="primary" disabled={action.busy}>
        Create collection
      </button>
    </form>
  );
}

function Collection({ base, collection, modelsLink, onChanged, onDelete }) {
  const [world, setWorld] = useState(collection.worldPermissions);
  const [override, setOverride] = useState(collection.overrideSnapshotPolicy);
  const [policy, setPolicy] = useState(collection.snapshotPolicy);
  const permissions = useAction("Could not save the permissions");
  const snapshots = useAction("Could not save the snapshot settings");
  const path = `${base}/collections/${seg(collection.id)}`;
  const savePermissions = () =>
    permissions.run(async () => {
      await api.put(`${path}/permissions/world`, world);
      await onChanged(`Permissions of ${collection.id} saved.`);
    });
  const saveSnapshots = () =>
    snapshots.run(async () => {
      // PUT replaces the whole collection: send its other parts as they are
      await api.put(path, {
        description: collection.description,
        worldPermissions: collection.worldPermissions,
        userPermissions: collection.userPermissions,
        overrideSnapshotPolicy: override,
        snapshotPolicy: policy,
      });
      await onChanged(`Snapshot settings of ${collection.id} saved.`);
    });
  const headingId = `collection-${collection.id}`;
  const users = Object.entries(collection.userPermissions ?? {});
  return (
    <section class="card" aria-labelledby={headingId} data-collection={collection.id}>
      <div class="section-head">
        <h2 id={headingId}>{collection.id}</h2>
        <Link to={modelsLink}>Models</Link>
        <button type="button" class="danger" onClick={onDelete} aria-label={`Delete collection ${collection.id}`}>
          Delete
        </button>
      </div>
      {collection.description && <p>{collection.description}</p>}
      <form onSubmit={onSubmit(savePermissions)}>
        <fieldset>
          <legend>What everyone may do in {collection.id}</legend>
          <div class="checks">
            {PERMISSIONS.map((p) => (
              <Check key={p} label={p} checked={world[p]} onChange={(value) => setWorld({ ...world, [p]: value })} />
            ))}
          </div>
        </fieldset>
        <Message error>{permissions.error}</Message>
        <button type="submit" disabled={permissions.busy} aria-label={`Save permissions of ${collection.id}`}>
          Save permissions
        </button>
      </form>
      <UserPermissions
        what={`collection ${collection.id}`}
        path={path}
        names={PERMISSIONS}
        entries={users.map(([username, permissions]) => ({ username, permissions }))}
        onChanged={onChanged}
      />
      <form onSubmit={onSubmit(saveSnapshots)}>
        <fieldset>
          <legend>Snapshots of {collection.id}</legend>
          <Check label="Own snapshot policy (instead of the domain's)" checked={override} onChange={setOverride} />
          <SnapshotPolicyFields
            policy={policy}
            onChange={setPolicy}
            idPrefix={`collection-${collection.id}`}
            disabled={!override}
          />
        </fieldset>
        <Message error>{snapshots.error}</Message>
        <button type="submit" disabled={snapshots.busy} aria-label={`Save snapshot settings of ${collection.id}`}>
          Save snapshot settings
        </button>
      </form>
    </section>
  );
}

function DeleteCollection({ base, collection, onClose, onDeleted }) {
  const action = useAction("Could not delete the collection");
  const confirm = () =>
    action.run(async () => {
      await api.delete(`${base}/collections/${seg(collection.id)}`);
      await onDeleted(`Collection ${collection.id} deleted.`);
    });
  return (
    <ConfirmDialog
      title={`Delete collection ${collection.id}?`}
      confirmLabel="Delete collection"
      onConfirm={confirm}
      onClose={onClose}
      busy={action.busy}
      error={action.error}
    >
      <p>
        This deletes the collection <strong>{collection.id}</strong> and every model in it. It cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
