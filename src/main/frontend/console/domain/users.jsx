// A domain's users: search (GET .../users?filter=), create, edit (names, email, disabled), set a password, and delete
// after a confirmation.
import { useState } from "preact/hooks";
import { api, seg } from "../api.js";
import { useLoad } from "../load.js";
import { Check, ConfirmDialog, Dialog, Field, Message, onSubmit, useAction } from "../ui.jsx";

export function Users({ base }) {
  const [filter, setFilter] = useState("");
  const [search, setSearch] = useState("");
  const users = useLoad(() => api.get(`${base}/users?limit=100${search ? `&filter=${seg(search)}` : ""}`), [search]);
  const [notice, setNotice] = useState(null);
  const [dialog, setDialog] = useState(null);
  const changed = (text) => {
    setNotice(text);
    setDialog(null);
    return users.reload();
  };
  return (
    <>
      <h1 tabindex="-1">Users</h1>
      <Message>{notice}</Message>
      <Message error>{users.error && `The users could not be read: ${users.error.message}`}</Message>
      <NewUser base={base} onCreated={(name) => changed(`User ${name} created.`)} />
      <form class="toolbar" role="search" onSubmit={onSubmit(() => setSearch(filter.trim()))}>
        <Field
          label="Search users"
          hint="Part of a username, display name or email."
          id="user-search"
          type="search"
          value={filter}
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
        <button type="submit">Search</button>
      </form>
      {users.data && users.data.length === 0 && <p>No users{search ? ` match “${search}”` : ""}.</p>}
      {users.data && users.data.length > 0 && (
        <table>
          <caption class="visually-hidden">Users</caption>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Display name</th>
              <th scope="col">Email</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u.username} data-user={u.username}>
                <th scope="row">{u.username}</th>
                <td>{u.displayName ?? "—"}</td>
                <td>{u.email ?? "—"}</td>
                <td>{u.disabled ? "disabled" : "enabled"}</td>
                <td class="row-actions">
                  <button
                    type="button"
                    onClick={() => setDialog({ kind: "edit", user: u })}
                    aria-label={`Edit ${u.username}`}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    onClick={() => setDialog({ kind: "password", user: u })}
                    aria-label={`Set password of ${u.username}`}
                  >
                    Password
                  </button>
                  <button
                    type="button"
                    class="danger"
                    onClick={() => setDialog({ kind: "delete", user: u })}
                    aria-label={`Delete ${u.username}`}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog?.kind === "edit" && (
        <EditUser base={base} user={dialog.user} onClose={() => setDialog(null)} onSaved={changed} />
      )}
      {dialog?.kind === "password" && (
        <SetPassword base={base} user={dialog.user} onClose={() => setDialog(null)} onSaved={changed} />
      )}
      {dialog?.kind === "delete" && (
        <DeleteUser base={base} user={dialog.user} onClose={() => setDialog(null)} onDeleted={changed} />
      )}
    </>
  );
}

const EMPTY = { username: "", displayName: "", firstName: "", lastName: "", email: "", password: "" };

/** Empty strings are left out: the API takes a missing field as "none". */
function compact(fields) {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ""));
}

function NewUser({ base, onCreated }) {
  const [user, setUser] = useState(EMPTY);
  const action = useAction("Could not create the user");
  const set = (name) => (e) => setUser({ ...user, [name]: e.currentTarget.value });
  const submit = () =>
    action.run(async () => {
      await api.post(`${base}/users`, compact(user));
      setUser(EMPTY);
      await onCreated(user.username);
    });
  return (
    <details class="card">
      <summary>New user</summary>
      <form onSubmit={onSubmit(submit)} aria-label="New user">
        <div class="forms">
          <Field label="Username" id="new-user-username" required value={user.username} onInput={set("username")} />
          <Field label="Display name" id="new-user-display" value={user.displayName} onInput={set("displayName")} />
          <Field label="First name" id="new-user-first" value={user.firstName} onInput={set("firstName")} />
          <Field label="Last name" id="new-user-last" value={user.lastName} onInput={set("lastName")} />
          <Field label="Email" id="new-user-email" type="email" value={user.email} onInput={set("email")} />
          <Field
            label="Password"
            id="new-user-password"
            type="password"
            autocomplete="new-password"
            hint="Optional: without one the user signs in by JWT only."
            value={user.password}
            onInput={set("password")}
          />
        </div>
        <Message error>{action.error}</Message>
        <button type="submit" class="primary" disabled={action.busy}>
          Create user
        </button>
      </form>
    </details>
  );
}

function EditUser({ base, user, onClose, onSaved }) {
  const [fields, setFields] = useState({
    displayName: user.displayName ?? "",
    firstName: user.firstName ?? "",
    lastName: user.lastName ?? "",
    email: user.email ?? "",
  });
  const [disabled, setDisabled] = useState(user.disabled);
  const action = useAction("Could not save the user");
  const set = (name) => (e) => setFields({ ...fields, [name]: e.currentTarget.value });
  const submit = () =>
    action.run(async () => {
      await api.put(`${base}/users/${seg(user.username)}`, { ...compact(fields), disabled });
      await onSaved(`User ${user.username} saved.`);
    });
  return (
    <Dialog title={`Edit ${user.username}`} onClose={onClose}>
      <form onSubmit={onSubmit(submit)}>
        <Field label="Display name" id="edit-user-display" value={fields.displayName} onInput={set("displayName")} />
        <Field label="First name" id="edit-user-first" value={fields.firstName} onInput={set("firstName")} />
        <Field label="Last name" id="edit-user-last" value={fields.lastName} onInput={set("lastName")} />
        <Field label="Email" id="edit-user-email" type="email" value={fields.email} onInput={set("email")} />
        <Check label="Disabled (cannot sign in)" checked={disabled} onChange={setDisabled} />
        <Message error>{action.error}</Message>
        <div class="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={action.busy}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function SetPassword({ base, user, onClose, onSaved }) {
  const [password, setPassword] = useState("");
  const action = useAction("Could not set the password");
  const submit = () =>
    action.run(async () => {
      await api.put(`${base}/users/${seg(user.username)}/password`, { password });
      await onSaved(`Password of ${user.username} set.`);
    });
  return (
    <Dialog title={`Set the password of ${user.username}`} onClose={onClose}>
      <form onSubmit={onSubmit(submit)}>
        <Field
          label="New password"
          id="set-password"
          type="password"
          autocomplete="new-password"
          required
          autofocus
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <Message error>{action.error}</Message>
        <div class="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={action.busy}>
            Set password
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteUser({ base, user, onClose, onDeleted }) {
  const action = useAction("Could not delete the user");
  const confirm = () =>
    action.run(async () => {
      await api.delete(`${base}/users/${seg(user.username)}`);
      await onDeleted(`User ${user.username} deleted.`);
    });
  return (
    <ConfirmDialog
      title={`Delete ${user.username}?`}
      confirmLabel="Delete user"
      onConfirm={confirm}
      onClose={onClose}
      busy={action.busy}
      error={action.error}
    >
      <p>
        This deletes the user <strong>{user.username}</strong>. It cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
