// A storm of edits by several real rc.12 clients, with automatic reconnect on as an app would have it, for the crash
// tests (tests/crash.test.mjs) and the long soak run (soak/crash.mjs): the server under them is killed or stopped and
// started again on the same port, and afterwards every acknowledged edit must be there and every client must agree.
//
// Each edit pushes a token ("<client>-<n>", unique) onto the "log" array of one of the models. A client's version only
// moves when the server acknowledges (or relays) an operation, and its in-flight operations leave its queue in order,
// so after every version change the tokens of that model it pushed minus those still in flight are the acknowledged
// ones: the server promised to keep them.
import { Convergence, closeSockets, trackedOptions } from "./client.mjs";
import { canonical, random, sleep } from "./models.mjs";

/** One client's view of one model, with what it pushed onto it and how much of that the server acknowledged. */
class Tracked {
  constructor(model) {
    this.attach(model);
  }

  attach(model) {
    this.model = model;
    this.pushed = [];
    this.ackedCount = 0;
    this.online = true;
    // Events of a model object this one replaced (see StormClient#watch) no longer count.
    model.on("version_changed", () => {
      if (this.model !== model) return;
      // In-flight operations of a model are acknowledged in the order they were made (rc.12 checks that).
      const inFlight = model._concurrencyControl.getInFlightOperations().length;
      this.ackedCount = Math.max(this.ackedCount, this.pushed.length - inFlight);
    });
    model.on("offline", () => {
      if (this.model === model) this.online = false;
    });
    model.on("online", () => {
      if (this.model === model) this.online = true;
    });
  }

  inFlight() {
    return this.pushed.length - this.ackedCount;
  }
}

class StormClient {
  constructor(name, url, rng) {
    this.name = name;
    this.url = url;
    this.rng = rng;
    this.sockets = [];
    this.closes = []; // { code, reason, at } of each socket's close, in order
    this.models = new Map(); // model id -> Tracked
    this.acked = new Set(); // tokens the server acknowledged, over every model object this client had
    this.unknown = new Set(); // pushed on a model object the client lost (see reopen): the server may have them
    this.counter = 0;
    this.reloads = 0;
    this.reopening = new Set();
  }

  async connect() {
    const options = trackedOptions(this.sockets, {
      // Retry every second, so that a client finds the restarted server within a second of it being up (the
      // default schedule waits up to 30 s between attempts).
      reconnect: { autoReconnect: true, reconnectIntervals: [0, 1] },
    });
    const factory = options.webSocket.factory;
    options.webSocket.factory = (url) => {
      const socket = factory(url);
      socket.on("close", (code, reason) => this.closes.push({ code, reason: String(reason), at: Date.now() }));
      return socket;
    };
    this.domain = await Convergence.connectAnonymously(this.url, this.name, options);
  }

  async open(id, create) {
    const model = create
      ? await this.domain.models().openAutoCreate({ collection: "storm", id, data: { log: [] } })
      : await this.domain.models().open(id);
    const tracked = this.models.get(id);
    if (tracked) tracked.attach(model);
    else this.models.set(id, new Tracked(model));
    this.watch(id, model);
  }

  /**
   * rc.12 defect (PROTOCOL §6.2): when the server committed an operation but died before its acknowledgement left,
   * the resync replays that operation under the client's old session id, the client takes it for the ack, fails its
   * sequence number check and starts closing the model ("concurrency control error"). That close never completes
   * (rc.12 waits for acknowledgements of operations it will never resend), every further replayed operation makes it
   * throw "already closing", and the model cannot be opened again in that client. What a user can do is reload the
   * page: this client does the same, a new connection that opens its models again. The edits still in flight in the
   * old one are gone from the client (never acknowledged, so nothing promised is lost; the server may or may not
   * have them).
   */
  watch(id, model) {
    const service = this.domain.models();
    model.on("error", (e) => {
      if (!/concurrency control/i.test(e.message) || this.stopped) return;
      service._resourceIdToModelId.delete(model._getResourceId()); // no more "already closing" throws
      this.reload();
    });
  }

