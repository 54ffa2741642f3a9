// Helpers for model tests with the real client.
import assert from "node:assert/strict";

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `predicate()` holds (it may return a promise), or throws naming `what` after `timeoutMillis`. */
export async function until(predicate, what, timeoutMillis = 15_000) {
  const deadline = Date.now() + timeoutMillis;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** JSON with object keys sorted: property order is not part of a model's value (clients differ in it). */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Waits until every model has the same version and data, and that stays so for a moment. */
export async function settled(models, timeoutMillis = 30_000) {
  const deadline = Date.now() + timeoutMillis;
  let last = "";
  let stableSince = 0;
  while (Date.now() < deadline) {
    const versions = models.map((m) => m.version());
    const data = models.map((m) => canonical(m.root().toJSON()));
    const key = versions.join(",") + "|" + data.join("|");
    if (versions.every((v) => v === versions[0]) && data.every((d) => d === data[0])) {
      if (key === last && Date.now() - stableSince > 300) return { version: versions[0], data: JSON.parse(data[0]) };
      if (key !== last) stableSince = Date.now();
    }
    last = key;
    await sleep(50);
  }
  assert.fail(
    `models did not converge: versions ${models.map((m) => m.version())}\n` +
      models.map((m) => canonical(m.root().toJSON())).join("\n"),
  );
}

/** A small seeded PRNG (mulberry32), so a failing random run can be replayed from its seed. */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

/** A model value with one of every value type: string, array, object, number, boolean, date. */
export const everyType = () => ({
  text: "hello",
  list: [1, 2, 3, 4, 5],
  obj: { a: 1, b: "two" },
  num: 10,
  flag: false,
  when: new Date(Date.UTC(2026, 0, 1)),
  tags: ["a", "b"],
});

/**
 * Two clients edit a model of everyType() at once, without waiting for each other (their operations cross in
 * flight): every kind of operation of every value type (each set of a whole value too), single and in batches. The caller waits for them to settle.
 */
export function editEveryType(ma, mb) {
  ma.elementAt("text").insert(5, " world");
  mb.elementAt("text").insert(0, ">> ");
  ma.elementAt("text").remove(0, 2);
  mb.elementAt("list").reorder(0, 4);
  ma.elementAt("list").insert(2, "x");
  mb.elementAt("list").remove(3);
  ma.elementAt("list").set(1, { nested: true });
  ma.elementAt("obj").set("c", [1, 2]);
  mb.elementAt("obj").remove("a");
  mb.elementAt("obj").set("b", "deux");
  ma.elementAt("num").add(5);
  mb.elementAt("num").add(-2);
  ma.elementAt("flag").value(true);
  mb.elementAt("flag").value(false);
  mb.elementAt("when").value(new Date(Date.UTC(2027, 5, 1)));
  mb.elementAt("text").value(mb.elementAt("text").value());
  ma.elementAt("tags").value(["c"]);
  mb.elementAt("tags").insert(0, "z");
  ma.startBatch();
  ma.elementAt("text").insert(0, "[");
  ma.elementAt("num").value(100);
  ma.root().set("added", "by batch");
  ma.completeBatch();
  mb.startBatch();
  mb.elementAt("list").insert(0, "first");
  mb.elementAt("text").insert(0, "{");
  mb.elementAt("obj").value({ replaced: true });
  mb.completeBatch();
}

/** The initial data of a model for randomWorkload(). */
export const randomWorkloadData = () => ({ s: "abcdefgh", a: [0, 1, 2, 3], o: { k: 0 }, n: 0 });

/**
 * `total` random edits (strings, arrays, objects, numbers, batches), each by a random one of `models` (clients of one
 * model of randomWorkloadData()), with short pauses now and then; then waits for them to converge. A failure prints
 * the seed and the trace to replay it. No splice that both deletes and inserts: rc.12's own transforms of those are
 * not convergent (src/test/java/dev/tandem/ot/KnownClientDefects.java), so a random mix of them diverges whatever the server does.
 */
export async function randomWorkload(models, { seed, total }) {
  const rnd = random(seed);
  const trace = [];
  try {
    for (let i = 0; i < total; i++) {
      const m = rnd.pick(models);
      const s = m.elementAt("s");
      const a = m.elementAt("a");
      const kind = rnd.int(9);
      trace.push(`${models.indexOf(m)}:${kind}`);
      switch (kind) {
        case 0:
          s.insert(rnd.int(s.value().length + 1), String.fromCharCode(97 + rnd.int(26)));
          break;
        case 1:
          if (s.value().length > 0) s.remove(rnd.int(s.value().length), 1);
          break;
        case 2:
          a.insert(rnd.int(a.length() + 1), rnd.int(100));
          break;
        case 3:
          if (a.length() > 0) a.remove(rnd.int(a.length()));
          break;
        case 4:
          if (a.length() > 1) a.reorder(rnd.int(a.length()), rnd.int(a.length()));
          break;
        case 5:
          if (a.length() > 0) a.set(rnd.int(a.length()), rnd.int(100));
          break;
        case 6:
          m.elementAt("o").set(`k${rnd.int(4)}`, rnd.int(100));
          break;
        case 7:
          m.elementAt("n").add(rnd.int(10) - 5);
          break;
        case 8:
          m.startBatch();
          s.insert(0, "z");
          m.elementAt("n").add(1);
          m.completeBatch();
          break;
      }
      if (rnd.int(10) === 0) await sleep(rnd.int(5));
    }
    await settled(models, 120_000);
  } catch (error) {
    console.log(
      `random workload failed with seed ${seed} (rerun with TANDEM_COMPAT_SEED=${seed}); trace: ${trace.join(" ")}`,
    );
    throw error;
  }
}
