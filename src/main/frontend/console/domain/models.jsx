// A domain's models: run a query in Tandem's query language (POST .../model-query), browse a collection's models,
// create a model from JSON; and one model's page: its data as a tree and as JSON source that saves through PUT
// .../models/ID, which the server applies through the model's single writer, so clients with the model open see the
// change as a remote edit.
import { useState } from "preact/hooks";
import { api, seg } from "../api.js";
import { useLoad } from "../load.js";
import { Link, navigate } from "../router.jsx";
import { ModelPermissions } from "./permissions.jsx";
import { Area, ConfirmDialog, Field, Message, onSubmit, useAction, when } from "../ui.jsx";

export function Models({ base, to }) {
  const collections = useLoad(() => api.get(`${base}/collections?limit=100`));
  const asked = new URLSearchParams(location.search).get("collection") ?? "";
  const [collection, setCollection] = useState(asked);
  const chosen = collection || collections.data?.[0]?.id || "";
  const [query, setQuery] = useState(asked ? `SELECT * FROM ${asked}` : "");
  const [results, setResults] = useState(null);
  const querying = useAction("The query failed");
  const browse = useLoad(
    () => (chosen ? api.get(`${base}/collections/${seg(chosen)}/models?limit=100`) : Promise.resolve([])),
    [chosen],
  );
  const run = () =>
    querying.run(async () => {
      setResults(null);
      setResults(await api.post(`${base}/model-query`, { query }));
    });
  return (
    <>
      <h1 tabindex="-1">Models</h1>
      <Message error>{collections.error && `The collections could not be read: ${collections.error.message}`}</Message>
      <form class="card" onSubmit={onSubmit(run)} aria-labelledby="model-query-heading">
        <h2 id="model-query-heading">Query</h2>
        <Area
          label="Model query"
          id="model-query"
          rows={2}
          required
          hint="For example: SELECT * FROM notes WHERE count > 1 ORDER BY count DESC LIMIT 10"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <Message error>{querying.error}</Message>
        <button type="submit" class="primary" disabled={querying.busy}>
          Run query
        </button>
      </form>
      {results && (
        <section aria-labelledby="query-results">
          <h2 id="query-results">
            Results: {results.totalResults} model{results.totalResults === 1 ? "" : "s"}
          </h2>
          <ModelTable models={results.data} to={to} caption="Query results" withData />
        </section>
      )}
      <section aria-labelledby="browse-heading">
        <h2 id="browse-heading">Browse by collection</h2>
        <div class="field">
          <label for="browse-collection">Collection</label>
          <select id="browse-collection" value={chosen} onChange={(e) => setCollection(e.currentTarget.value)}>
            {(collections.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.id}
              </option>
            ))}
          </select>
        </div>
        <Message error>{browse.error && `The models could not be read: ${browse.error.message}`}</Message>
        {browse.data && browse.data.length === 0 && <p>No models in {chosen || "this domain"}.</p>}
        {browse.data && browse.data.length > 0 && (
          <ModelTable models={browse.data} to={to} caption={`Models in ${chosen}`} />
        )}
      </section>
      <NewModel base={base} to={to} collections={collections.data ?? []} initial={chosen} />
    </>
  );
}

