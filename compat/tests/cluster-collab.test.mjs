// Issue 22, part 4: what clients share besides models, across the nodes of a cluster. Two nodes on one PostgreSQL
// database; clients of the real rc.12 client on each see one presence (a user connected to both nodes is one user
// with one state, a subscriber on one node hears changes made on the other), one chat (channels, direct chats and
// rooms) and one set of activities (participants and their states); when a node dies its users become unavailable
// and its sessions leave their activities for everyone else. Needs PostgreSQL (runs in the suite's PostgreSQL pass).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { clusterView, startCluster } from "../lib/cluster.mjs";
import { captureClientDefects, signal } from "../lib/crash.mjs";
import { Convergence, closeSockets, trackedOptions } from "../lib/client.mjs";
import { realtimeUrl } from "../lib/env.mjs";
import { sleep, until } from "../lib/models.mjs";
import { call, ok } from "../lib/rest.mjs";

const PASSWORD = "Cluster-user-1";
const database = process.env.TANDEM_COMPAT_DATABASE || "h2";
const skip =
  ((database !== "postgres" || !process.env.TANDEM_TEST_PG_HOST) && "needs PostgreSQL (runs in its pass)") ||
  (process.env.TANDEM_COMPAT_SERVER !== undefined && "starts its own nodes (runs in the suite's own passes)");

