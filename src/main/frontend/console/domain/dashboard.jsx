// A domain's dashboard: its statistics (GET .../stats) and how a client connects to it (the realtime URL and a few
// lines of code for the client @convergence/convergence 1.0.0-rc.12).
import { api } from "../api.js";
import { useLoad } from "../load.js";
import { Message } from "../ui.jsx";

export function DomainDashboard({ namespace, domainId, label, base }) {
  const domain = useLoad(() => api.get(base));
  const stats = useLoad(() => api.get(`${base}/stats`));
  const url = `${location.origin}/api/realtime/${namespace}/${domainId}`;
  const snippet = `import { Convergence } from "@convergence/convergence";

const domain = await Convergence.connectAnonymously(
  "${url}",
  "A display name",
);
const model = await domain.models().openAutoCreate({
  collection: "notes",
  id: "first-note",
  data: { text: "Hello" },
});
model.root().get("text").value(); // "Hello"`;
  const s = stats.data;
  return (
    <>
      <h1 tabindex="-1">
        {domain.data?.displayName ?? domainId} <span class="id">({label})</span>
      </h1>
      <Message error>{domain.error && `The domain could not be read: ${domain.error.message}`}</Message>
      <Message error>{stats.error && `The statistics could not be read: ${stats.error.message}`}</Message>
      {domain.data && (
        <p>
          Availability: <span class={`badge ${domain.data.status}`}>{domain.data.status}</span>
        </p>
      )}
      {s && (
        <dl class="stats" aria-label="Domain statistics">
          <div>
            <dt>Connected sessions</dt>
            <dd id="stat-domain-sessions">{s.activeSessionCount}</dd>
          </div>
          <div>
            <dt>Users</dt>
            <dd id="stat-domain-users">{s.userCount}</dd>
          </div>
          <div>
            <dt>Models</dt>
            <dd id="stat-domain-models">{s.modelCount}</dd>
          </div>
        </dl>
      )}
      <h2>Connect a client</h2>
      <p>
        The realtime URL of this domain: <code id="realtime-url">{url}</code>
      </p>
      <p>
        With the JavaScript client <code>@convergence/convergence</code> 1.0.0-rc.12 (anonymous sign-in must be on in
        the domain's settings; otherwise use <code>connectWithPassword</code> or <code>connectWithJwt</code>):
      </p>
      <pre aria-label="Client code" tabindex="0">
        <code id="client-snippet">{snippet}</code>
      </pre>
    </>
  );
}
