// The server dashboard: GET /api/rest/status (version, namespaces, domains, realtime sessions, cluster size), read
// again at each reading of the live charts beside it so that its figures stay as current as theirs, and, for a server
// administrator, the cluster's members (GET /api/rest/server/cluster); live charts of the metrics.
import { api } from "./api.js";
import { useLoad } from "./load.js";
import { MetricCharts } from "./metrics.jsx";
import { Message } from "./ui.jsx";

export function Dashboard() {
  const status = useLoad(() => api.get("/status"));
  // Only a server administrator may read the members: anyone else sees the count from the status alone.
  const cluster = useLoad(() => api.get("/server/cluster").catch((e) => (e.status === 403 ? null : Promise.reject(e))));
  const s = status.data;
  return (
    <>
      <h1 tabindex="-1">Server</h1>
      <Message error>{status.error && `The status could not be read: ${status.error.message}`}</Message>
      {s && (
        <dl class="stats" aria-label="Server status">
          <div>
            <dt>Version</dt>
            <dd id="stat-version">{s.version}</dd>
          </div>
          <div>
            <dt>Namespaces</dt>
            <dd id="stat-namespaces">{s.namespaces}</dd>
          </div>
          <div>
            <dt>Domains</dt>
            <dd id="stat-domains">{s.domains}</dd>
          </div>
          <div>
            <dt>Realtime sessions</dt>
            <dd id="stat-sessions">{s.realtimeConnections}</dd>
          </div>
          <div>
            <dt>Cluster members</dt>
            <dd id="stat-members">{s.clusterMembers}</dd>
          </div>
        </dl>
      )}
      <MetricCharts onTick={status.reload} />
      <h2>Cluster</h2>
      <Message error>{cluster.error && `The cluster could not be read: ${cluster.error.message}`}</Message>
      {cluster.loading && <p>Loading…</p>}
      {!cluster.loading && !cluster.data && !cluster.error && <p>Only a server administrator sees the members.</p>}
      {cluster.data && (
        <>
          <p>
            {cluster.data.clustered
              ? `Clustered as “${cluster.data.clusterName}”.`
              : "Clustering is off: this server is a cluster of one."}
          </p>
          <table>
            <caption class="visually-hidden">Cluster members</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Name</th>
                <th scope="col">Address</th>
                <th scope="col">This server</th>
              </tr>
            </thead>
            <tbody>
              {cluster.data.members.map((m) => (
                <tr key={m.id}>
                  <td>
                    <code>{m.id}</code>
                  </td>
                  <td>{m.name ?? "—"}</td>
                  <td>{m.address ?? "—"}</td>
                  <td>{m.local ? "yes" : "no"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
