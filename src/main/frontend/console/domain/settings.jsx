// A domain's settings: anonymous sign-in, how long reconnect tokens last, whether a model made in a missing
// collection creates it, and the snapshot policy of models whose collection has none of its own.
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { useLoad } from "../load.js";
import { Check, Field, Message, onSubmit, useAction } from "../ui.jsx";
import { SnapshotPolicyFields } from "./snapshot.jsx";

export function DomainSettings({ base }) {
  const settings = useLoad(async () => {
    const [anonymous, reconnect, collection, policy] = await Promise.all([
      api.get(`${base}/config/anonymousAuth`),
      api.get(`${base}/config/reconnect`),
      api.get(`${base}/config/collection`),
      api.get(`${base}/config/modelSnapshotPolicy`),
    ]);
    return {
      anonymous: anonymous.enabled,
      minutes: reconnect.tokenValidityMinutes,
      autoCreate: collection.autoCreate,
      policy,
    };
  });
  return (
    <>
      <h1 tabindex="-1">Settings</h1>
      <Message error>{settings.error && `The settings could not be read: ${settings.error.message}`}</Message>
      {settings.data && <SettingsForm base={base} initial={settings.data} />}
    </>
  );
}

function SettingsForm({ base, initial }) {
  const [anonymous, setAnonymous] = useState(initial.anonymous);
  const [minutes, setMinutes] = useState(String(initial.minutes));
  const [autoCreate, setAutoCreate] = useState(initial.autoCreate);
  const [policy, setPolicy] = useState(initial.policy);
  const [notice, setNotice] = useState(null);
  const action = useAction("Could not save the settings");
  const save = () =>
    action.run(async () => {
      setNotice(null);
      await api.put(`${base}/config/anonymousAuth`, { enabled: anonymous });
      await api.put(`${base}/config/reconnect`, { tokenValidityMinutes: Number(minutes) });
      await api.put(`${base}/config/collection`, { autoCreate });
      await api.put(`${base}/config/modelSnapshotPolicy`, policy);
      setNotice("Settings saved.");
    });
  return (
    <form onSubmit={onSubmit(save)}>
      <Message>{notice}</Message>
      <fieldset>
        <legend>Sign-in</legend>
        <Check label="Allow anonymous sign-in" checked={anonymous} onChange={setAnonymous} />
        <Field
          label="Reconnect tokens last (minutes)"
          id="reconnect-minutes"
          type="number"
          min="1"
          max="525600"
          required
          hint="A client that lost its connection comes back without its password within this time."
          value={minutes}
          onInput={(e) => setMinutes(e.currentTarget.value)}
        />
      </fieldset>
      <fieldset>
        <legend>Collections</legend>
        <Check
          label="A model made in a missing collection creates the collection"
          checked={autoCreate}
          onChange={setAutoCreate}
        />
      </fieldset>
      <fieldset>
        <legend>Model snapshots</legend>
        <SnapshotPolicyFields policy={policy} onChange={setPolicy} idPrefix="domain-snapshots" />
      </fieldset>
      <Message error>{action.error}</Message>
      <button type="submit" class="primary" disabled={action.busy}>
        Save settings
      </button>
    </form>
  );
}
