/** Sign-in: passwords, sessions, rate limits, invitations, the development sign-in, Cloudflare Access. */
import { env } from 'cloudflare:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { insertPerson, setPasswordHash } from '../worker/db/accounts';
import { SYSTEM_ACTOR } from '../worker/domain/access';
import { hashPassword, iterationsOf, MAX_ITERATIONS, needsRehash, verifyPassword } from '../worker/domain/passwords';
import { app } from '../worker/index';
import type { Me } from '../worker/shared/accounts';
import { asBrowser, jsonRequest, request, sessionFor } from './helpers';

let counter = 0;
const uniqueEmail = (label: string) => `${label}-${Date.now()}-${++counter}@test.example`;

/** A person with a password, not signed in. */
async function personWithPassword(password: string, iterations = MAX_ITERATIONS): Promise<{ email: string; id: number }> {
  const email = uniqueEmail('login');
  const id = await insertPerson(env.DB, { name: 'Salasana Testaaja', email, memberships: [{ organisation: 'pohde', role: 'organiser' }] }, new Date().toISOString(), SYSTEM_ACTOR);
  await setPasswordHash(env.DB, id, await hashPassword(password, iterations));
  return { email, id };
}

/** A sign-in as it comes through Cloudflare: `request.cf` present, CF-Connecting-IP set by the edge. */
const login = (email: string, password: string, address = '192.0.2.1', cf: object | null = { colo: 'HEL' }) =>
  request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'https://hytekello.test', 'CF-Connecting-IP': address },
    body: JSON.stringify({ email, password }),
    ...(cf ? { cf: cf as RequestInit['cf'] } : {}),
  });

/** How many sign-ins were evaluated (the password checked: 200 or 401) and how many refused unchecked (429). */
function tally(responses: Response[]): { evaluated: number; refused: number } {
  const statuses = responses.map((r) => r.status);
  expect(statuses.every((s) => s === 200 || s === 401 || s === 429), statuses.join(',')).toBe(true);
  return { evaluated: statuses.filter((s) => s !== 429).length, refused: statuses.filter((s) => s === 429).length };
}

const cookieOf = (response: Response) => response.headers.get('Set-Cookie')!.split(';')[0]!;

describe('password hashes', () => {
  it('use PBKDF2-SHA256 at no more than 100,000 iterations, the count stored with each hash', async () => {
    expect(MAX_ITERATIONS).toBeLessThanOrEqual(100_000);
    const hash = await hashPassword('oikein hyvä salasana');
    expect(hash).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(iterationsOf(hash)).toBe(100_000);
    expect(await verifyPassword('oikein hyvä salasana', hash)).toBe(true);
    expect(await verifyPassword('oikein hyvä salasanA', hash)).toBe(false);
  });

  it('refuse to hash above the production limit, and never verify a hash claiming more', async () => {
    await expect(hashPassword('x'.repeat(12), MAX_ITERATIONS + 1)).rejects.toThrow(/100000/);
    const forged = (await hashPassword('x'.repeat(12), 1000)).replace('$1000$', '$200000$');
    expect(await verifyPassword('x'.repeat(12), forged)).toBe(false);
    expect(await verifyPassword('x'.repeat(12), 'not-a-hash')).toBe(false);
  });

  it('made with fewer iterations still verify, and are marked for renewal', async () => {
    const old = await hashPassword('vanha salasana!', 1000);
    expect(await verifyPassword('vanha salasana!', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('uusi salasana!!'))).toBe(false);
  });
});

