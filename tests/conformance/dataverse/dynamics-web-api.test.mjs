// Drives the npm client dynamics-web-api 2.5 — unchanged — against the PartnerKarte Dataverse emulator.
// The emulator is started by tests/PartnerKarte.Connectors.Dataverse.Tests (DynamicsWebApiConformanceTests), which sets:
//   DATAVERSE_URL            environment URL, e.g. http://127.0.0.1:5123/  (plain http: loopback only)
//   DATAVERSE_TOKEN_URL      Entra-style token endpoint of the emulator
//   DATAVERSE_CLIENT_ID      application (client) id
//   DATAVERSE_CLIENT_SECRET  client secret
// The harness also defines contact.pk_externalid with an alternate key, as the PartnerKarte solution does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { DynamicsWebApi } from "dynamics-web-api";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run this through the C# harness or set it by hand.`);
  return value;
};

const serverUrl = env("DATAVERSE_URL");
let tokenRequests = 0;

// onTokenRefresh runs before every request; a real app caches, the test fetches each time to exercise the endpoint.
async function onTokenRefresh() {
  tokenRequests++;
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: env("DATAVERSE_CLIENT_ID"),
    client_secret: env("DATAVERSE_CLIENT_SECRET"),
    scope: new URL(".default", serverUrl).toString(),
  });
  const response = await fetch(env("DATAVERSE_TOKEN_URL"), { method: "POST", body });
  assert.equal(response.status, 200, "token endpoint answers 200");
  const json = await response.json();
  assert.equal(json.token_type, "Bearer");
  return json.access_token;
}

const api = new DynamicsWebApi({ serverUrl, dataApi: { version: "9.2" }, onTokenRefresh });
const run = randomUUID().slice(0, 8);

test("WhoAmI returns the application user", async () => {
  const who = await api.callFunction("WhoAmI");
  assert.match(who.UserId, /^[0-9a-f-]{36}$/);
  assert.match(who.OrganizationId, /^[0-9a-f-]{36}$/);
  assert.ok(tokenRequests >= 1);
});

test("create, retrieve, update, upsert and delete one record", async () => {
  const id = await api.create({ collection: "accounts", data: { name: `株式会社サンプル商事 ${run}`, revenue: 12000000, numberofemployees: 120 } });
  assert.match(id, /^[0-9a-f-]{36}$/, "create returns the GUID from OData-EntityId");

  const read = await api.retrieve({ collection: "accounts", key: id, select: ["name", "revenue", "numberofemployees"] });
  assert.equal(read.name, `株式会社サンプル商事 ${run}`);
  assert.equal(read.revenue, 12000000);
  assert.equal(read.numberofemployees, 120);
  assert.equal(read.accountid, id);
  assert.match(read["@odata.etag"], /^W\/"\d+"$/);

  const updated = await api.update({ collection: "accounts", key: id, data: { numberofemployees: 150 } });
  assert.equal(updated, true, "update with If-Match: * answers 204");
  const afterUpdate = await api.retrieve({ collection: "accounts", key: id, select: ["numberofemployees"] });
  assert.equal(afterUpdate.numberofemployees, 150);
  assert.notEqual(afterUpdate["@odata.etag"], read["@odata.etag"], "the ETag changes on write");

  // Update of a missing record: 404, not an upsert.
  await assert.rejects(api.update({ collection: "accounts", key: randomUUID(), data: { name: "x" } }), (e) => e.status === 404);

  // Upsert by GUID creates when missing, then updates.
  const newId = randomUUID();
  await api.upsert({ collection: "accounts", key: newId, data: { name: `(株)アップサート ${run}` } });
  await api.upsert({ collection: "accounts", key: newId, data: { telephone1: "03-1234-5678" } });
  const upserted = await api.retrieve({ collection: "accounts", key: newId, select: ["name", "telephone1"] });
  assert.equal(upserted.name, `(株)アップサート ${run}`);
  assert.equal(upserted.telephone1, "03-1234-5678");

  // If-None-Match: * on an existing record is refused (dynamics-web-api resolves null on 412).
  const refused = await api.upsert({ collection: "accounts", key: newId, data: { name: "z" }, ifnonematch: "*" });
  assert.equal(refused, null);

  // Upsert by alternate key, with a quote in the key value.
  const extKey = `pk_externalid='ext-${run}-O''Neil'`;
  await api.upsert({ collection: "contacts", key: extKey, data: { lastname: "山田", firstname: "太郎" } });
  await api.upsert({ collection: "contacts", key: extKey, data: { jobtitle: "営業部長" } });
  const byKey = await api.retrieve({ collection: "contacts", key: extKey, select: ["fullname", "jobtitle", "pk_externalid"] });
  assert.equal(byKey.fullname, "太郎 山田");
  assert.equal(byKey.jobtitle, "営業部長");
  assert.equal(byKey.pk_externalid, `ext-${run}-O'Neil`);

  assert.equal(await api.deleteRecord({ collection: "accounts", key: id }), true);
  await assert.rejects(api.retrieve({ collection: "accounts", key: id }), (e) => e.status === 404 && e.code === "0x80040217");
});

