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