function ModelTable({ models, to, caption, withData }) {
  return (
    <table>
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Collection</th>
          <th scope="col">Version</th>
          <th scope="col">Modified</th>
          {withData && <th scope="col">Data</th>}
        </tr>
      </thead>
      <tbody>
        {models.map((m) => (
          <tr key={m.id} data-model={m.id}>
            <th scope="row">
              <Link to={to(`models/${seg(m.id)}`)}>{m.id}</Link>
            </th>
            <td>{m.collection}</td>
            <td>{m.version}</td>
            <td>{when(m.modifiedTime)}</td>
            {withData && (
              <td>
                <code>{JSON.stringify(m.data)}</code>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Parses JSON source for a model's data: an object, or an error message that says where the problem is. */
function parseData(source) {
  let data;
  try {
    data = JSON.parse(source);
  } catch (e) {
    throw new Error(`The data is not valid JSON: ${e.message}`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new Error("A model's data must be a JSON object.");
  }
  return data;
}

function NewModel({ base, to, collections, initial }) {
  const [collection, setCollection] = useState("");
  const [id, setId] = useState("");
  const [source, setSource] = useState("{}");
  const action = useAction("Could not create the model");
  const chosen = collection || initial;
  const submit = () =>
    action.run(async () => {
      const data = parseData(source);
      const created = await api.post(`${base}/models`, { collection: chosen, id: id || undefined, data });
      navigate(to(`models/${seg(created.id)}`));
    });
  return (
    <form class="card" onSubmit={onSubmit(submit)} aria-labelledby="new-model">
      <h2 id="new-model">New model</h2>
      <div class="forms">
        <div class="field">
          <label for="new-model-collection">Collection</label>
          <select
            id="new-model-collection"
            value={chosen}
            required
            onChange={(e) => setCollection(e.currentTarget.value)}
          >
            {collections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id}
              </option>
            ))}
          </select>
        </div>
        <Field
          label="Model id"
          id="new-model-id"
          hint="Optional: a new id when empty."
          value={id}
          onInput={(e) => setId(e.currentTarget.value)}
        />
      </div>
      <Area
        label="Data (JSON object)"
        id="new-model-data"
        rows={5}
        spellcheck={false}
        value={source}
        onInput={(e) => setSource(e.currentTarget.value)}
      />
      <Message error>{action.error}</Message>
      <button type="submit" class="primary" disabled={action.busy || !chosen}>
        Create model
      </button>
    </form>
  );
}

/** One model: metadata, the data as a tree, and the JSON source editor. */
export function Model({ base, to, modelId }) {
  const path = `${base}/models/${seg(modelId)}`;
  const model = useLoad(() => api.get(path));
  const [source, setSource] = useState(null);
  const [notice, setNotice] = useState(null);
  const [deleting, setDeleting] = useState(false);
  const saving = useAction("Could not save the model");
  const m = model.data;
  const shown = source ?? (m ? JSON.stringify(m.data, null, 2) : "");
  const save = () =>
    saving.run(async () => {
      const data = parseData(shown);
      await api.put(path, { data });
      setSource(null);
      await model.reload();
      setNotice(`Model ${modelId} saved.`);
    });
  const reload = async () => {
    setSource(null);
    setNotice(null);
    await model.reload();
  };
  return (
    <>
      <h1 tabindex="-1">
        Model <code>{modelId}</code>
      </h1>
      <p>
        <Link to={to("models")}>All models</Link>
      </p>
      <Message>{notice}</Message>
      <Message error>{model.error && `The model could not be read: ${model.error.message}`}</Message>
      {m && (
        <>
          <dl class="stats" aria-label="Model">
            <div>
              <dt>Collection</dt>
              <dd id="model-collection">{m.collection}</dd>
            </div>
            <div>
              <dt>Version</dt>
              <dd id="model-version">{m.version}</dd>
            </div>
            <div>
              <dt>Modified</dt>
              <dd class="small">{when(m.modifiedTime)}</dd>
            </div>
          </dl>
          <h2 id="tree-heading">Data</h2>
          <ul class="tree" aria-labelledby="tree-heading">
            <JsonEntries value={m.data} />
          </ul>
          <form onSubmit={onSubmit(save)} aria-labelledby="source-heading">
            <h2 id="source-heading">Source</h2>
            <Area
              label="Model data (JSON)"
              id="model-source"
              hint="Saving replaces the data; clients with the model open receive the change as an edit."
              rows={Math.min(24, shown.split("\n").length + 2)}
              spellcheck={false}
              value={shown}
              onInput={(e) => setSource(e.currentTarget.value)}
            />
            <Message error>{saving.error}</Message>
            <div class="toolbar">
              <button type="submit" class="primary" disabled={saving.busy || source === null}>
                Save model
              </button>
              <button type="button" onClick={reload}>
                Reload
              </button>
              <button type="button" class="danger" onClick={() => setDeleting(true)}>
                Delete model
              </button>
            </div>
          </form>
        </>
      )}
      {m && <ModelPermissions path={path} modelId={modelId} />}
      {m && <History key={m.version} path={path} current={m.version} />}
      {deleting && (
        <DeleteModel
          path={path}
          modelId={modelId}
          onClose={() => setDeleting(false)}
          after={() => navigate(to("models"))}
        />
      )}
    </>
  );
}

/**
 * The model's history: pick a version (a slider, or previous and next) and see the data as it was then, played back
 * on the server (GET .../versions/V).
 */
function History({ path, current }) {
  const [version, setVersion] = useState(current);
  const shown = useLoad(() => api.get(`${path}/versions/${version}`), [version]);
  const go = (v) => setVersion(Math.min(current, Math.max(1, v)));
  const [time, setTime] = useState("");
  const finding = useAction("No version at that time");
  // the version in force at a time the user picks (in the browser's time zone)
  const findTime = () =>
    finding.run(async () => {
      const at = await api.get(`${path}/versions?time=${new Date(time).getTime()}`);
      go(at.version);
    });
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <div class="toolbar">
        <div class="field">
          <label for="history-version">Version (1 to {current})</label>
          <input
            id="history-version"
            type="range"
            min="1"
            max={current}
            value={version}
            onInput={(e) => go(Number(e.currentTarget.value))}
          />
        </div>
        <button type="button" onClick={() => go(version - 1)} disabled={version <= 1}>
          Previous version
        </button>
        <button type="button" onClick={() => go(version + 1)} disabled={version >= current}>
          Next version
        </button>
      </div>
      <form class="toolbar" onSubmit={onSubmit(findTime)}>
        <Field
          label="The model as it was at"
          id="history-time"
          type="datetime-local"
          step="0.001"
          required
          value={time}
          onInput={(e) => setTime(e.currentTarget.value)}
        />
        <button type="submit" disabled={finding.busy}>
          Show that time
        </button>
      </form>
      <Message error>{finding.error}</Message>
      <Message error>{shown.error && `That version could not be read: ${shown.error.message}`}</Message>
      {shown.data && shown.data.version === version && (
        <>
          <p role="status" id="history-shown">
            Version {shown.data.version} of {shown.data.currentVersion}, made {when(shown.data.time)}
            {shown.data.version === 1 ? " (created)" : ""}.
          </p>
          <ul class="tree" aria-label={`Data at version ${shown.data.version}`}>
            <JsonEntries value={shown.data.data} />
          </ul>
        </>
      )}
    </section>
  );
}

/** The entries of an object or an array, as nested list items. */
function JsonEntries({ value }) {
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  if (entries.length === 0) return <li>{Array.isArray(value) ? "(empty list)" : "(empty object)"}</li>;
  return entries.map(([key, v]) => (
    <li key={key}>
      <span class="key">{Array.isArray(value) ? `[${key}]` : key}</span>: <JsonValue value={v} />
    </li>
  ));
}

function JsonValue({ value }) {
  if (value === null) return <span class="null">null</span>;
  if (typeof value === "object") {
    return (
      <ul>
        <JsonEntries value={value} />
      </ul>
    );
  }
  if (typeof value === "string") return <span class="string">{JSON.stringify(value)}</span>;
  return <span class={typeof value}>{String(value)}</span>;
}

function DeleteModel({ path, modelId, onClose, after }) {
  const action = useAction("Could not delete the model");
  const confirm = () =>
    action.run(async () => {
      await api.delete(path);
      after();
    });
  return (
    <ConfirmDialog
      title={`Delete model ${modelId}?`}
      confirmLabel="Delete model"
      onConfirm={confirm}
      onClose={onClose}
      busy={action.busy}
      error={action.error}
    >
      <p>This deletes the model; clients that have it open lose it. It cannot be undone.</p>
    </ConfirmDialog>
  );
}
