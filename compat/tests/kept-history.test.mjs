// A client that has not submitted for longer than the server keeps operations in memory (TANDEM_MODEL_KEPT_HISTORY,
// at least 2,048; compat sets the lowest) still has its operation transformed across everything it missed: the
// server reads the older operations back from the database. Raw protocol clients, because only they can send an
// operation based on a version that old (a real client's would be rebased on what it received).
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, it } from "node:test";
import { Convergence, options } from "../lib/client.mjs";
import { realtimeUrl } from "../lib/env.mjs";
import { openRaw } from "../lib/raw.mjs";

const sockets = [];
after(() => sockets.forEach((raw) => raw.close()));

async function connect() {
  const raw = await openRaw(realtimeUrl());
  sockets.push(raw);
  // Answers the server's heartbeat (a silent socket is pinged after 10 s): the reader is silent on purpose.
  raw.socket.on("message", (data) => {
    if (data.length === 2 && data[0] === 0x2a && data[1] === 0)
      raw.socket.send(Buffer.from([0x32, 0]), { binary: true });
  });
  raw.send({ requestId: { value: 0 }, connectionRequest: { client: "compat", clientVersion: "0", anonymous: {} } });
  await raw.until((msgs) => msgs.some((m) => m.connectionResponse));
  return raw;
}

async function open(raw, modelId) {
  raw.send({ requestId: { value: 2 }, openRealTimeModelRequest: { modelId: { value: modelId } } });
  await raw.until((msgs) => msgs.some((m) => m.openRealTimeModelResponse || (m.error && m.responseId)));
  const opened = raw.received.find((m) => m.openRealTimeModelResponse)?.openRealTimeModelResponse;
  assert.ok(opened, `open failed: ${JSON.stringify(raw.received.slice(-2))}`);
  return { resourceId: opened.resourceId, version: Number(opened.version) };
}

function insert(raw, model, sequenceNumber, contextVersion, index, text) {
  raw.send({
    operationSubmission: {
      resourceId: model.resourceId,
      sequenceNumber,
      contextVersion,
      operation: {
        discreteOperation: { stringSpliceOperation: { id: "k:1", index, deleteCount: 0, insertedValue: text } },
      },
    },
  });
}

const acks = (raw) => raw.received.filter((m) => m.operationAck).length;

it("transforms an operation based on a version older than the history kept in memory", async () => {
  const modelId = `kept-history-${crypto.randomUUID()}`;
  const [reader, ...writers] = [await connect(), await connect(), await connect(), await connect()];
  reader.send({
    requestId: { value: 1 },
    createRealTimeModelRequest: {
      collectionId: "compat",
      modelId: { value: modelId },
      data: { id: "k:0", children: { s: { stringValue: { id: "k:1", value: "hello" } } } },
    },
  });
  await reader.until((msgs) => msgs.some((m) => m.createRealTimeModelResponse || m.error));
  const readerModel = await open(reader, modelId);
  const start = readerModel.version;

  // Three writers insert at the front, 850 times each (within the compat rate limit's burst of 1,000), each
  // operation based on the last version its writer was acknowledged at.
  const perWriter = 850;
  await Promise.all(
    writers.map(async (writer) => {
      const model = await open(writer, modelId);
      let version = model.version;
      for (let i = 0; i < perWriter; i++) {
        insert(writer, model, i, version, 0, "w");
        if (i % 50 === 49) {
          await writer.until(() => acks(writer) === i + 1, 30_000);
          version = Number(writer.received.filter((m) => m.operationAck).at(-1).operationAck.version) + 1;
        }
      }
      await writer.until(() => acks(writer) === perWriter, 30_000);
    }),
  );
  const written = writers.length * perWriter;

  // The reader never submitted: it inserts after "hello" as it saw it when it opened, 2,550 versions ago.
  insert(reader, readerModel, 0, start, "hello".length, "R");
  await reader.until((msgs) => msgs.some((m) => m.operationAck), 30_000);
  const ack = reader.received.find((m) => m.operationAck).operationAck;
  assert.equal(Number(ack.version), start + written);
  // Every writer's operation reached the reader, which stays open.
  assert.equal(reader.received.filter((m) => m.remoteOperation).length, written);
  assert.equal(reader.closed, null);

  // What the others were sent is the transformed operation: after all of the writers' insertions.
  const readersVersion = start + written;
  await writers[0].until((msgs) => msgs.some((m) => Number(m.remoteOperation?.contextVersion) === readersVersion));
  const remote = writers[0].received.find(
    (m) => Number(m.remoteOperation?.contextVersion) === readersVersion,
  ).remoteOperation;
  assert.equal(
    remote.operation?.discreteOperation?.stringSpliceOperation?.index,
    written + "hello".length,
    JSON.stringify(remote),
  );

  // And a fresh open by a real client agrees.
  const domain = await Convergence.connectAnonymously(realtimeUrl(), "Checker", options());
  try {
    const model = await domain.models().open(modelId);
    assert.equal(model.elementAt("s").value(), "w".repeat(written) + "hello" + "R");
    await model.close();
  } finally {
    await domain.dispose();
  }
});
