// Per-user permission entries of a collection or a model, through the REST API's own routes
// (`<path>/permissions/user/{username}`: PUT sets a user's entry, DELETE removes it); and a model's own world
// permissions with the switch that makes them replace its collection's (`permissions/override`, `permissions/world`).
// An entry of a user's own replaces what everyone may do, for that user.
import { useState } from "preact/hooks";
import { api, seg } from "../api.js";
import { useLoad } from "../load.js";
import { Check, Field, Message, onSubmit, useAction } from "../ui.jsx";

/** The permissions a model can grant (a collection's add "create"). */
export const MODEL_PERMISSIONS = ["read", "write", "remove", "manage"];

const none = (names) => Object.fromEntries(names.map((n) => [n, false]));

function Checks({ names, value, onChange, labelOf }) {
  return (
    <div class="checks">
      {names.map((p) => (
        <Check
          key={p}
          label={p}
          aria-label={labelOf ? labelOf(p) : undefined}
          checked={Boolean(value[p])}
          onChange={(on) => onChange({ ...value, [p]: on })}
        />
      ))}
    </div>
  );
}

function UserEntry({ path, names, username, permissions, onChanged }) {
  const [value, setValue] = useState(permissions);
  const action = useAction(`Could not change the entry of ${username}`);
  const userPath = `${path}/permissions/user/${seg(username)}`;
  return (
    <tr data-permission-user={username}>
      <th scope="row">{username}</th>
      <td>
        <Checks names={names} value={value} onChange={setValue} labelOf={(p) => `${p} for ${username}`} />
        <Message error>{action.error}</Message>
      </td>
      <td class="actions">
        <button
          type="button"
          disabled={action.busy}
          aria-label={`Save the permissions of ${username}`}
          onClick={() =>
            action.run(async () => {
              await api.put(userPath, value);
              await onChanged(`Permissions of ${username} saved.`);
            })
          }
        >
          Save
        </button>
        <button
          type="button"
          class="danger"
          disabled={action.busy}
          aria-label={`Remove the entry of ${username}`}
          onClick={() =>
            action.run(async () => {
              await api.delete(userPath);
              await onChanged(`The entry of ${username} is removed.`);
            })
          }
        >
          Remove
        </button>
      </td>
    </tr>
  );
}

/**
 * The per-user entries of `what` (e.g. "collection notes"), at `path` (the collection's or model's REST path);
 * `entries` is [{username, permissions}]; onChanged(message) reloads them.
 */
export function UserPermissions({ what, path, names, entries, onChanged }) {
  const [username, setUsername] = useState("");
  const [value, setValue] = useState(none(names));
  const add = useAction("Could not add the entry");
  const headingId = `user-permissions-${what.replace(/\W+/g, "-")}`;
  const submit = () =>
    add.run(async () => {
      const name = username.trim();
      if (!name) throw new Error("a username is required");
      await api.put(`${path}/permissions/user/${seg(name)}`, value);
      setUsername("");
      setValue(none(names));
      await onChanged(`Permissions of ${name} saved.`);
    });
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>Users with permissions of their own in {what}</h3>
      {entries.length === 0 ? (
        <p>No user has an entry of their own: everyone gets what everyone may do.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Per-user permissions in {what}</caption>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">May</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              // keyed by the entry's value too: a reload after a change shows the saved state
              <UserEntry
                key={`${e.username}:${JSON.stringify(e.permissions)}`}
                path={path}
                names={names}
                username={e.username}
                permissions={e.permissions}
                onChanged={onChanged}
              />
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={onSubmit(submit)}>
        <fieldset>
          <legend>Give a user permissions of their own in {what}</legend>
          <Field
            label="Username"
            name="permission-username"
            required
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
          <Checks names={names} value={value} onChange={setValue} />
        </fieldset>
        <Message error>{add.error}</Message>
        <button type="submit" disabled={add.busy} aria-label={`Add user entry in ${what}`}>
          Add user entry
        </button>
      </form>
    </section>
  );
}

/** A model's permissions: its own world permissions (when they replace the collection's) and per-user entries. */
export function ModelPermissions({ path, modelId }) {
  const settings = useLoad(() => api.get(`${path}/permissions`), [path]);
  const [notice, setNotice] = useState(null);
  const s = settings.data;
  const reload = async (message) => {
    await settings.reload();
    setNotice(message);
  };
  return (
    <section aria-labelledby="model-permissions-heading">
      <h2 id="model-permissions-heading">Permissions</h2>
      <Message>{notice}</Message>
      <Message error>{settings.error && `The permissions could not be read: ${settings.error.message}`}</Message>
      {s && (
        <>
          <ModelWorld
            key={JSON.stringify([s.overrideWorld, s.worldPermissions])}
            path={path}
            modelId={modelId}
            override={s.overrideWorld}
            world={s.worldPermissions}
            onChanged={reload}
          />
          <UserPermissions
            what={`model ${modelId}`}
            path={path}
            names={MODEL_PERMISSIONS}
            entries={s.userPermissions.map((e) => ({ username: e.userId, permissions: e.permissions }))}
            onChanged={reload}
          />
        </>
      )}
    </section>
  );
}

function ModelWorld({ path, modelId, override, world, onChanged }) {
  const [own, setOwn] = useState(override);
  const [value, setValue] = useState(world);
  const action = useAction("Could not save the permissions");
  const save = () =>
    action.run(async () => {
      // the world permissions first: once the switch is on they apply at once
      await api.put(`${path}/permissions/world`, value);
      await api.put(`${path}/permissions/override`, { overrideWorld: own });
      await onChanged(`Permissions of ${modelId} saved.`);
    });
  return (
    <form onSubmit={onSubmit(save)}>
      <fieldset>
        <legend>What everyone may do with {modelId}</legend>
        <Check label="Its own permissions (instead of its collection's)" checked={own} onChange={setOwn} />
        <Checks names={MODEL_PERMISSIONS} value={value} onChange={setValue} />
      </fieldset>
      <Message error>{action.error}</Message>
      <button type="submit" disabled={action.busy} aria-label={`Save what everyone may do with ${modelId}`}>
        Save
      </button>
    </form>
  );
}
