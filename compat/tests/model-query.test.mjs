// Issue 4: model queries with the real client. Several models in a fresh collection, then models().query() with
// WHERE / ORDER BY / LIMIT / OFFSET / projections / IN / LIKE; a query right after an acknowledged edit sees it (the
// model still open, then closed); a deleted model vanishes; a bad query rejects with invalid_query and its position.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { Convergence, nextEvent, options } from "../lib/client.mjs";
import { fixtures, realtimeUrl } from "../lib/env.mjs";

const domains = [];
after(async () => {
  for (const domain of domains) {
    if (domain.isConnected()) await domain.dispose();
  }
});

const WHEN = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
const books = {
  q1: { title: "Intro to SQL", year: 2001, price: 10.5, tags: ["db", "sql"], author: { name: "Ann" } },
  q2: { title: "Advanced SQL", year: 2010, price: 30, tags: ["db"], author: { name: "Bob" } },
  q3: { title: "Cooking", year: 1999, price: 5, author: { name: "Cid" } },
  q4: { title: "50% off", year: "unknown", price: 0, when: WHEN },
};

describe("model queries", () => {
  let domain;
  let collection;
  let other;
  const ids = {};
  const query = (text) => domain.models().query(text);
  const idsOf = (page) => page.data.map((r) => Object.keys(ids).find((k) => ids[k] === r.modelId));

  before(async () => {
    domain = await Convergence.connectAnonymously(realtimeUrl(), "Q", options());
    domains.push(domain);
    const run = crypto.randomUUID().slice(0, 8);
    collection = `books-${run}`;
    other = `films-${run}`;
    // ids sort like their keys, so ORDER BY @id is q1, q2, q3, q4
    for (const [key, data] of Object.entries(books)) {
      ids[key] = await domain.models().create({ collection, id: `${run}-${key}`, data });
    }
    await domain.models().create({ collection: other, id: `${run}-f1`, data: { title: "Intro to SQL" } });
  });

  it("SELECT * returns every model of the collection with its data, version and times", async () => {
    const page = await query(`SELECT * FROM ${collection}`);
    assert.equal(page.totalResults, 4);
    assert.equal(page.offset, 0);
    assert.deepEqual(idsOf(page), ["q1", "q2", "q3", "q4"]);
    for (const result of page.data) {
      const key = idsOf({ data: [result] })[0];
      assert.equal(result.collectionId, collection);
      assert.equal(result.version, 1);
      assert.ok(result.created instanceof Date && result.modified instanceof Date);
      const expected = { ...books[key] };
      if (expected.when) {
        // Convergence's JSON form of a date
        expected.when = { $$convergence_type: "date", date: WHEN.getTime() };
      }
      assert.deepEqual(result.data, expected);
    }
  });

  it("filters, sorts and pages in the database", async () => {
    assert.deepEqual(idsOf(await query(`SELECT * FROM ${collection} WHERE year > 2000 ORDER BY year DESC`)), [
      "q2",
      "q1",
    ]);
    assert.deepEqual(idsOf(await query(`SELECT * FROM ${collection} ORDER BY price`)), ["q4", "q3", "q1", "q2"]);
    const page = await query(`SELECT * FROM ${collection} ORDER BY @id LIMIT 2 OFFSET 1`);
    assert.deepEqual(idsOf(page), ["q2", "q3"]);
    assert.equal(page.totalResults, 4);
    assert.equal(page.offset, 1);
    const beyond = await query(`SELECT * FROM ${collection} OFFSET 10`);
    assert.deepEqual(beyond.data, []);
    assert.equal(beyond.totalResults, 4);
  });

  it("supports IN, LIKE, NOT, OR, parentheses and arithmetic", async () => {
    const q = async (where) => idsOf(await query(`SELECT * FROM ${collection} WHERE ${where} ORDER BY @id`));
    assert.deepEqual(await q("year IN [1999, 'unknown']"), ["q3", "q4"]);
    assert.deepEqual(await q("year NOT IN [1999, 'unknown']"), ["q1", "q2"]);
    assert.deepEqual(await q("title LIKE '%SQL'"), ["q1", "q2"]);
    assert.deepEqual(await q("title LIKE '50\\%%'"), ["q4"]);
    assert.deepEqual(await q("NOT title LIKE '%SQL%'"), ["q3", "q4"]);
    assert.deepEqual(await q("(author.name = 'Bob' OR price < 6) AND NOT year = 'unknown'"), ["q2", "q3"]);
    assert.deepEqual(await q("price * 2 + 1 > 20"), ["q1", "q2"]);
    assert.deepEqual(await q("tags[1] = 'sql'"), ["q1"]);
    assert.deepEqual(await q(`when.date = ${WHEN.getTime()}`), ["q4"]);
    assert.deepEqual(await q("@id IN ['" + ids.q2 + "']"), ["q2"]);
  });

  it("projects selected fields under their alias or as written", async () => {
    const page = await query(
      `SELECT title AS t, author.name, tags[1], missing, @version AS v FROM ${collection} ` + `WHERE @id = '${ids.q1}'`,
    );
    assert.equal(page.data.length, 1);
    assert.equal(page.data[0].modelId, ids.q1);
    assert.deepEqual(page.data[0].data, { t: "Intro to SQL", "author.name": "Ann", "tags[1]": "sql", v: 1 });
    // nothing selected exists: the result still carries (empty) data, which the client requires
    const empty = await query(`SELECT missing FROM ${collection} WHERE @id = '${ids.q2}'`);
    assert.deepEqual(
      empty.data.map((r) => [r.modelId, r.data]),
      [[ids.q2, {}]],
    );
  });

  it("sees an acknowledged edit at once, while the model is open and after it closed", async () => {
    const model = await domain.models().open(ids.q3);
    let committed = nextEvent(model, "committed");
    model.elementAt("price").value(99);
    await committed;
    let page = await query(`SELECT * FROM ${collection} WHERE price = 99`);
    assert.deepEqual(idsOf(page), ["q3"]);
    assert.equal(page.data[0].version, 2);
    assert.equal(page.data[0].data.price, 99);

    committed = nextEvent(model, "committed");
    model.elementAt("author").set("name", "Dee");
    await committed;
    page = await query(`SELECT author.name AS who FROM ${collection} WHERE price = 99`);
    assert.deepEqual(
      page.data.map((r) => r.data),
      [{ who: "Dee" }],
    );
    assert.equal(page.data[0].version, 3);

    await model.close();
    page = await query(`SELECT * FROM ${collection} WHERE author.name = 'Dee'`);
    assert.deepEqual(idsOf(page), ["q3"]);
    assert.equal(page.data[0].version, 3);
  });

  it("does not return deleted models", async () => {
    const gone = await domain.models().create({ collection, data: { title: "Intro to SQL", year: 2001 } });
    assert.equal((await query(`SELECT * FROM ${collection} WHERE year = 2001`)).totalResults, 2);
    await domain.models().remove(gone);
    const page = await query(`SELECT * FROM ${collection} WHERE year = 2001`);
    assert.deepEqual(
      page.data.map((r) => r.modelId),
      [ids.q1],
    );
    assert.equal(page.totalResults, 1);
  });

  it("stays within the collection", async () => {
    const page = await query(`SELECT * FROM ${other}`);
    assert.equal(page.totalResults, 1);
    assert.equal(page.data[0].collectionId, other);
    assert.deepEqual(page.data[0].data, { title: "Intro to SQL" });
    const none = await query(`SELECT * FROM no-such-${collection}`);
    assert.deepEqual([none.data, none.totalResults], [[], 0]);
  });

  it("rejects a bad query with invalid_query and the position", async () => {
    const text = `SELECT * FROM ${collection} WHERE year >`;
    await assert.rejects(query(text), (e) => {
      assert.equal(e.code, "invalid_query");
      assert.match(e.message, new RegExp(`at position ${text.length}`));
      assert.equal(e.details.index, text.length);
      return true;
    });
    await assert.rejects(
      query(`SELECT * FROM ${collection} WHERE year IN [1, year]`),
      (e) => e.code === "invalid_query" && e.details.index === `SELECT * FROM ${collection} WHERE year IN [1, `.length,
    );
    await assert.rejects(query(`SELECT * FROM ${collection} LIMIT 100000000`), (e) => e.code === "invalid_query");
    await assert.rejects(query("DROP TABLE models"), (e) => e.code === "invalid_query" && e.details.index === 0);
    // the connection is still fine
    assert.equal((await query(`SELECT * FROM ${collection}`)).totalResults, 4);
  });
});

