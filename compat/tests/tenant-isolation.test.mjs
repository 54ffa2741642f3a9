// Issue 19 (hostile-test findings as CI): tenant isolation over the realtime API. A user of convergence/default (A)
// names another domain's (B's) models, chats, activities, users and groups in every client message that names a
// resource, and gets an error or nothing: never B's data, its sessions or its users. Resources with the same ids in
// both domains stay apart. (The REST side, a Developer of A on every endpoint of another domain: rest-access.test.mjs.)
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { fixtures, realtimeUrl } from "../lib/env.mjs";
import { openRaw, toWs } from "../lib/raw.mjs";
import { adminLogin, call, ok, unique } from "../lib/rest.mjs";

const alice = fixtures.users.find((u) => u.username === "alice");
const SECRET = unique("b-secret").replace(/-/g, "");
const NORMAL = 0;
const B = { namespace: "compat", id: unique("iso") };
const ids = {
  collection: unique("b-collection"),
  model: unique("b-model"),
  chat: unique("b-chat"),
  activityType: "b-type",
  activity: unique("b-activity"),
  group: unique("b-group"),
  sharedModel: unique("shared-model"),
  sharedChat: unique("shared-chat"),
  sharedActivity: unique("shared-activity"),
};
const bee = { userType: NORMAL, username: unique("bee") };
const bob = { userType: NORMAL, username: "bob" }; // a user of the same name lives in A

/** A raw socket, logged in with a password. */
async function rawLogin(namespace, domain, username, password) {
  const raw = await openRaw(toWs(realtimeUrl(namespace, domain)));
  let next = 1;
  raw.ask = async (message) => {
    const id = next++;
    raw.send({ ...message, requestId: { value: id } });
    await raw.until((msgs) => msgs.some((m) => m.responseId?.value === id), 20_000);
    return raw.received.find((m) => m.responseId?.value === id);
  };
  const reply = await raw.ask({
    connectionRequest: { client: "isolation", clientVersion: "0", password: { username, password } },
  });
  assert.ok(reply.connectionResponse?.success, JSON.stringify(reply));
  raw.sessionId = reply.connectionResponse.success.sessionId;
  return raw;
}

const expectOk = (key) => (reply) => assert.ok(reply[key], JSON.stringify(reply));

let a; // alice in A
let b; // bee in B
let bobInB;
before(async () => {
  const admin = { session: await adminLogin() };
  const path = `/domains/${B.namespace}/${B.id}`;
  ok(
    await call("POST", "/domains", {
      auth: admin,
      body: { namespace: B.namespace, id: B.id, displayName: SECRET, anonymousAuth: false },
    }),
    201,
  );
  ok(
    await call("POST", `${path}/users`, {
      auth: admin,
      body: { username: bee.username, password: "bee-secret-1", displayName: SECRET, email: `${SECRET}@b.example` },
    }),
    201,
  );
  ok(
    await call("POST", `${path}/users`, {
      auth: admin,
      body: { username: "bob", password: "bob-in-b-1", displayName: SECRET },
    }),
    201,
  );
  ok(
    await call("POST", `${path}/groups`, {
      auth: admin,
      body: { id: ids.group, description: SECRET, members: [bee.username, "bob"] },
    }),
    201,
  );
  ok(
    await call("POST", `${path}/collections`, {
      auth: admin,
      body: {
        id: ids.collection,
        worldPermissions: { create: true, read: true, write: true, remove: true, manage: true },
      },
    }),
    201,
  );

  // B's live resources, all carrying the secret.
  b = await rawLogin(B.namespace, B.id, bee.username, "bee-secret-1");
  bobInB = await rawLogin(B.namespace, B.id, "bob", "bob-in-b-1");
  const data = { id: "@:0", children: { secret: { stringValue: { id: "@:1", value: SECRET } } } };
  for (const modelId of [ids.model, ids.sharedModel]) {
    expectOk("createRealTimeModelResponse")(
      await b.ask({ createRealTimeModelRequest: { collectionId: ids.collection, modelId: { value: modelId }, data } }),
    );
    expectOk("openRealTimeModelResponse")(await b.ask({ openRealTimeModelRequest: { modelId: { value: modelId } } }));
  }
  for (const chatId of [ids.chat, ids.sharedChat]) {
    expectOk("createChatResponse")(
      await b.ask({
        createChatRequest: {
          chatId: { value: chatId },
          chatType: "channel",
          membership: "public",
          name: SECRET,
          topic: SECRET,
        },
      }),
    );
    expectOk("joinChatResponse")(await b.ask({ joinChatRequest: { chatId } }));
    expectOk("publishChatMessageResponse")(await b.ask({ publishChatMessageRequest: { chatId, message: SECRET } }));
  }
  for (const activityId of [ids.activity, ids.sharedActivity]) {
    expectOk("activityJoinResponse")(
      await b.ask({
        activityJoinRequest: {
          activityType: ids.activityType,
          activityId,
          state: { secret: { stringValue: SECRET } },
          autoCreateData: { ephemeral: false, worldPermissions: ["join", "view_state", "set_state"] },
        },
      }),
    );
  }
  b.send({ presenceSetState: { state: { secret: { stringValue: SECRET } } } });
  bobInB.send({ presenceSetState: { state: { secret: { stringValue: SECRET } } } });
  await b.ask({ serverTimeRequest: {} });
  await bobInB.ask({ serverTimeRequest: {} });

  a = await rawLogin("convergence", "default", alice.username, alice.password);
});
after(() => {
  for (const raw of [a, b, bobInB]) raw?.close();
});