test("retrieveMultiple and retrieveAll follow @odata.nextLink over at least three pages; count", async () => {
  const marker = `page-${run}`;
  api.startBatch();
  for (let i = 0; i < 25; i++) {
    api.create({ collection: "contacts", data: { lastname: `${marker}-${String(i).padStart(2, "0")}`, firstname: "花子" } });
  }
  const created = await api.executeBatch();
  assert.equal(created.length, 25);

  const request = {
    collection: "contacts",
    select: ["lastname", "firstname"],
    filter: `startswith(lastname,'${marker}')`,
    orderBy: ["lastname asc"],
    maxPageSize: 10,
  };
  const first = await api.retrieveMultiple(request);
  assert.equal(first.value.length, 10);
  assert.ok(first.oDataNextLink, "page 1 has a nextLink");
  assert.ok(first.oDataNextLink.startsWith(serverUrl), "nextLink is absolute");
  const second = await api.retrieveMultiple(request, first.oDataNextLink);
  assert.equal(second.value.length, 10);
  assert.equal(second.value[0].lastname, `${marker}-10`);
  const third = await api.retrieveMultiple(request, second.oDataNextLink);
  assert.equal(third.value.length, 5);
  assert.equal(third.oDataNextLink, undefined, "the last page has no nextLink");

  const all = await api.retrieveAll(request);
  assert.equal(all.value.length, 25);
  assert.deepEqual(all.value.map((c) => c.lastname), Array.from({ length: 25 }, (_, i) => `${marker}-${String(i).padStart(2, "0")}`));

  assert.equal(await api.count({ collection: "contacts", filter: `startswith(lastname,'${marker}')` }), 25);
  const total = await api.count({ collection: "contacts" });
  assert.ok(total >= 25, "accounts/$count answers a plain number");
});

test("a batch with a change set: Content-ID reference, then rollback of a failing change set", async () => {
  api.startBatch();
  api.create({ collection: "accounts", data: { name: `株式会社チェンジセット ${run}` }, contentId: "1" });
  api.create({ collection: "contacts", data: { lastname: "佐藤", firstname: "一郎", "parentcustomerid_account@odata.bind": "$1" } });
  const [accountId, contactId] = await api.executeBatch();
  assert.match(accountId, /^[0-9a-f-]{36}$/);
  assert.match(contactId, /^[0-9a-f-]{36}$/);
  const contact = await api.retrieve({ collection: "contacts", key: contactId, select: ["_parentcustomerid_value"] });
  assert.equal(contact._parentcustomerid_value, accountId);

  // All or nothing: the second operation fails (unknown column), so the first is rolled back.
  const marker = `rollback-${run}`;
  api.startBatch();
  api.create({ collection: "accounts", data: { name: marker } });
  api.create({ collection: "accounts", data: { nosuchcolumn: 1 } });
  await assert.rejects(api.executeBatch());
  assert.equal(await api.count({ collection: "accounts", filter: `name eq '${marker}'` }), 0);
});
