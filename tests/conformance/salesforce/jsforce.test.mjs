// Drives jsforce, unchanged, against the PartnerKarte Salesforce emulator.
// Env: SF_EMULATOR_URL (login and instance URL), SF_CLIENT_ID, SF_CLIENT_SECRET.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import jsforce from 'jsforce';

const url = process.env.SF_EMULATOR_URL;
const clientId = process.env.SF_CLIENT_ID;
const clientSecret = process.env.SF_CLIENT_SECRET;
const version = '62.0';
let conn;

before(async () => {
  assert.ok(url && clientId && clientSecret, 'SF_EMULATOR_URL, SF_CLIENT_ID and SF_CLIENT_SECRET must be set');
  conn = new jsforce.Connection({ oauth2: { loginUrl: url, clientId, clientSecret }, version });
  await conn.authorize({ grant_type: 'client_credentials' });
});

test('client-credentials login establishes a session', async () => {
  assert.equal(conn.instanceUrl.replace(/\/$/, ''), url.replace(/\/$/, ''));
  assert.ok(conn.accessToken.length > 20);
  assert.match(conn.userInfo.organizationId, /^00D/);
  assert.match(conn.userInfo.id, /^005/);
  const bad = new jsforce.Connection({ oauth2: { loginUrl: url, clientId, clientSecret: 'wrong' }, version });
  await assert.rejects(bad.authorize({ grant_type: 'client_credentials' }), /invalid/);
});

test('create / retrieve / update / upsert / destroy', async () => {
  const accounts = conn.sobject('Account');
  const created = await accounts.create({ Name: '株式会社サンプル商事', Industry: 'Technology' });
  assert.equal(created.success, true);
  assert.match(created.id, /^001\w{15}$/);

  const fetched = await accounts.retrieve(created.id, { fields: ['Name', 'Industry'] });
  assert.equal(fetched.Name, '株式会社サンプル商事');
  assert.equal(fetched.Industry, 'Technology');

  const updated = await accounts.update({ Id: created.id, Phone: '03-1234-5678' });
  assert.equal(updated.success, true);
  assert.equal((await accounts.retrieve(created.id, { fields: ['Phone'] })).Phone, '03-1234-5678');

  const inserted = await accounts.upsert({ Name: '有限会社アップサート', PK_ExternalId__c: 'JSF-UPSERT-1' }, 'PK_ExternalId__c');
  assert.equal(inserted.success, true);
  assert.equal(inserted.created, true);
  const again = await accounts.upsert({ Name: '有限会社アップサート改', PK_ExternalId__c: 'JSF-UPSERT-1' }, 'PK_ExternalId__c');
  assert.equal(again.success, true);
  assert.equal(again.created, false);
  assert.equal(again.id, inserted.id);
  assert.equal((await accounts.retrieve(inserted.id, { fields: ['Name'] })).Name, '有限会社アップサート改');

  const destroyed = await accounts.destroy(created.id);
  assert.equal(destroyed.success, true);
  await assert.rejects(accounts.retrieve(created.id, { fields: ['Name'] }), (err) => err.errorCode === 'NOT_FOUND');
  const all = await conn.query(`SELECT Id, IsDeleted FROM Account WHERE Id = '${created.id}'`, { scanAll: true });
  assert.equal(all.totalSize, 1);
  assert.equal(all.records[0].IsDeleted, true);
});

test('collections: create, update, upsert and destroy arrays', async () => {
  const contacts = conn.sobject('Contact');
  const created = await contacts.create([
    { LastName: '田中', FirstName: '一郎' },
    { LastName: '鈴木', FirstName: '花子' },
    { FirstName: '名無し' }, // LastName missing: a per-record error
  ]);
  assert.equal(created.length, 3);
  assert.equal(created[0].success, true);
  assert.equal(created[1].success, true);
  assert.equal(created[2].success, false);
  assert.equal(created[2].errors[0].statusCode, 'REQUIRED_FIELD_MISSING');

  const ids = created.slice(0, 2).map((r) => r.id);
  const updated = await contacts.update(ids.map((Id) => ({ Id, Title: '部長' })));
  assert.deepEqual(updated.map((r) => r.success), [true, true]);
  const check = await contacts.retrieve(ids, { fields: ['Title'] });
  assert.deepEqual(check.map((r) => r.Title), ['部長', '部長']);

  const upserted = await contacts.upsert([
    { LastName: '高橋', PK_ExternalId__c: 'JSF-C-1' },
    { LastName: '伊藤', PK_ExternalId__c: 'JSF-C-2' },
  ], 'PK_ExternalId__c');
  assert.deepEqual(upserted.map((r) => r.created), [true, true]);
  const reupserted = await contacts.upsert([{ LastName: '高橋', Title: '課長', PK_ExternalId__c: 'JSF-C-1' }], 'PK_ExternalId__c');
  assert.equal(reupserted[0].created, false);

  const destroyed = await contacts.destroy(ids);
  assert.deepEqual(destroyed.map((r) => r.success), [true, true]);
});