  reload() {
    if (this.reloading) return;
    this.reloading = true;
    this.reloads++;
    for (const tracked of this.models.values()) {
      this.absorb(tracked);
      for (const token of tracked.pushed.slice(tracked.ackedCount)) this.unknown.add(token);
      tracked.pushed = [];
      tracked.ackedCount = 0;
      this.reopening.add(tracked.model.modelId());
    }
    const old = { domain: this.domain, sockets: this.sockets.splice(0) };
    (async () => {
      try {
        await Promise.race([old.domain.dispose(), sleep(5_000)]);
      } catch {
        // it is broken; its sockets are closed below
      }
      closeSockets(old.sockets);
      while (!this.stopped) {
        try {
          await this.connect();
          for (const id of this.models.keys()) await this.open(id, false);
          this.reopening.clear();
          break;
        } catch {
          // The server may be down again: drop this attempt and try until it is back.
          try {
            await Promise.race([this.domain?.dispose(), sleep(2_000)]);
          } catch {
            // nothing to close
          }
          closeSockets(this.sockets);
          await sleep(500);
        }
      }
      this.reloading = false;
    })();
  }

  absorb(tracked) {
    for (const token of tracked.pushed.slice(0, tracked.ackedCount)) this.acked.add(token);
  }

  edit() {
    // rc.12: between the socket closing and the client noticing (its close handler runs as a task of its own), an
    // edit throws "Can't send messages because the WebSocket is not open" from inside an rxjs subscriber, which
    // reports it as an uncaught exception. A person cannot type in that instant; the storm skips it too.
    const socket = this.sockets[this.sockets.length - 1];
    if (this.domain.isConnected() && socket && socket.readyState !== socket.OPEN) return;
    const ids = [...this.models.keys()].filter((id) => !this.reopening.has(id));
    if (ids.length === 0) return;
    const tracked = this.models.get(this.rng.pick(ids));
    const token = `${this.name}-${this.counter++}`;
    tracked.pushed.push(token);
    tracked.model.elementAt("log").push(token);
  }

  /** Every token this client knows the server acknowledged. */
  acknowledged() {
    const all = new Set(this.acked);
    for (const tracked of this.models.values()) {
      for (const token of tracked.pushed.slice(0, tracked.ackedCount)) all.add(token);
    }
    return all;
  }

  inFlight() {
    let n = 0;
    for (const tracked of this.models.values()) n += tracked.inFlight();
    return n;
  }

  ready() {
    return (
      this.domain.isConnected() &&
      this.reopening.size === 0 &&
      [...this.models.values()].every((t) => t.online && t.model.isOpen())
    );
  }

  async dispose() {
    this.stopped = true;
    try {
      // Also when it is not connected: disconnecting first cancels its scheduled reconnect attempts, whose timers
      // would keep the test process alive; then it may throw (it has no connection to close), which is fine.
      await Promise.race([this.domain?.dispose(), sleep(10_000)]);
    } catch {
      // its sockets are closed below
    }
    closeSockets(this.sockets);
  }
}

/**
 * Several clients editing several models. `url` is the realtime URL (the server must come back on the same one),
 * `seed` makes the choices of model and pacing repeatable.
 */
export class Storm {
  /** `urls`, if given, instead of `url`: client i connects to urls[i % urls.length] (clients on several nodes). */
  constructor({ url, urls = [url], clients = 3, models = 2, seed = 1, prefix = "storm" }) {
    this.url = urls[0];
    this.rng = random(seed);
    this.ids = Array.from({ length: models }, (_, i) => `${prefix}-${seed}-${Date.now()}-${i}`);
    this.clients = Array.from(
      { length: clients },
      (_, i) => new StormClient(`c${i}`, urls[i % urls.length], random(seed * 31 + i)),
    );
    this.timer = null;
  }

  async start() {
    for (const client of this.clients) await client.connect();
    for (const id of this.ids) {
      for (const [i, client] of this.clients.entries()) await client.open(id, i === 0);
    }
  }

  /** Starts editing: every few milliseconds each client pushes one to three tokens. */
  resume() {
    if (this.timer) return;
    this.timer = setInterval(() => {
      for (const client of this.clients) {
        const n = 1 + this.rng.int(3);
        for (let k = 0; k < n; k++) client.edit();
      }
    }, 5);
  }

  pause() {
    clearInterval(this.timer);
    this.timer = null;
  }

  /** Operations the clients made that the server has not acknowledged yet. */
  inFlight() {
    return this.clients.reduce((n, c) => n + c.inFlight(), 0);
  }

  /** How many edits the server acknowledged so far, over every client. */
  acknowledged() {
    return this.clients.reduce((n, c) => n + c.acknowledged().size, 0);
  }

  /** How many edits the clients made so far. */
  edits() {
    return this.clients.reduce((n, c) => n + c.counter, 0);
  }