const refused = (reply) => assert.ok(reply.error?.code, `expected an error, got ${JSON.stringify(reply)}`);
const chatTarget = { chat: { id: ids.chat } };
const activityTarget = { activity: { type: ids.activityType, id: ids.activity } };

/** Every client request that names a resource, aimed at B's: the reply, and what it must be. */
const probes = [
  // models
  ["openRealTimeModelRequest", () => ({ modelId: { value: ids.model } }), refused],
  ["deleteRealtimeModelRequest", () => ({ modelId: ids.model }), refused],
  ["historicalDataRequest", () => ({ modelId: ids.model }), refused],
  ["historicalOperationsRequest", () => ({ modelId: ids.model, first: 1, last: 1 }), refused],
  [
    "modelGetVersionAtTimeRequest",
    () => ({ modelId: ids.model, targetTime: { seconds: Math.floor(Date.now() / 1000) } }),
    refused,
  ],
  ["getModelPermissionsRequest", () => ({ modelId: ids.model }), refused],
  [
    "setModelPermissionsRequest",
    () => ({ modelId: ids.model, worldPermissions: { read: true, write: true, remove: true, manage: true } }),
    refused,
  ],
  ["modelResyncRequest", () => ({ modelId: ids.model, contextVersion: 1 }), refused],
  [
    "modelsQueryRequest",
    () => ({ query: `SELECT * FROM ${ids.collection}` }),
    (reply) => assert.ok(reply.error || !reply.modelsQueryResponse?.models?.length, JSON.stringify(reply)),
  ],
  // chats
  ["joinChatRequest", () => ({ chatId: ids.chat }), refused],
  ["leaveChatRequest", () => ({ chatId: ids.chat }), refused],
  ["removeChatRequest", () => ({ chatId: ids.chat }), refused],
  [
    "getChatsRequest",
    () => ({ chatIds: [ids.chat] }),
    (reply) => assert.ok(reply.error || !reply.getChatsResponse?.chatInfo?.length, JSON.stringify(reply)),
  ],
  [
    "chatsExistRequest",
    () => ({ chatIds: [ids.chat] }),
    (reply) => assert.ok(reply.error || !reply.chatsExistResponse?.exists?.[0], JSON.stringify(reply)),
  ],
  ["getChatHistoryRequest", () => ({ chatId: ids.chat }), refused],
  [
    "chatsSearchRequest",
    () => ({ searchTerm: SECRET, searchFields: ["name", "topic"] }),
    (reply) => assert.ok(reply.error || !reply.chatsSearchResponse?.data?.length, JSON.stringify(reply)),
  ],
  ["publishChatMessageRequest", () => ({ chatId: ids.chat, message: "from A" }), refused],
  ["setChatNameRequest", () => ({ chatId: ids.chat, name: "renamed from A" }), refused],
  ["setChatTopicRequest", () => ({ chatId: ids.chat, topic: "from A" }), refused],
  ["markChatEventsSeenRequest", () => ({ chatId: ids.chat, eventNumber: 0 }), refused],
  ["addUserToChatRequest", () => ({ chatId: ids.chat, userToAdd: { userType: NORMAL, username: "alice" } }), refused],
  ["removeUserFromChatRequest", () => ({ chatId: ids.chat, userToRemove: bee }), refused],
  ["getDirectChatsRequest", () => ({ userLists: [{ values: [bee] }] }), refused],
  // chat and activity permissions
  ["getPermissionsRequest", () => ({ target: chatTarget }), refused],
  ["addPermissionsRequest", () => ({ target: chatTarget, world: ["join"] }), refused],
  ["setPermissionsRequest", () => ({ target: chatTarget, world: ["join"] }), refused],
  ["removePermissionsRequest", () => ({ target: chatTarget, world: ["join"] }), refused],
  [
    "resolvePermissionsForConnectedSessionRequest",
    () => ({ target: chatTarget }),
    (reply) =>
      assert.ok(
        reply.error || !reply.resolvePermissionsForConnectedSessionResponse?.permissions?.length,
        JSON.stringify(reply),
      ),
  ],
  ["getPermissionsRequest", () => ({ target: activityTarget }), refused],
  ["setPermissionsRequest", () => ({ target: activityTarget, world: ["join"] }), refused],
  // activities
  ["activityJoinRequest", () => ({ activityType: ids.activityType, activityId: ids.activity }), refused],
  [
    "activityParticipantsRequest",
    () => ({ activityType: ids.activityType, activityId: ids.activity }),
    (reply) =>
      assert.ok(
        reply.error || !Object.keys(reply.activityParticipantsResponse?.state ?? {}).length,
        JSON.stringify(reply),
      ),
  ],
  ["activityDeleteRequest", () => ({ activityType: ids.activityType, activityId: ids.activity }), refused],
  // identity and presence
  [
    "usersGetRequest",
    () => ({ userIds: [bee] }),
    (reply) => assert.ok(reply.error || !reply.userListResponse?.userData?.length, JSON.stringify(reply)),
  ],
  [
    "userSearchRequest",
    () => ({ fields: [1, 2, 3, 4, 5], value: SECRET }),
    (reply) => assert.ok(reply.error || !reply.userListResponse?.userData?.length, JSON.stringify(reply)),
  ],
  [
    "userSearchRequest",
    () => ({ fields: [1], value: bee.username }),
    (reply) => assert.ok(reply.error || !reply.userListResponse?.userData?.length, JSON.stringify(reply)),
  ],
  ["userGroupsRequest", () => ({ ids: [ids.group] }), refused],
  ["userGroupsForUsersRequest", () => ({ users: [bee] }), refused],
  [
    "presenceRequest",
    () => ({ users: [bee, bob] }),
    (reply) => {
      for (const presence of reply.presenceResponse?.userPresences ?? []) {
        assert.ok(!presence.available || presence.user.username === "bob", JSON.stringify(presence));
        assert.equal(Object.keys(presence.state ?? {}).length, 0, JSON.stringify(presence));
      }
    },
  ],
  [
    "presenceSubscribeRequest",
    () => ({ users: [bee, bob] }),
    (reply) => {
      for (const presence of reply.presenceSubscribeResponse?.userPresences ?? []) {
        assert.equal(Object.keys(presence.state ?? {}).length, 0, JSON.stringify(presence));
      }
    },
  ],
];