test('a query spans at least three pages', async () => {
  const records = Array.from({ length: 450 }, (_, i) => ({ LastName: 'ページ送り', FirstName: `担当${i}` }));
  const results = await conn.sobject('Contact').create(records, { allowRecursive: true });
  assert.equal(results.filter((r) => r.success).length, 450);

  let pages = 0;
  const query = conn.query("SELECT Id, FirstName, Account.Name FROM Contact WHERE LastName = 'ページ送り' ORDER BY FirstName");
  query.on('fetch', () => { pages += 1; });
  const result = await query.run({ autoFetch: true, maxFetch: 10000, headers: { 'Sforce-Query-Options': 'batchSize=200' } });
  assert.equal(result.totalSize, 450);
  assert.equal(result.records.length, 450);
  assert.ok(pages >= 3, `expected at least 3 pages, got ${pages}`);
  assert.equal(new Set(result.records.map((r) => r.Id)).size, 450);

  const count = await conn.sobject('Contact').count({ LastName: 'ページ送り' });
  assert.equal(count, 450);
});

test('describe and describeGlobal show standard and PartnerKarte fields', async () => {
  const contact = await conn.sobject('Contact').describe();
  assert.equal(contact.name, 'Contact');
  const byName = Object.fromEntries(contact.fields.map((f) => [f.name, f]));
  assert.equal(byName.LastName.nillable, false);
  assert.equal(byName.Name.updateable, false);
  assert.equal(byName.PK_TrustScore__c.type, 'double');
  assert.equal(byName.PK_ExternalId__c.externalId, true);
  assert.equal(byName.AccountId.relationshipName, 'Account');

  const global = await conn.describeGlobal();
  const names = global.sobjects.map((s) => s.name);
  for (const name of ['Account', 'Contact', 'Opportunity', 'OpportunityContactRole', 'Task', 'Event', 'AccountContactRelation', 'User']) {
    assert.ok(names.includes(name), `${name} missing from describeGlobal`);
  }
});

test('limits and Sforce-Limit-Info usage counting', async () => {
  const limits = await conn.limits();
  assert.ok(limits.DailyApiRequests.Max > 0);
  const used = limits.DailyApiRequests.Max - limits.DailyApiRequests.Remaining;
  assert.ok(used > 0);
  assert.ok(conn.limitInfo.apiUsage.used >= used);
  const before = conn.limitInfo.apiUsage.used;
  await conn.query('SELECT COUNT() FROM Account');
  assert.equal(conn.limitInfo.apiUsage.used, before + 1);
});

test('bulk2 upsert reports successful and failed rows', async () => {
  const input = [
    ...Array.from({ length: 25 }, (_, i) => ({ LastName: `一括${i}`, Email: `bulk${i}@example.jp`, PK_ExternalId__c: `JSF-BULK-${i}` })),
    { FirstName: '姓なし', PK_ExternalId__c: 'JSF-BULK-BAD' },
  ];
  const results = await conn.bulk2.loadAndWaitForResults({
    object: 'Contact', operation: 'upsert', externalIdFieldName: 'PK_ExternalId__c', input, pollInterval: 50, pollTimeout: 20000,
  });
  assert.equal(results.successfulResults.length, 25);
  assert.equal(results.failedResults.length, 1);
  assert.match(results.failedResults[0].sf__Error, /REQUIRED_FIELD_MISSING/);
  assert.ok(results.successfulResults.every((r) => r.sf__Created === 'true' && /^003/.test(r.sf__Id)));

  const second = await conn.bulk2.loadAndWaitForResults({
    object: 'Contact', operation: 'upsert', externalIdFieldName: 'PK_ExternalId__c',
    input: [{ LastName: '一括0', Title: '更新済み', PK_ExternalId__c: 'JSF-BULK-0' }], pollInterval: 50, pollTimeout: 20000,
  });
  assert.equal(second.successfulResults[0].sf__Created, 'false');
  const row = await conn.sobject('Contact').findOne({ PK_ExternalId__c: 'JSF-BULK-0' }, ['Title', 'Email']);
  assert.equal(row.Title, '更新済み');
  assert.equal(row.Email, 'bulk0@example.jp');
});

test('bulk2 query returns every row as CSV records', async () => {
  const stream = await conn.bulk2.query("SELECT Id, LastName, Email FROM Contact WHERE PK_ExternalId__c LIKE 'JSF-BULK-%'", { pollInterval: 50, pollTimeout: 20000 });
  const records = await new Promise((resolve, reject) => {
    const rows = [];
    stream.on('record', (r) => rows.push(r));
    stream.on('end', () => resolve(rows));
    stream.on('error', reject);
  });
  assert.equal(records.length, 25);
  assert.ok(records.every((r) => /^003/.test(r.Id)));
  assert.ok(records.some((r) => r.Email === 'bulk7@example.jp' && r.LastName === '一括7'));
});
