// The server's users and their server roles: search, create (with a role and a password), change a role (POST
// /roles/server), set a password, delete after a confirmation. Everyone may read the list; only a Server Admin
// changes it (the server refuses anyone else, and the page says so).
import { useState } from "preact/hooks";
import { api, seg, session } from "./api.js";
import { useLoad } from "./load.js";
import { ConfirmDialog, Dialog, Field, Message, onSubmit, useAction, when } from "./ui.jsx";

export const ROLES = ["Server Admin", "Domain Admin", "Developer"];

export function ServerUsers() {
  const [filter, setFilter] = useState("");
  const [search, setSearch] = useState("");
  const users = useLoad(() => api.get(`/users?limit=100${search ? `&filter=${seg(search)}` : ""}`), [search]);
  const [notice, setNotice] = useState(null);
  const [dialog, setDialog] = useState(null);
  const changed = (text) => {
    setNotice(text);
    setDialog(null);
    return users.reload();
  };
  const me = session.username();
  return (
    <>
      <h1 tabindex="-1">Server users</h1>
      <Message>{notice}</Message>
      <Message error>{users.error && `The users could not be read: ${users.error.message}`}</Message>
      <NewServerUser onCreated={(name) => changed(`User ${name} created.`)} />
      <form class="toolbar" role="search" onSubmit={onSubmit(() => setSearch(filter.trim()))}>
        <Field
          label="Search server users"
          id="server-user-search"
          type="search"
          value={filter}
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
        <button type="submit">Search</button>
      </form>
      {users.data && users.data.length > 0 && (
        <table>
          <caption class="visually-hidden">Server users</caption>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Display name</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">Server role</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <ServerUserRow
                key={u.username}
                user={u}
                self={u.username === me}
                onChanged={changed}
                onPassword={() => setDialog({ kind: "password", user: u })}
                onDelete={() => setDialog({ kind: "delete", user: u })}
              />
            ))}
          </tbody>
        </table>
      )}
      {dialog?.kind === "password" && (
        <ServerPassword user={dialog.user} onClose={() => setDialog(null)} onSaved={changed} />
      )}
      {dialog?.kind === "delete" && (
        <DeleteServerUser user={dialog.user} onClose={() => setDialog(null)} onDeleted={changed} />
      )}
    </>
  );
}

function ServerUserRow({ user, self, onChanged, onPassword, onDelete }) {
  const [role, setRole] = useState(user.serverRole);
  const action = useAction("Could not change the role");
  const selectId = `role-${user.username}`;
  const apply = () =>
    action.run(async () => {
      await api.post("/roles/server", { [user.username]: role });
      await onChanged(`${user.username} is now ${role}.`);
    });
  return (
    <tr data-server-user={user.username}>
      <th scope="row">
        {user.username}
        {self && " (you)"}
      </th>
      <td>{user.displayName ?? "—"}</td>
      <td>{when(user.lastLogin)}</td>
      <td>
        <form class="inline" onSubmit={onSubmit(apply)}>
          <label for={selectId} class="visually-hidden">
            Server role of {user.username}
          </label>
          <select id={selectId} value={role} disabled={self} onChange={(e) => setRole(e.currentTarget.value)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <button
            type="submit"
            disabled={self || action.busy || role === user.serverRole}
            aria-label={`Set server role of ${user.username}`}
          >
            Set
          </button>
        </form>
        <Message error>{action.error}</Message>
      </td>
      <td class="row-actions">
        <button type="button" onClick={onPassword} aria-label={`Set password of ${user.username}`}>
          Password
        </button>
        {!self && (
          <button type="button" class="danger" onClick={onDelete} aria-label={`Delete ${user.username}`}>
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}

const EMPTY = { username: "", displayName: "", email: "", password: "", serverRole: "Developer" };

function NewServerUser({ onCreated }) {
  const [user, setUser] = useState(EMPTY);
  const action = useAction("Could not create the user");
  const set = (name) => (e) => setUser({ ...user, [name]: e.currentTarget.value });
  const submit = () =>
    action.run(async () => {
      const body = Object.fromEntries(Object.entries(user).filter(([, v]) => v !== ""));
      await api.post("/users", body);
      setUser(EMPTY);
      await onCreated(user.username);
    });
  return (
    <details class="card">
      <summary>New server user</summary>
      <form onSubmit={onSubmit(submit)} aria-label="New server user">
        <div class="forms">
          <Field label="Username" id="new-server-username" required value={user.username} onInput={set("username")} />
          <Field label="Display name" id="new-server-display" value={user.displayName} onInput={set("displayName")} />
          <Field label="Email" id="new-server-email" type="email" value={user.email} onInput={set("email")} />
          <Field
            label="Password"
            id="new-server-password"
            type="password"
            autocomplete="new-password"
            required
            value={user.password}
            onInput={set("password")}
          />
          <div class="field">
            <label for="new-server-role">Server role</label>
            <select id="new-server-role" value={user.serverRole} onChange={set("serverRole")}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
        </div>
        <Message error>{action.error}</Message>
        <button type="submit" class="primary" disabled={action.busy}>
          Create server user
        </button>
      </form>
    </details>
  );
}

function ServerPassword({ user, onClose, onSaved }) {
  const [password, setPassword] = useState("");
  const action = useAction("Could not set the password");
  const submit = () =>
    action.run(async () => {
      await api.post(`/users/${seg(user.username)}/password`, { password });
      await onSaved(`Password of ${user.username} set.`);
    });
  return (
    <Dialog title={`Set the password of ${user.username}`} onClose={onClose}>
      <form onSubmit={onSubmit(submit)}>
        <Field
          label="New password"
          id="server-set-password"
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

function DeleteServerUser({ user, onClose, onDeleted }) {
  const action = useAction("Could not delete the user");
  const confirm = () =>
    action.run(async () => {
      await api.delete(`/users/${seg(user.username)}`);
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
        This deletes the server user <strong>{user.username}</strong>, their sessions and API keys.
      </p>
    </ConfirmDialog>
  );
}