describe('sign-in with a password', () => {
  it('sets an HttpOnly, Secure, SameSite=Lax session cookie that /api/auth/me accepts, until sign-out', async () => {
    const { email } = await personWithPassword('kolmetoista merkkiä');
    const response = await login(email.toUpperCase(), 'kolmetoista merkkiä');
    expect(response.status).toBe(200);
    const me = (await response.json()) as Me;
    expect(me).toMatchObject({ person: { email }, administrator: false, memberships: [{ organisation: 'pohde', role: 'organiser' }], writes: ['pohde'] });
    const setCookie = response.headers.get('Set-Cookie')!;
    expect(setCookie).toMatch(/^hyk_session=hys_[\w-]+;/);
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/', 'Max-Age=604800']) expect(setCookie).toContain(attribute);

    const cookie = cookieOf(response);
    const who = await request('/api/auth/me', { headers: { Cookie: cookie } });
    expect(who.status).toBe(200);
    expect(who.headers.get('Cache-Control')).toBe('private, no-store');

    const out = await request('/api/auth/logout', { method: 'POST', headers: asBrowser(cookie) });
    expect(out.status).toBe(204);
    expect(out.headers.get('Set-Cookie')).toMatch(/hyk_session=;.*Max-Age=0/);
    expect((await request('/api/auth/me', { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const { email } = await personWithPassword('oikea salasana 123');
    const wrong = await login(email, 'väärä salasana 123', '192.0.2.2');
    const unknown = await login(uniqueEmail('nobody'), 'väärä salasana 123', '192.0.2.2');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers.get('Content-Type')).toContain('application/problem+json');
    expect(((await wrong.json()) as { detail: string }).detail).toBe(((await unknown.json()) as { detail: string }).detail);
    expect(wrong.headers.get('Set-Cookie')).toBeNull();
  });

  it('names the field of a malformed sign-in', async () => {
    const response = await jsonRequest('POST', '/api/auth/login', { email: 'ei-sähköposti', password: '' }, { Origin: 'https://hytekello.test' });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['email', 'password']);
  });

  it('is refused for 15 minutes after 5 failures for an account, even with the right password', async () => {
    const { email } = await personWithPassword('oikea salasana 456');
    for (let i = 0; i < 5; i++) expect((await login(email, `väärin ${i} kerran`, `198.51.100.${i}`)).status).toBe(401);
    const blocked = await login(email, 'oikea salasana 456', '198.51.100.99');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('Retry-After')).toBe('900');
    expect(blocked.headers.get('Set-Cookie')).toBeNull();
  });

  it('is refused from an address that failed 30 times, whatever the account', async () => {
    const address = '203.0.113.77';
    for (let i = 0; i < 30; i++) await login(uniqueEmail(`guess${i}`), 'arvaus arvaus', address);
    const { email } = await personWithPassword('oikea salasana 789');
    expect((await login(email, 'oikea salasana 789', address)).status).toBe(429);
    expect((await login(email, 'oikea salasana 789', '203.0.113.78')).status).toBe(200);
  });

  it('cannot be raced: of 50 parallel wrong passwords for one account at most 5 are evaluated', async () => {
    const { email } = await personWithPassword('oikea salasana kilpa');
    const burst = await Promise.all(Array.from({ length: 50 }, (_, i) => login(email, `väärä salasana ${i}`, `198.51.100.${i + 1}`)));
    expect(tally(burst)).toEqual({ evaluated: 5, refused: 45 });
    expect(await env.DB.prepare('SELECT count(*) AS n FROM login_failures WHERE key = ?1').bind(`account:${email}`).first('n')).toBe(5);
    expect((await login(email, 'oikea salasana kilpa', '198.51.100.200')).status).toBe(429);
  });

  it('cannot be raced: the right password sent last in a burst of 20 counts as one of the 5 evaluated attempts', async () => {
    const { email } = await personWithPassword('oikea salasana purske');
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => login(email, i === 19 ? 'oikea salasana purske' : `väärä ${i} salasana`, `198.51.100.${i + 60}`)));
    // The right one signs in only if it was among the first five checked, never after five wrong ones.
    expect(tally(burst).evaluated).toBeLessThanOrEqual(5);
  });

  it('cannot be raced from one address: of 60 parallel attempts on 60 accounts at most 30 are evaluated', async () => {
    const burst = await Promise.all(Array.from({ length: 60 }, (_, i) => login(uniqueEmail(`parallel${i}`), 'arvaus arvaus', '203.0.113.90')));
    expect(tally(burst)).toEqual({ evaluated: 30, refused: 30 });
  });

  it('believes CF-Connecting-IP only when the request came through Cloudflare: 60 spoofed addresses count as one', async () => {
    const spoofed = await Promise.all(Array.from({ length: 60 }, (_, i) => login(uniqueEmail(`spoof${i}`), 'arvaus arvaus', `192.0.2.${100 + i}`, null)));
    expect(tally(spoofed).evaluated).toBeLessThanOrEqual(30);
    // Through Cloudflare each address has a count of its own.
    const edge = await Promise.all(Array.from({ length: 40 }, (_, i) => login(uniqueEmail(`edge${i}`), 'arvaus arvaus', `198.18.0.${i + 1}`)));
    expect(tally(edge)).toEqual({ evaluated: 40, refused: 0 });
  });

  it('counts every sign-in to a loopback host as one address, whatever CF-Connecting-IP says (wrangler dev gives every request a request.cf)', async () => {
    const local = (i: number) =>
      app.request('http://127.0.0.1:8787/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': `198.51.100.${i + 1}` }, body: JSON.stringify({ email: uniqueEmail(`local${i}`), password: 'arvaus arvaus' }), cf: { colo: 'DFW' } } as RequestInit, env);
    const burst = await Promise.all(Array.from({ length: 60 }, (_, i) => local(i)));
    expect(tally(burst).evaluated).toBeLessThanOrEqual(30);
  });

  it('renews a hash made with fewer iterations', async () => {
    const { email, id } = await personWithPassword('vanhan ajan salasana', 1000);
    expect((await login(email, 'vanhan ajan salasana', '192.0.2.50')).status).toBe(200);
    const row = await env.DB.prepare('SELECT password_hash FROM people WHERE id = ?1').bind(id).first<{ password_hash: string }>();
    expect(iterationsOf(row!.password_hash)).toBe(MAX_ITERATIONS);
  });

  it('ends with the session: an expired or revoked session is not signed in', async () => {
    const { cookie, personId } = await sessionFor([{ organisation: 'pohde', role: 'organiser' }]);
    expect((await request('/api/auth/me', { headers: { Cookie: cookie } })).status).toBe(200);
    await env.DB.prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00Z' WHERE person_id = ?1").bind(personId).run();
    expect((await request('/api/auth/me', { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('an administrator signs a person out everywhere', async () => {
    const admin = await sessionFor([{ organisation: 'pohde', role: 'administrator' }]);
    const target = await sessionFor([{ organisation: 'posken', role: 'organiser' }]);
    const response = await request(`/api/admin/people/${target.personId}/sign-out`, { method: 'POST', headers: asBrowser(admin.cookie) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ revoked: 1 });
    expect((await request('/api/auth/me', { headers: { Cookie: target.cookie } })).status).toBe(401);
  });
});

describe('invitations', () => {
  async function invite(): Promise<{ token: string; email: string; personId: number }> {
    const admin = await sessionFor([{ organisation: 'pohde', role: 'administrator' }]);
    const email = uniqueEmail('invited');
    const created = await jsonRequest('POST', '/api/admin/people', { name: 'Kutsuttu Henkilö', email, memberships: [{ organisation: 'posken', role: 'organiser' }] }, asBrowser(admin.cookie));
    expect(created.status).toBe(201);
    const person = (await created.json()) as { id: number; hasPassword: boolean };
    expect(person.hasPassword).toBe(false);
    const invitation = await request(`/api/admin/people/${person.id}/invitations`, { method: 'POST', headers: asBrowser(admin.cookie) });
    expect(invitation.status).toBe(201);
    const { url } = (await invitation.json()) as { url: string };
    expect(url).toMatch(/^https:\/\/hytekello\.test\/invitation#hyi_[\w-]+$/);
    return { token: url.split('#')[1]!, email, personId: person.id };
  }

  it('let the invited person set a password, sign them in, and work only once', async () => {
    const { token, email } = await invite();
    const info = await request(`/api/auth/invitations/${token}`);
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ name: 'Kutsuttu Henkilö', email });

    const short = await jsonRequest('POST', `/api/auth/invitations/${token}`, { password: 'lyhyt' }, { Origin: 'https://hytekello.test' });
    expect(short.status).toBe(422);
    expect(((await short.json()) as { errors: { field: string; message: string }[] }).errors[0]).toMatchObject({ field: 'password', message: '`password` must be at least 12 characters' });

    const accepted = await jsonRequest('POST', `/api/auth/invitations/${token}`, { password: 'pitkä ja hyvä salasana' }, { Origin: 'https://hytekello.test' });
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as Me).writes).toEqual(['posken']);
    expect((await request('/api/auth/me', { headers: { Cookie: cookieOf(accepted) } })).status).toBe(200);

    expect((await jsonRequest('POST', `/api/auth/invitations/${token}`, { password: 'toinen hyvä salasana' }, { Origin: 'https://hytekello.test' })).status).toBe(404);
    expect((await request(`/api/auth/invitations/${token}`)).status).toBe(404);
    expect((await login(email, 'pitkä ja hyvä salasana', '192.0.2.60')).status).toBe(200);
    expect((await login(email, 'toinen hyvä salasana', '192.0.2.60')).status).toBe(401);
  });

  it('used twice at once let exactly one in', async () => {
    const { token } = await invite();
    const uses = await Promise.all(
      [1, 2, 3].map((i) => jsonRequest('POST', `/api/auth/invitations/${token}`, { password: `rinnakkainen salasana ${i}` }, { Origin: 'https://hytekello.test' })),
    );
    expect(uses.map((r) => r.status).sort()).toEqual([200, 404, 404]);
  });

  it('expire', async () => {
    const { token, personId } = await invite();
    await env.DB.prepare("UPDATE invitations SET expires_at = '2000-01-01T00:00:00Z' WHERE person_id = ?1").bind(personId).run();
    expect((await request(`/api/auth/invitations/${token}`)).status).toBe(404);
    expect((await jsonRequest('POST', `/api/auth/invitations/${token}`, { password: 'myöhästynyt salasana' }, { Origin: 'https://hytekello.test' })).status).toBe(404);
  });
});

describe('the development sign-in', () => {
  const devSignIn = (url: string, vars: Record<string, string>) =>
    app.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'dev-person@test.example' }) }, { ...env, ...vars });

  it('works only with DEV_SIGN_IN=enabled and on a loopback address', async () => {
    await insertPerson(env.DB, { name: 'Kehittäjä', email: 'dev-person@test.example', memberships: [{ organisation: 'pohde', role: 'organiser' }] }, new Date().toISOString(), SYSTEM_ACTOR).catch(() => undefined);
    expect((await devSignIn('http://localhost/api/auth/dev-sign-in', {})).status).toBe(404);
    expect((await devSignIn('https://hytekello.fi/api/auth/dev-sign-in', { DEV_SIGN_IN: 'enabled' })).status).toBe(404);
    expect((await devSignIn('http://localhost/api/auth/dev-sign-in', { DEV_SIGN_IN: 'yes' })).status).toBe(404);
    const allowed = await devSignIn('http://127.0.0.1:8787/api/auth/dev-sign-in', { DEV_SIGN_IN: 'enabled' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('Set-Cookie')).toContain('HttpOnly');
  });

  it('refuses a request that a proxy forwarded for another machine, whatever Host it names', async () => {
    await insertPerson(env.DB, { name: 'Kehittäjä', email: 'dev-person@test.example', memberships: [{ organisation: 'pohde', role: 'organiser' }] }, new Date().toISOString(), SYSTEM_ACTOR).catch(() => undefined);
    const through = (headers: Record<string, string>) =>
      app.request('http://localhost:5173/api/auth/dev-sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ email: 'dev-person@test.example' }) }, { ...env, DEV_SIGN_IN: 'enabled' });
    expect((await through({ 'X-Forwarded-For': '192.168.1.23' })).status).toBe(404);
    expect((await through({ 'X-Forwarded-For': '127.0.0.1, 192.168.1.23' })).status).toBe(404);
    expect((await through({ Forwarded: 'for="[2001:db8::7]:4711"' })).status).toBe(404);
    expect((await through({ 'X-Forwarded-For': '::ffff:127.0.0.1', 'CF-Connecting-IP': '10.0.0.8' })).status).toBe(404);
    expect((await through({ 'X-Forwarded-For': 'unknown' })).status).toBe(404);
    // The same proxy forwarding for this machine.
    expect((await through({ 'X-Forwarded-For': '::ffff:127.0.0.1', 'CF-Connecting-IP': '127.0.0.1' })).status).toBe(200);
  });

  it('is not configured in wrangler.toml, so a deployment never has it', async () => {
    expect((env as unknown as Record<string, unknown>).DEV_SIGN_IN).toBeUndefined();
  });
});

