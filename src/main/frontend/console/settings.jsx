// The server's settings (GET /config, POST /config with the changed keys; a Server Admin's): namespaces, password
// rules, and how long an idle console session lasts. Each setting's input follows its type.
import { useState } from "preact/hooks";
import { api } from "./api.js";
import { useLoad } from "./load.js";
import { Check, Field, Message, onSubmit, useAction } from "./ui.jsx";

/** What each key means, for its label; a key the server adds later shows under its own name. */
const LABELS = {
  "namespaces.enabled": "Namespaces other than the default one may be used",
  "namespaces.user-namespaces-enabled": "Each user has a namespace of their own",
  "namespaces.default-namespace": "Default namespace",
  "passwords.minimum-length": "Passwords have at least this many characters",
  "passwords.require-numeric": "Passwords need a digit",
  "passwords.require-lower-case": "Passwords need a lower-case letter",
  "passwords.require-upper-case": "Passwords need an upper-case letter",
  "passwords.require-special-characters": "Passwords need a special character",
  "sessions.timeout": "Console and REST sessions end after this many idle minutes",
};

export function ServerSettings() {
  const config = useLoad(() => api.get("/config"));
  return (
    <>
      <h1 tabindex="-1">Server settings</h1>
      <Message error>
        {config.error &&
          (config.error.status === 403
            ? "Only a Server Admin sees and changes the server's settings."
            : `The settings could not be read: ${config.error.message}`)}
      </Message>
      {config.data && <SettingsForm initial={config.data} onSaved={config.reload} />}
    </>
  );
}

function SettingsForm({ initial, onSaved }) {
  const [values, setValues] = useState(initial);
  const [notice, setNotice] = useState(null);
  const action = useAction("Could not save the settings");
  const set = (key, value) => setValues({ ...values, [key]: value });
  const save = () =>
    action.run(async () => {
      setNotice(null);
      const changed = Object.fromEntries(Object.entries(values).filter(([key, value]) => value !== initial[key]));
      if (Object.keys(changed).length === 0) {
        setNotice("Nothing changed.");
        return;
      }
      await api.post("/config", changed);
      setNotice(`Saved: ${Object.keys(changed).join(", ")}.`);
      await onSaved();
    });
  return (
    <form onSubmit={onSubmit(save)}>
      <Message>{notice}</Message>
      {Object.entries(values).map(([key, value]) => {
        const label = LABELS[key] ?? key;
        if (typeof value === "boolean") {
          return <Check key={key} label={label} checked={value} onChange={(v) => set(key, v)} data-key={key} />;
        }
        return (
          <Field
            key={key}
            id={`setting-${key.replaceAll(".", "-")}`}
            label={label}
            hint={key}
            type={typeof value === "number" ? "number" : "text"}
            value={value}
            data-key={key}
            onInput={(e) => set(key, typeof value === "number" ? Number(e.currentTarget.value) : e.currentTarget.value)}
          />
        );
      })}
      <Message error>{action.error}</Message>
      <button type="submit" class="primary" disabled={action.busy}>
        Save settings
      </button>
    </form>
  );
}
