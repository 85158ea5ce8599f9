/**
 * The security checks of sign-in, rights and data safety, rerun against
 * the real service: `wrangler dev` on loopback with the demo data and a
 * database of its own (scripts/local-service.ts). Bounded: a fixed list
 * of about 200 requests, each with a time limit, to 127.0.0.1 only; then
 * it stops the service and prints what it found.
 *
 *   npm run attack
 *
 * Exits 1 when a check fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertTokenSql } from '../worker/db/tokens';
import { generateToken, hashToken } from '../worker/domain/tokens';
import { demoData, startLocalService } from './local-service';

const DEMO_PASSWORD = 'hytekello-demo-salasana';
const REQUEST_TIMEOUT_MS = 20_000;

const tokens = { pohde: generateToken(), posken: generateToken() };
const service = await startLocalService(async (persist) => {
  await demoData(persist);
  for (const [organisation, token] of Object.entries(tokens)) {
    const sql = insertTokenSql({ name: `Attack ${organisation}`, organisation, tokenHash: await hashToken(token), now: new Date().toISOString() });
    const run = spawnSync('wrangler', ['d1', 'execute', 'hytekello', '--local', '--persist-to', persist, '--command', sql], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
  }
});
const base = service.baseUrl;
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base)) throw new Error(`not loopback: ${base}`);

const results: { check: string; figure: string; ok: boolean }[] = [];
const report = (check: string, figure: string, ok: boolean) => {
  results.push({ check, figure, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${check}: ${figure}`);
};

function send(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('Content-Type', 'application/json');
  return fetch(`${base}${path}`, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
}
const bearer = (organisation: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[organisation]}` });
const login = (email: string, password: string, headers: Record<string, string> = {}) => send('/api/auth/login', { method: 'POST', json: { email, password }, headers });
const statuses = async (responses: Promise<Response>[]) => Promise.all(responses.map(async (r) => (await r).status));
const evaluated = (list: number[]) => list.filter((s) => s === 200 || s === 401).length;
const count = (list: number[], status: number) => list.filter((s) => s === status).length;

try {
  console.log(`\nAttack checks against ${base} (wrangler dev, demo data)\n`);

  // 1. The sign-in limit cannot be raced.
  const race = await statuses(Array.from({ length: 50 }, (_, i) => login('pirjo@posken.example', `väärä salasana ${i}`)));
  report('1. 50 parallel wrong passwords for one account', `${evaluated(race)} of 50 evaluated, ${count(race, 429)} refused with 429 (limit 5)`, evaluated(race) <= 5);
  const burst = await statuses(Array.from({ length: 20 }, (_, i) => login('ville.katsoja@oulu.example', i === 19 ? DEMO_PASSWORD : `väärä ${i} salasana`)));
  report('1. a burst of 20, the right password 20th', `${evaluated(burst)} of 20 evaluated, the right one answered ${burst[19]}`, evaluated(burst) <= 5 && !(burst[19] === 200 && evaluated(burst) > 5));

  // 2. CF-Connecting-IP is not believed without Cloudflare in front: 60 spoofed addresses, 60 accounts.
  const spoofed = await statuses(Array.from({ length: 60 }, (_, i) => login(`nobody-${i}@attack.example`, 'arvaus arvaus', { 'CF-Connecting-IP': `198.51.100.${i + 1}` })));
  // Every attempt so far came from this machine, one address: check 1's evaluated attempts count against it too.
  const earlier = evaluated(race) + evaluated(burst);
  report(
    '2. 60 sign-ins with 60 spoofed CF-Connecting-IP values',
    `${evaluated(spoofed)} of 60 evaluated, ${count(spoofed, 429)} refused (limit 30 per address, of which check 1 used ${earlier})`,
    evaluated(spoofed) + earlier <= 30,
  );

  // 3. The development sign-in and loopback feeds only for requests made on this machine.
  const forwardedFor = ['192.168.1.23', '127.0.0.1, 192.168.1.23', '10.0.0.8', 'unknown'];
  const devRemote = await statuses(
    forwardedFor.flatMap((address) => [
      send('/api/auth/dev-sign-in', { method: 'POST', json: { email: 'aino.yllapitaja@pohde.example' }, headers: { 'X-Forwarded-For': address, Host: 'localhost:5173' } }),
      send('/api/auth/dev-sign-in', { method: 'POST', json: { email: 'aino.yllapitaja@pohde.example' }, headers: { Forwarded: `for="${address.split(',').pop()!.trim()}"` } }),
    ]),
  );
  report('3. development sign-in forwarded for another machine (Host forged to localhost)', `${count(devRemote, 200)} of ${devRemote.length} signed in (${count(devRemote, 404)} × 404)`, count(devRemote, 200) === 0);
  const devLocal = (await send('/api/auth/dev-sign-in', { method: 'POST', json: { email: 'aino.yllapitaja@pohde.example' } })).status;
  report('3. development sign-in from this machine', `answered ${devLocal}`, devLocal === 200);
  const feed = `${base}/calendar.ics`;
  const loopbackFeed = await send('/api/imports/preview', { method: 'POST', json: { organisation: 'pohde', type: 'tyopaja', networks: ['osallisuus'], url: feed }, headers: { ...bearer('pohde'), 'X-Forwarded-For': '192.168.1.23' } });
  report('3. a loopback feed previewed for another machine', `answered ${loopbackFeed.status}`, loopbackFeed.status === 422);

  // 5. Rights before input: anonymous and wrong-rights writes with invalid bodies.
  const created = await send('/api/events', { method: 'POST', headers: bearer('pohde'), json: { status: 'published', title: { fi: 'Hyökkäystesti' }, type: 'tyopaja', start: '2027-03-02T09:00', end: '2027-03-02T12:00', networks: ['osallisuus'], organisations: ['pohde'] } });
  const event = (await created.json()) as { id: string };
  const writes: [string, string][] = [
    ['POST', '/api/events'],
    ['PATCH', `/api/events/${event.id}`],
    ['POST', `/api/events/${event.id}/cancel`],
    ['POST', '/api/clock/items'],
    ['PUT', '/api/clocks/pohjois-pohjanmaa/rings'],
    ['POST', '/api/clocks'],
    ['POST', '/api/tokens'],
    ['POST', '/api/imports/preview'],
    ['POST', '/api/admin/people'],
    ['POST', '/api/admin/organisations'],
  ];
  const invalidBodies = ['{"title": 5, "start": "eilen"}', '{"title": ', 'not json'];
  const anonymous = await statuses(writes.flatMap(([method, path]) => invalidBodies.map((body) => send(path, { method, body, headers: { 'Content-Type': 'application/json', 'Cf-Access-Jwt-Assertion': 'forged.jwt.value' } }))));
  report('5. anonymous or forged-Access writes with invalid bodies', `${count(anonymous, 401)} of ${anonymous.length} answered 401, ${count(anonymous, 422) + count(anonymous, 400)} validated`, count(anonymous, 401) === anonymous.length);
  const wrong = await statuses(
    [`/api/events/${event.id}`, `/api/events/${event.id}/cancel`].flatMap((path) => invalidBodies.map((body) => send(path, { method: path.endsWith('cancel') ? 'POST' : 'PATCH', body, headers: { ...bearer('posken'), 'Content-Type': 'application/json' } }))),
  );
  const rings = await statuses(invalidBodies.map((body) => send('/api/clocks/pohjois-pohjanmaa/rings', { method: 'PUT', body, headers: { ...bearer('posken'), 'Content-Type': 'application/json' } })));
  report('5. writes by another organisation with invalid bodies (events, regional clock rings)', `${count([...wrong, ...rings], 403)} of ${wrong.length + rings.length} answered 403`, count([...wrong, ...rings], 403) === wrong.length + rings.length);

  // 6. Co-organisers by consent.
  const shared = await send('/api/events', { method: 'POST', headers: bearer('pohde'), json: { status: 'published', title: { fi: 'Yhteinen hyökkäystesti' }, type: 'tyopaja', start: '2027-03-03T09:00', end: '2027-03-03T12:00', organisations: ['pohde', 'posken'] } });
  const sharedEvent = (await shared.json()) as { id: string; organisations: string[] };
  const hijack = await send(`/api/events/${sharedEvent.id}`, { method: 'PATCH', headers: { ...bearer('posken'), 'If-Match': '*' }, json: { title: { fi: 'Kaapattu' } } });
  report('6. an organisation named without consent', `shown as ${JSON.stringify(sharedEvent.organisations)}, its edit answered ${hijack.status}`, JSON.stringify(sharedEvent.organisations) === '["pohde"]' && hijack.status === 403);
  const accepted = await send(`/api/events/${sharedEvent.id}/co-organisers/posken/accept`, { method: 'POST', headers: bearer('posken') });
  const takeover = await send(`/api/events/${sharedEvent.id}`, { method: 'PATCH', headers: { ...bearer('posken'), 'If-Match': accepted.headers.get('ETag') ?? '*' }, json: { organisations: ['posken'] } });
  report('6. after accepting, the co-organiser removes the creator', `accept ${accepted.status}, removal answered ${takeover.status}`, accepted.status === 200 && takeover.status === 403);

  // 7. Smaller ones.
  const ssrf = await statuses(
    ['http://[::ffff:0:10.0.0.1]/a.ics', 'http://[2002:c0a8:101::1]/a.ics', 'http://[64:ff9b:1::a00:1]/a.ics', 'http://[fec0::1]/a.ics', 'http://[::ffff:0:7f00:1]/a.ics'].map((url) =>
      send('/api/imports/preview', { method: 'POST', headers: bearer('pohde'), json: { organisation: 'pohde', type: 'tyopaja', networks: ['osallisuus'], url } }),
    ),
  );
  report('7. import URLs in IPv4-translated, 6to4, local NAT64 and site-local IPv6', `${count(ssrf, 422)} of ${ssrf.length} refused`, count(ssrf, 422) === ssrf.length);
  const crlf = await send('/api/events', { method: 'POST', headers: bearer('pohde'), json: { title: { fi: 'Linkkitesti' }, type: 'tyopaja', start: '2027-03-04T09:00', end: '2027-03-04T10:00', onlineUrl: 'https://teams.example/x\r\nX-Injected: 1' } });
  report('7. a link with CR/LF', `answered ${crlf.status}`, crlf.status === 422);
  const types = await statuses([
    send('/api/imports/preview?organisation=pohde&type=tyopaja', { method: 'POST', headers: { ...bearer('pohde'), 'Content-Type': 'text/plain' }, body: 'BEGIN:VCALENDAR' }),
    send('/api/imports?organisation=pohde&type=tyopaja', { method: 'POST', headers: { ...bearer('pohde'), 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'ics=x' }),
    send('/api/clock/items/import', { method: 'POST', headers: { ...bearer('pohde'), 'Content-Type': 'text/plain' }, body: 'ring;kind' }),
  ]);
  report('7. imports in undeclared content types', `${count(types, 415)} of ${types.length} answered 415`, count(types, 415) === types.length);

  // 4. A corrupted backup leaves the target intact (a scratch database of its own, through `npm run restore`'s script).
  const scratch = mkdtempSync(join(tmpdir(), 'hytekello-restore-'));
  try {
    const env = { ...process.env, PERSIST_TO: scratch };
    const run = (args: string[]) => spawnSync('tsx', args, { encoding: 'utf8', env });
    spawnSync('wrangler', ['d1', 'migrations', 'apply', 'hytekello', '--local', '--persist-to', scratch], { encoding: 'utf8' });
    run(['scripts/seed.ts']);
    run(['scripts/backup.ts', 'export', '--out', join(scratch, 'before')]);
    const backup = JSON.parse(readFileSync(join(scratch, 'before', 'hytekello.json'), 'utf8')) as { tables: Record<string, Record<string, unknown>[]> };
    backup.tables.events!.push({ ...backup.tables.events![0]! });
    backup.tables.memberships!.push({ person_id: 999_999, organisation_id: 1, role: 'viewer' });
    writeFileSync(join(scratch, 'corrupted.json'), JSON.stringify(backup));
    const restore = run(['scripts/backup.ts', 'restore', join(scratch, 'corrupted.json')]);
    run(['scripts/backup.ts', 'export', '--out', join(scratch, 'after')]);
    const tablesOf = (dir: string) => (JSON.parse(readFileSync(join(scratch, dir, 'hytekello.json'), 'utf8')) as { tables: unknown }).tables;
    const intact = JSON.stringify(tablesOf('before')) === JSON.stringify(tablesOf('after'));
    const events = (tablesOf('after') as { events: unknown[] }).events.length;
    report('4. restore of a backup with a duplicate key and a dangling reference', `exit ${restore.status}, ${(restore.stderr.match(/^- /gm) ?? []).length} problems named, target ${intact ? `intact (${events} events)` : 'CHANGED'}`, restore.status === 1 && intact);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
} finally {
  service.stop();
}

const failed = results.filter((r) => !r.ok);
console.log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
if (failed.length > 0) process.exitCode = 1;