describe('Cloudflare Access', () => {
  const audience = 'aud-tag-of-the-application';
  // Keys are cached per team for the isolate's life: each test has a team of its own.
  let teams = 0;
  let team = '';
  beforeEach(() => {
    team = `https://hytekello-test-${++teams}.cloudflareaccess.com`;
  });

  afterEach(() => vi.restoreAllMocks());

  async function keys(kid: string) {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
  }

  /** Serves a JWKS at the team's certs URL, counting fetches; other URLs are not reached. */
  function serveKeys(jwks: () => object[]) {
    const calls: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const url = input instanceof Request ? input.url : String(input);
      calls.push(url);
      if (url === `${team}/cdn-cgi/access/certs`) return new Response(JSON.stringify({ keys: jwks() }), { headers: { 'Content-Type': 'application/json' } });
      return new Response('not here', { status: 404 });
    });
    return calls;
  }

  const sign = (privateKey: CryptoKey, kid: string, claims: { email?: string; iss?: string; aud?: string; exp?: number }) =>
    new SignJWT({ email: claims.email })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(claims.iss ?? team)
      .setAudience(claims.aud ?? audience)
      .setIssuedAt()
      .setExpirationTime(claims.exp ?? '5m')
      .sign(privateKey);

  const me = (jwt: string) => app.request('https://hytekello.test/api/auth/me', { headers: { 'Cf-Access-Jwt-Assertion': jwt } }, { ...env, ACCESS_TEAM_DOMAIN: team.replace('https://', ''), ACCESS_AUD: audience });

  it('signs in the person whose email a valid token names, with keys fetched once and matched by kid', async () => {
    const person = await sessionFor([{ organisation: 'takuusaatio', role: 'organiser' }], 'Access Käyttäjä');
    const { privateKey, jwk } = await keys('key-1');
    const calls = serveKeys(() => [jwk]);
    const first = await me(await sign(privateKey, 'key-1', { email: person.email }));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ via: 'access', person: { email: person.email }, writes: ['takuusaatio'] });
    expect((await me(await sign(privateKey, 'key-1', { email: person.email }))).status).toBe(200);
    expect(calls.filter((url) => url.endsWith('/certs'))).toHaveLength(1);
  });

  it('refuses a wrong audience, a wrong issuer, an expired token, a foreign key, and an unknown person', async () => {
    const person = await sessionFor([{ organisation: 'pohde', role: 'viewer' }]);
    const { privateKey, jwk } = await keys('key-2');
    const stranger = await keys('key-2');
    serveKeys(() => [jwk]);
    expect((await me(await sign(privateKey, 'key-2', { email: person.email, aud: 'another-app' }))).status).toBe(401);
    expect((await me(await sign(privateKey, 'key-2', { email: person.email, iss: 'https://evil.cloudflareaccess.com' }))).status).toBe(401);
    expect((await me(await sign(privateKey, 'key-2', { email: person.email, exp: Math.floor(Date.now() / 1000) - 600 }))).status).toBe(401);
    expect((await me(await sign(stranger.privateKey, 'key-2', { email: person.email }))).status).toBe(401);
    expect((await me('not.a.jwt')).status).toBe(401);
    const unknown = await me(await sign(privateKey, 'key-2', { email: 'stranger@test.example' }));
    expect(unknown.status).toBe(403);
    expect(((await unknown.json()) as { detail: string }).detail).toContain('stranger@test.example');
  });

  it('refuses a token without an expiry, which would never expire', async () => {
    const person = await sessionFor([{ organisation: 'pohde', role: 'organiser' }]);
    const { privateKey, jwk } = await keys('key-3');
    serveKeys(() => [jwk]);
    const forever = await new SignJWT({ email: person.email }).setProtectedHeader({ alg: 'RS256', kid: 'key-3' }).setIssuer(team).setAudience(audience).setIssuedAt().sign(privateKey);
    expect((await me(forever)).status).toBe(401);
    expect((await me(await sign(privateKey, 'key-3', { email: person.email }))).status).toBe(200);
  });

  it('follows a key rotation: a token with a new kid makes the keys be fetched again', async () => {
    const person = await sessionFor([{ organisation: 'pohde', role: 'organiser' }]);
    const old = await keys('old-key');
    const rotated = await keys('new-key');
    let current = [old.jwk];
    const calls = serveKeys(() => current);
    expect((await me(await sign(old.privateKey, 'old-key', { email: person.email }))).status).toBe(200);
    current = [old.jwk, rotated.jwk];
    // After the cool-down that keeps a flood of unknown kids from hammering the team's endpoint.
    const later = Date.now() + 31_000;
    vi.spyOn(Date, 'now').mockImplementation(() => later);
    expect((await me(await sign(rotated.privateKey, 'new-key', { email: person.email }))).status).toBe(200);
    expect(calls.filter((url) => url.endsWith('/certs'))).toHaveLength(2);
  });

  it('is ignored when the deployment has no Access configuration', async () => {
    const response = await request('/api/auth/me', { headers: { 'Cf-Access-Jwt-Assertion': 'whatever' } });
    expect(response.status).toBe(401);
  });
});