describe("presence, chat and activities across the nodes of a cluster", { skip, timeout: 600_000 }, () => {
  let cluster;
  let a;
  let b;
  const clients = [];
  const sockets = [];
  let defects;

  before(async () => {
    defects = captureClientDefects();
    cluster = await startCluster(["a", "b"]);
    [a, b] = cluster.nodes;
    // Users with a password, to connect as the same user to both nodes.
    for (const [username, displayName] of [
      ["dana", "Dana Dale"],
      ["eli", "Eli Eames"],
    ]) {
      ok(
        await call("POST", `http://127.0.0.1:${a.server.port}/api/rest/domains/convergence/default/users`, {
          auth: { session: a.token },
          body: { username, password: PASSWORD, displayName },
        }),
        201,
      );
    }
  });

  after(async () => {
    for (const client of clients) await client.dispose().catch(() => {});
    closeSockets(sockets);
    if (cluster) await cluster.stop();
    await sleep(500);
    defects?.release();
  });

  async function connect(node, name) {
    const url = realtimeUrl("convergence", "default", node.server.port);
    const options = trackedOptions(sockets);
    const client = ["dana", "eli"].includes(name)
      ? await Convergence.connectWithPassword(url, { username: name, password: PASSWORD }, options)
      : await Convergence.connectAnonymously(url, name, options);
    clients.push(client);
    return client;
  }

  // An anonymous user is named by its id (type and username): a bare username names a normal user.
  const userId = (client) => client.session().user().userId;
  const state = (presence) => Object.fromEntries(presence.state instanceof Map ? presence.state : presence.state());

  it("a subscriber on one node sees a user connected to the other, and its state, and one user on both nodes shares one state", async () => {
    const watcher = await connect(a, "Watcher on a");
    const danaOnB = await connect(b, "dana");
    const dana = await watcher.presence().subscribe("dana");
    assert.equal(dana.available, true, "dana is connected to b only");
    assert.equal(dana.user.displayName, "Dana Dale");

    danaOnB.presence().setState({ status: "busy", mood: { level: 3 } });
    await until(() => state(dana).status === "busy" && state(dana).mood?.level === 3, "b's state on a's subscriber");

    // dana connects to a too: the same user, so the same state, from the connection response on.
    const danaOnA = await connect(a, "dana");
    assert.deepEqual(state(danaOnA.presence()), { status: "busy", mood: { level: 3 } });
    danaOnA.presence().setState("status", "away");
    await until(() => state(danaOnB.presence()).status === "away", "a's change in dana's session on b");
    await until(() => state(dana).status === "away", "a's change on the subscriber");
    danaOnB.presence().removeState("mood");
    await until(() => !("mood" in state(danaOnA.presence())), "b's removal in dana's session on a");
    await until(() => !("mood" in state(dana)), "b's removal on the subscriber");

    // Both nodes answer a presence request the same way.
    const fromB = await (await connect(b, "Asker on b")).presence().presence("dana");
    assert.equal(fromB.available, true);
    assert.deepEqual(state(fromB), { status: "away" });

    // dana leaves b: still available (connected to a), state kept; then leaves a: unavailable, state gone.
    await danaOnB.dispose();
    await sleep(300);
    assert.equal(dana.available, true, "dana is still connected to a");
    assert.deepEqual(state(dana), { status: "away" });
    await danaOnA.dispose();
    await until(() => !dana.available, "dana unavailable once her last session, on a, closed");
    assert.deepEqual(state(dana), {});
    assert.deepEqual(defects.unknown.map(String), []);
  });

  it("a user follows another connected to the other node, both ways", async () => {
    const onA = await connect(a, "Ann on a");
    const onB = await connect(b, "Ben on b");
    const ben = await onA.presence().subscribe(userId(onB));
    const ann = await onB.presence().subscribe(userId(onA));
    assert.equal(ben.available, true);
    assert.equal(ann.available, true);
    onA.presence().setState("typing", true);
    onB.presence().setState("typing", false);
    await until(() => state(ann).typing === true && state(ben).typing === false, "each sees the other's state");
    await onB.dispose();
    await until(() => !ben.available, "Ben unavailable on a once he left b");
  });

  it("chat: a channel's, a direct chat's and a room's messages reach their members on the other node", async () => {
    const danaOnA = await connect(a, "dana");
    const eliOnB = await connect(b, "eli");
    const danaOnB = await connect(b, "dana");
    const heard = (domain) => {
      const events = [];
      for (const name of ["message", "user_joined", "user_left", "events_seen", "removed"]) {
        domain.chat().on(name, (e) => events.push(`${name} ${e.chatId} ${e.message ?? e.user?.username ?? ""}`));
      }
      return events;
    };
    const [atDanaA, atEliB, atDanaB] = [danaOnA, eliOnB, danaOnB].map(heard);

    // A channel created and joined on a; eli joins from b; each hears the other's messages.
    const channel = `channel-${crypto.randomUUID()}`;
    await danaOnA.chat().create({ id: channel, type: "channel", membership: "public", name: "C" });
    const fromA = await danaOnA.chat().join(channel);
    const fromB = await eliOnB.chat().join(channel);
    await until(() => atDanaA.includes(`user_joined ${channel} eli`), "a hears eli join on b");
    await fromA.send("hello from a");
    await fromB.send("hello from b");
    await until(() => atEliB.includes(`message ${channel} hello from a`), "b hears a's message");
    await until(() => atDanaA.includes(`message ${channel} hello from b`), "a hears b's message");
    await until(() => atDanaB.includes(`message ${channel} hello from b`), "dana's session on b hears it too");
    const history = await fromB.getHistory({ eventFilter: ["message"], limit: 10 });
    assert.deepEqual(
      history.data.map((e) => e.message).sort(),
      ["hello from a", "hello from b"],
      "one event each, numbered once",
    );

    // A direct chat between dana (on a and b) and eli (on b).
    const direct = await eliOnB.chat().direct("dana");
    await direct.send("psst");
    await until(() => atDanaA.includes(`message ${direct.info().chatId} psst`), "dana's session on a hears eli");

    // A room: joined on both nodes; a message from b reaches a's session; its removal reaches b.
    const room = `room-${crypto.randomUUID()}`;
    await danaOnA.chat().create({ id: room, type: "room", membership: "public", name: "R" });
    const roomA = await danaOnA.chat().join(room);
    const roomB = await eliOnB.chat().join(room);
    assert.deepEqual(
      roomB
        .info()
        .members.map((m) => m.user.username)
        .sort(),
      ["dana", "eli"],
      "a room's members are every node's joined sessions' users",
    );
    await roomB.send("in the room");
    await until(() => atDanaA.includes(`message ${room} in the room`), "a's room session hears b's message");
    await roomA.send("back at you");
    await until(() => atEliB.includes(`message ${room} back at you`), "b's room session hears a's message");
    await danaOnA.chat().remove(room);
    await until(() => atEliB.includes(`removed ${room} `), "b hears the room removed");
    assert.equal(
      atDanaB.filter((e) => e.includes(room)).length,
      0,
      "dana's session on b never joined the room: it hears nothing of it",
    );
  });

  it("activities: sessions on two nodes see each other join, change state and leave", async () => {
    const onA = await connect(a, "Ann on a");
    const onB = await connect(b, "Ben on b");
    const type = "cluster-doc";
    const id = `doc-${crypto.randomUUID()}`;
    const autoCreate = { ephemeral: true, worldPermissions: ["join", "lurk", "view_state", "set_state"] };
    const aAct = await onA.activities().join(type, id, { state: { color: "red" }, autoCreate });
    const events = [];
    for (const name of ["session_joined", "session_left", "state_set", "state_removed", "state_cleared"]) {
      aAct.on(name, (e) => events.push(`${name} ${e.sessionId === onB.session().sessionId() ? "ben" : e.sessionId}`));
    }
    const bAct = await onB.activities().join(type, id, { state: { color: "blue" }, autoCreate });
    const ann = onA.session().sessionId();
    const ben = onB.session().sessionId();
    assert.deepEqual(
      bAct
        .participants()
        .map((p) => p.sessionId)
        .sort(),
      [ann, ben].sort(),
      "b's join answer lists the session on a",
    );
    assert.deepEqual(Object.fromEntries(bAct.participant(ann).state), { color: "red" });
    assert.equal(bAct.participant(ann).user.displayName, "Ann on a");
    await until(() => events.includes("session_joined ben"), "a sees ben join on b");
    assert.deepEqual(Object.fromEntries(aAct.participant(ben).state), { color: "blue" });

    bAct.setState("cursor", 5);
    await until(() => Object.fromEntries(aAct.participant(ben).state).cursor === 5, "b's state on a");
    aAct.removeState("color");
    await until(() => !("color" in Object.fromEntries(bAct.participant(ann).state)), "a's removal on b");
    await bAct.leave();
    await until(() => events.includes("session_left ben"), "a sees ben leave");
    assert.deepEqual(
      aAct.participants().map((p) => p.sessionId),
      [ann],
    );
  });

  it("an administrator's disconnect made on one node closes the session on the other", async () => {
    const onB = await connect(b, "Disconnected on b");
    const sessionId = onB.session().sessionId();
    const lost = new Promise((resolve) => onB.on("interrupted", resolve));
    ok(
      await call(
        "DELETE",
        `http://127.0.0.1:${a.server.port}/api/rest/domains/convergence/default/sessions/${sessionId}`,
        { auth: { session: a.token } },
      ),
    );
    await Promise.race([
      lost,
      sleep(15_000).then(() => assert.fail("the session on b was not closed by the disconnect made on a")),
    ]);
  });

  it("the users of a node that dies become unavailable for the clients of the others", async () => {
    const watcher = await connect(a, "Watcher on a");
    const doomed = await connect(b, "Doomed on b");
    doomed.presence().setState("here", true);
    const seen = await watcher.presence().subscribe(userId(doomed));
    await until(() => state(seen).here === true, "the state of b's user on a");
    // Both in one activity too.
    const autoCreate = { ephemeral: true, worldPermissions: ["join", "lurk", "view_state", "set_state"] };
    const id = `doc-${crypto.randomUUID()}`;
    const watching = await watcher.activities().join("cluster-doc", id, { autoCreate });
    await doomed.activities().join("cluster-doc", id, { autoCreate });
    const doomedSession = doomed.session().sessionId();
    await until(
      () => watching.participants().some((p) => p.sessionId === doomedSession),
      "b's session in the activity on a",
    );
    // And one chat room: when b dies, a's session there hears b's user leave, as when a session closes.
    const room = `room-${crypto.randomUUID()}`;
    await watcher.chat().create({ id: room, type: "room", membership: "public", name: "Doomed" });
    const roomOnA = await watcher.chat().join(room);
    const joinedRoom = [];
    const leftRoom = [];
    roomOnA.on("user_joined", (e) => joinedRoom.push(e.user.username));
    roomOnA.on("user_left", (e) => leftRoom.push(e.user.username));
    await doomed.chat().join(room);
    await until(() => joinedRoom.includes(userId(doomed).username), "b's user joined the room, heard on a");
    // The admin API's views are the cluster's: a's session list shows b's session on b, a's status counts b's
    // sockets (as b last published them), and a's member list gives each node's figures.
    const onA = { auth: { session: a.token } };
    const sessionsRoute = `http://127.0.0.1:${a.server.port}/api/rest/domains/convergence/default/sessions`;
    const sessionOnA = async () => ok(await call("GET", `${sessionsRoute}/${doomedSession}`, onA));
    const view = await clusterView(a.server.port, a.token);
    const bMember = view.members.find((member) => !member.local);
    assert.equal((await sessionOnA()).node, bMember.id);
    assert.equal((await sessionOnA()).disconnected, null);
    await until(async () => {
      const members = (await clusterView(a.server.port, a.token)).members;
      return members.every((member) => member.realtimeConnections >= 1);
    }, "both nodes' connection counts in a's member list");
    const status = async () => (await (await fetch(`http://127.0.0.1:${a.server.port}/api/rest/status`)).json()).body;
    await until(async () => {
      const now = await status();
      return now.realtimeConnections > now.nodeRealtimeConnections;
    }, "b's sockets counted in a's status");
    const stats = async () =>
      ok(await call("GET", `http://127.0.0.1:${a.server.port}/api/rest/domains/convergence/default/stats`, onA));
    const activeBefore = (await stats()).activeSessionCount;
    const bSessions = ok(await call("GET", `${sessionsRoute}?excludeDisconnected=true&limit=1000`, onA)).filter(
      (session) => session.node === bMember.id,
    ).length;
    assert.ok(bSessions >= 1, "b's open sessions listed on a");
    await signal(b.server, "SIGKILL");
    // a notices after the data grid's failure timeout (5 s) and removes b's sessions from everyone's presence.
    await until(() => !seen.available, "b's user unavailable after b died", 60_000);
    assert.deepEqual(state(seen), {});
    assert.equal((await watcher.presence().presence(userId(doomed))).available, false);
    await until(
      () => !watching.participants().some((p) => p.sessionId === doomedSession),
      "b's session gone from the activity on a",
    );
    await until(() => leftRoom.includes(userId(doomed).username), "b's user left the room, heard on a");
    assert.deepEqual(
      roomOnA.info().members.map((m) => m.user.username),
      [userId(watcher).username],
    );
    // b could not record the end of its sessions; a, now the oldest member, did.
    await until(async () => (await sessionOnA()).disconnected !== null, "b's session ended in a's session list");
    assert.equal((await stats()).activeSessionCount, activeBefore - bSessions);
    await until(async () => {
      const now = await status();
      return now.realtimeConnections === now.nodeRealtimeConnections;
    }, "a's status counts a's sockets alone");
  });
});