  /** Resolves once every client is connected with every model open and online again (after a restart). */
  async online(timeoutMillis) {
    const deadline = Date.now() + timeoutMillis;
    while (!this.clients.every((c) => c.ready())) {
      if (Date.now() > deadline) {
        throw new Error(
          "clients not back online: " +
            this.clients
              .map(
                (c) =>
                  `${c.name} connected=${c.domain.isConnected()} ` +
                  [...c.models.entries()]
                    .map(
                      ([id, t]) => `${id}:${t.online ? "online" : "offline"}/${t.model.isOpen() ? "open" : "closed"}`,
                    )
                    .join(","),
              )
              .join("; "),
        );
      }
      await sleep(50);
    }
  }

  /**
   * Stops editing and waits until every client has everything acknowledged and all of them show each model at the
   * same version with the same data. Returns, per model, that version and log.
   */
  async settle(timeoutMillis) {
    this.pause();
    const deadline = Date.now() + timeoutMillis;
    let stableSince = 0;
    let last = "";
    for (;;) {
      const ready = this.clients.every((c) => c.ready() && [...c.models.values()].every((t) => t.model.isCommitted()));
      const key = ready
        ? this.ids
            .map((id) =>
              this.clients
                .map((c) => {
                  const m = c.models.get(id).model;
                  return `${m.version()}:${canonical(m.root().toJSON())}`;
                })
                .join("|"),
            )
            .join("||")
        : "";
      const agreed =
        ready &&
        this.ids.every((id) => {
          const views = this.clients.map((c) => {
            const m = c.models.get(id).model;
            return `${m.version()}:${canonical(m.root().toJSON())}`;
          });
          return views.every((v) => v === views[0]);
        });
      if (agreed && key === last && Date.now() - stableSince > 500) break;
      if (key !== last) stableSince = Date.now();
      last = key;
      if (Date.now() > deadline) {
        throw new Error(
          "clients did not converge: " +
            this.ids
              .map(
                (id) =>
                  id +
                  " " +
                  this.clients
                    .map((c) => {
                      const t = c.models.get(id);
                      return (
                        `${c.name}: v${t.model.version()} open=${t.model.isOpen()} online=${t.online} committed=${t.model.isCommitted()} ` +
                        `len=${t.model.isOpen() ? t.model.elementAt("log").length() : "-"}`
                      );
                    })
                    .join(", "),
              )
              .join("; "),
        );
      }
      await sleep(50);
    }
    const result = {};
    for (const id of this.ids) {
      const m = this.clients[0].models.get(id).model;
      result[id] = { version: m.version(), log: m.elementAt("log").value() };
    }
    return result;
  }

  /**
   * Checks settled models against what the clients were told: every acknowledged token is there exactly once, no
   * token is there twice or was never pushed, and each model has one version per token (push is one operation).
   * Returns counts for a summary and a list of problems (empty when all is well).
   */
  check(models) {
    const problems = [];
    const acked = new Set();
    const pushed = new Set();
    for (const client of this.clients) {
      for (const token of client.acknowledged()) acked.add(token);
      for (let n = 0; n < client.counter; n++) pushed.add(`${client.name}-${n}`);
    }
    const seen = new Map();
    for (const [id, { version, log }] of Object.entries(models)) {
      if (log.length !== version - 1) problems.push(`${id}: ${log.length} tokens at version ${version}`);
      for (const token of log) seen.set(token, (seen.get(token) || 0) + 1);
    }
    const lost = [...acked].filter((t) => !seen.has(t));
    const twice = [...seen].filter(([, n]) => n > 1).map(([t]) => t);
    const foreign = [...seen.keys()].filter((t) => !pushed.has(t));
    if (lost.length) problems.push(`${lost.length} acknowledged tokens lost, e.g. ${lost.slice(0, 5)}`);
    if (twice.length) problems.push(`${twice.length} tokens applied twice, e.g. ${twice.slice(0, 5)}`);
    if (foreign.length) problems.push(`${foreign.length} tokens nobody pushed, e.g. ${foreign.slice(0, 5)}`);
    return {
      edits: pushed.size,
      acknowledged: acked.size,
      kept: seen.size,
      lost: lost.length,
      reloads: this.clients.reduce((n, c) => n + c.reloads, 0),
      problems,
    };
  }

  /**
   * Per client, the closes its sockets saw so far, in order, as { code, reason, at } (failed reconnect attempts count
   * too: 1006).
   */
  closes() {
    return this.clients.map((c) => [...c.closes]);
  }

  async dispose() {
    this.pause();
    for (const client of this.clients) await client.dispose();
  }
}