describe("tenant isolation: a user of convergence/default names compat resources of another domain", () => {
  for (const [body, make, check] of probes) {
    it(`${body} ${JSON.stringify(make())
      .replace(/-[a-z0-9]+-\d+/g, "")
      .slice(0, 90)}`, async () => {
      check(await a.ask({ [body]: make() }));
    });
  }

  it("modelOfflineSubscriptionChange: no copy of B's model is pushed", async () => {
    const reply = await a.ask({ modelOfflineSubscriptionChange: { subscribe: [{ modelId: ids.model }], all: false } });
    assert.ok(!reply.error, JSON.stringify(reply));
    await new Promise((resolve) => setTimeout(resolve, 2500)); // the compat server checks offline copies every second
    for (const m of a.received.filter((x) => x.modelOfflineUpdated)) {
      assert.ok(!m.modelOfflineUpdated.initial && !m.modelOfflineUpdated.updated, JSON.stringify(m));
    }
  });

  it("the same model, chat and activity ids in A are A's own", async () => {
    const data = { id: "@:0", children: { mine: { stringValue: { id: "@:1", value: "a-data" } } } };
    expectOk("createRealTimeModelResponse")(
      await a.ask({
        createRealTimeModelRequest: { collectionId: ids.collection, modelId: { value: ids.sharedModel }, data },
      }),
    );
    const opened = await a.ask({ openRealTimeModelRequest: { modelId: { value: ids.sharedModel } } });
    expectOk("openRealTimeModelResponse")(opened);
    assert.deepEqual(Object.keys(opened.openRealTimeModelResponse.data.children), ["mine"]);
    assert.deepEqual(
      opened.openRealTimeModelResponse.connectedClients,
      [a.sessionId],
      "B's session on the model is not A's collaborator",
    );

    expectOk("createChatResponse")(
      await a.ask({
        createChatRequest: {
          chatId: { value: ids.sharedChat },
          chatType: "channel",
          membership: "public",
          name: "A's",
        },
      }),
    );
    const joined = await a.ask({ joinChatRequest: { chatId: ids.sharedChat } });
    expectOk("joinChatResponse")(joined);
    assert.equal(joined.joinChatResponse.chatInfo.name, "A's");
    const history = await a.ask({ getChatHistoryRequest: { chatId: ids.sharedChat } });
    expectOk("getChatHistoryResponse")(history);

    const activity = await a.ask({
      activityJoinRequest: {
        activityType: ids.activityType,
        activityId: ids.sharedActivity,
        state: { mine: { stringValue: "a" } },
        autoCreateData: { ephemeral: true, worldPermissions: ["join", "view_state", "set_state"] },
      },
    });
    expectOk("activityJoinResponse")(activity);
    assert.deepEqual(
      Object.keys(activity.activityJoinResponse.state ?? {}),
      [a.sessionId],
      "only A's own session is in A's activity",
    );

    // B keeps editing, chatting and changing state; nothing of it reaches A.
    b.send({ presenceSetState: { state: { later: { stringValue: SECRET } } } });
    expectOk("publishChatMessageResponse")(
      await b.ask({ publishChatMessageRequest: { chatId: ids.sharedChat, message: SECRET } }),
    );
    b.send({ activityUpdateState: { resourceId: 1, set: { later: { stringValue: SECRET } } } });
    await b.ask({ serverTimeRequest: {} });
    await a.ask({ serverTimeRequest: {} });
  });

  it("nothing A received names B's secret, B's sessions or B's users", async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const everything = JSON.stringify(a.received);
    assert.ok(!everything.includes(SECRET), "A received B's data");
    assert.ok(!everything.includes(b.sessionId), "A was told about B's session");
    assert.ok(!everything.includes(bobInB.sessionId), "A was told about B's session");
    const usersGiven = a.received.flatMap((m) => [
      ...(m.userListResponse?.userData ?? []),
      ...(m.identityCacheUpdate?.users ?? []),
    ]);
    assert.ok(!usersGiven.some((u) => u.userId?.username === bee.username), "A was given B's user");
    assert.equal(a.closed, null);
  });
});