describe("model queries and read permission", () => {
  it("returns, and counts, only the models the user may read", async () => {
    const [alice, bob] = fixtures.users;
    const login = async (user) => {
      const domain = await Convergence.connectWithPassword(
        realtimeUrl(),
        { username: user.username, password: user.password },
        options(),
      );
      domains.push(domain);
      return domain;
    };
    const a = await login(alice);
    const b = await login(bob);
    const collection = `secrets-${crypto.randomUUID().slice(0, 8)}`;
    const NONE = { read: false, write: false, remove: false, manage: false };
    const READ = { read: true, write: false, remove: false, manage: false };
    const create = (id, extra) =>
      a.models().create({ collection, id: `${collection}-${id}`, data: { n: id }, ...extra });
    await create(1, {}); // the collection's world (everyone may read an auto-created collection)
    await create(2, { overrideCollectionWorldPermissions: true, worldPermissions: NONE });
    await create(3, {
      overrideCollectionWorldPermissions: true,
      worldPermissions: NONE,
      userPermissions: { bob: READ },
    });
    await create(4, {
      overrideCollectionWorldPermissions: true,
      worldPermissions: READ,
      userPermissions: { bob: NONE },
    });

    const ofAlice = await a.models().query(`SELECT * FROM ${collection} ORDER BY n`);
    assert.deepEqual(
      ofAlice.data.map((r) => r.data.n),
      [1, 2, 3, 4],
      "the creator reads all of them",
    );
    const ofBob = await b.models().query(`SELECT * FROM ${collection} ORDER BY n`);
    assert.deepEqual(
      ofBob.data.map((r) => r.data.n),
      [1, 3],
      "bob reads the world-readable one and his own entry",
    );
    assert.equal(ofBob.totalResults, 2, "the total counts only readable models");
    const paged = await b.models().query(`SELECT * FROM ${collection} ORDER BY n LIMIT 1 OFFSET 1`);
    assert.deepEqual(
      paged.data.map((r) => r.data.n),
      [3],
      "paging skips what bob cannot read",
    );
  });
});
