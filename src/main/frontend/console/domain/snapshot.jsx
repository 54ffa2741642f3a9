// The fields of a model snapshot policy (Convergence's ModelSnapshotPolicyData; times in milliseconds, shown in
// seconds), shared by a domain's settings and a collection's override.
import { Check, Field } from "../ui.jsx";

export function SnapshotPolicyFields({ policy, onChange, idPrefix, disabled }) {
  const set = (name) => (value) => onChange({ ...policy, [name]: value });
  const number = (name, scale = 1) => ({
    type: "number",
    min: 0,
    disabled,
    value: policy[name] / scale,
    onInput: (e) => set(name)(Math.round(Number(e.currentTarget.value) * scale)),
  });
  return (
    <div class="checks">
      <Check
        label="Take snapshots"
        checked={policy.snapshotsEnabled}
        onChange={set("snapshotsEnabled")}
        disabled={disabled}
      />
      <Check
        label="Every so many versions"
        checked={policy.triggerByVersion}
        onChange={set("triggerByVersion")}
        disabled={disabled}
      />
      <Field label="Versions between snapshots" id={`${idPrefix}-max-versions`} {...number("maximumVersionInterval")} />
      <Check
        label="At most one snapshot per so many versions"
        checked={policy.limitByVersion}
        onChange={set("limitByVersion")}
        disabled={disabled}
      />
      <Field
        label="Fewest versions between snapshots"
        id={`${idPrefix}-min-versions`}
        {...number("minimumVersionInterval")}
      />
      <Check
        label="Every so many seconds"
        checked={policy.triggerByTime}
        onChange={set("triggerByTime")}
        disabled={disabled}
      />
      <Field label="Seconds between snapshots" id={`${idPrefix}-max-time`} {...number("maximumTimeInterval", 1000)} />
      <Check
        label="At most one snapshot per so many seconds"
        checked={policy.limitByTime}
        onChange={set("limitByTime")}
        disabled={disabled}
      />
      <Field
        label="Fewest seconds between snapshots"
        id={`${idPrefix}-min-time`}
        {...number("minimumTimeInterval", 1000)}
      />
    </div>
  );
}
