// A domain's groups: create (id, description), add and remove members, delete after a confirmation.
import { useState } from "preact/hooks";
import { api, seg } from "../api.js";
import { useLoad } from "../load.js";
import { ConfirmDialog, Field, Message, onSubmit, useAction } from "../ui.jsx";

export function Groups({ base }) {
  const groups = useLoad(() => api.get(`${base}/groups?limit=100`));
  const [notice, setNotice] = useState(null);
  const [deleting, setDeleting] = useState(null);
  const changed = (text) => {
    setNotice(text);
    setDeleting(null);
    return groups.reload();
  };
  return (
    <>
      <h1 tabindex="-1">Groups</h1>
      <Message>{notice}</Message>
      <Message error>{groups.error && `The groups could not be read: ${groups.error.message}`}</Message>
      <NewGroup base={base} onCreated={(id) => changed(`Group ${id} created.`)} />
      {groups.data && groups.data.length === 0 && <p>No groups yet.</p>}
      {groups.data?.map((g) => (
        <Group key={g.id} base={base} group={g} onChanged={changed} onDelete={() => setDeleting(g)} />
      ))}
      {deleting && <DeleteGroup base={base} group={deleting} onClose={() => setDeleting(null)} onDeleted={changed} />}
    </>
  );
}

function NewGroup({ base, onCreated }) {
  const [id, setId] = useState("");
  const [description, setDescription] = useState("");
  const action = useAction("Could not create the group");
  const submit = () =>
    action.run(async () => {
      await api.post(`${base}/groups`, { id, description, members: [] });
      setId("");
      setDescription("");
      await onCreated(id);
    });
  return (
    <form class="card" onSubmit={onSubmit(submit)} aria-labelledby="new-group">
      <h2 id="new-group">New group</h2>
      <div class="forms">
        <Field label="Group id" id="group-id" required value={id} onInput={(e) => setId(e.currentTarget.value)} />
        <Field
          label="Description"
          id="group-description"
          value={description}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
      </div>
      <Message error>{action.error}</Message>
      <button type="submit" class="primary" disabled={action.busy}>
        Create group
      </button>
    </form>
  );
}

function Group({ base, group, onChanged, onDelete }) {
  const [member, setMember] = useState("");
  const action = useAction("Could not change the members");
  const path = `${base}/groups/${seg(group.id)}/members`;
  const add = () =>
    action.run(async () => {
      await api.put(`${path}/${seg(member.trim())}`);
      setMember("");
      await onChanged(`${member.trim()} added to ${group.id}.`);
    });
  const remove = (username) =>
    action.run(async () => {
      await api.delete(`${path}/${seg(username)}`);
      await onChanged(`${username} removed from ${group.id}.`);
    });
  const headingId = `group-${group.id}`;
  return (
    <section class="card" aria-labelledby={headingId} data-group={group.id}>
      <div class="section-head">
        <h2 id={headingId}>{group.id}</h2>
        <button type="button" class="danger" onClick={onDelete} aria-label={`Delete group ${group.id}`}>
          Delete
        </button>
      </div>
      {group.description && <p>{group.description}</p>}
      <h3>Members</h3>
      {group.members.length === 0 ? (
        <p>No members.</p>
      ) : (
        <ul class="members">
          {group.members.map((m) => (
            <li key={m}>
              {m}{" "}
              <button type="button" onClick={() => remove(m)} aria-label={`Remove ${m} from ${group.id}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="toolbar" onSubmit={onSubmit(add)}>
        <Field
          label={`Add a member to ${group.id}`}
          id={`add-member-${group.id}`}
          placeholder="username"
          required
          value={member}
          onInput={(e) => setMember(e.currentTarget.value)}
        />
        <button type="submit" disabled={action.busy}>
          Add member
        </button>
      </form>
      <Message error>{action.error}</Message>
    </section>
  );
}

function DeleteGroup({ base, group, onClose, onDeleted }) {
  const action = useAction("Could not delete the group");
  const confirm = () =>
    action.run(async () => {
      await api.delete(`${base}/groups/${seg(group.id)}`);
      await onDeleted(`Group ${group.id} deleted.`);
    });
  return (
    <ConfirmDialog
      title={`Delete group ${group.id}?`}
      confirmLabel="Delete group"
      onConfirm={confirm}
      onClose={onClose}
      busy={action.busy}
      error={action.error}
    >
      <p>
        This deletes the group <strong>{group.id}</strong>; its members keep their accounts.
      </p>
    </ConfirmDialog>
  );
}
