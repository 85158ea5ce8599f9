/**
 * The organiser and administrator pages in a real Chromium against the
 * running service with the demo people: signing in and out, the event
 * form, duplicating, cancelling, deleting, the "changed meanwhile" review,
 * rights, people and invitations, tokens, calendar import, the audit
 * trail, axe-core, and the keyboard alone. Every test makes its own events with unique titles.
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, launch } from './browser';

const baseUrl = inject('baseUrl');
const DEMO_PASSWORD = 'hytekello-demo-salasana';
const OLLI = 'Olli Järjestäjä';
const AINO = 'Aino Ylläpitäjä';
const PIRJO = 'Pirjo Posken';

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  const open = contexts.splice(0);
  const pages = open.flatMap((context) => context.pages());
  const violations = (await Promise.all(pages.map((page) => page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []).catch(() => [])))).flat();
  await Promise.all(open.map((context) => context.close()));
  expect(violations, 'Content-Security-Policy violations').toEqual([]);
});

/** Every Content-Security-Policy violation is written down; the tests expect none. */
async function watchPolicy(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
}

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, timezoneId: 'Europe/Helsinki', locale: 'fi-FI' });
  contexts.push(context);
  await watchPolicy(context);
  return context.newPage();
}

let counter = 0;
/** A title no other test uses. */
const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Opens a page and waits until its data has arrived (no loading indicator left). */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForSelector('main h1');
  await page.waitForFunction(() => !document.querySelector('.spinner'));
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
const sessions = new Map<string, StorageState>();

/**
 * A page of a demo person signed in with the development sign-in; the
 * first time through the sign-in page, then with the same cookies in a
 * context of its own (each test still gets a fresh browser context).
 */
async function signIn(name: string, path = '/manage'): Promise<Page> {
  const saved = sessions.get(name);
  if (saved) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, timezoneId: 'Europe/Helsinki', locale: 'fi-FI', storageState: saved });
    contexts.push(context);
    await watchPolicy(context);
    const page = await context.newPage();
    await open(page, path);
    return page;
  }
  const page = await newPage();
  await open(page, '/sign-in');
  await page.getByRole('button', { name: `Kirjaudu: ${name}` }).click();
  await page.waitForURL(/\/manage/);
  await page.locator('.user-name', { hasText: name }).waitFor();
  sessions.set(name, await page.context().storageState());
  if (path !== '/manage') await open(page, path);
  return page;
}

/** Waits until a new event has been saved and the page has moved to its address; returns its id. */
async function savedEventId(page: Page): Promise<string> {
  await page.waitForURL((url) => /^\/manage\/events\/[a-z0-9-]+$/.test(url.pathname) && !url.pathname.endsWith('/new'));
  return new URL(page.url()).pathname.split('/').pop()!;
}

interface Answer {
  status: number;
  etag: string | null;
  body: any;
}

/** A request from the page, with its session, as the UI makes them. */
function api(page: Page, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return page.evaluate(
    async ({ method, path, body, headers }) => {
      const response = await fetch(path, { method, headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, etag: response.headers.get('ETag'), body: text ? JSON.parse(text) : null };
    },
    { method, path, body, headers },
  );
}

/** An event of pohde made through the API, the way a test needs it. */
async function makeEvent(page: Page, title: string, extra: Record<string, unknown> = {}): Promise<{ id: string; etag: string }> {
  const answer = await api(page, 'POST', '/api/events', { title: { fi: title }, type: 'tyopaja', start: '2027-05-10T09:00', end: '2027-05-10T12:00', organisations: ['pohde'], networks: ['osallisuus'], ...extra });
  expect(answer.status).toBe(201);
  return { id: answer.body.id, etag: answer.etag! };
}

const successText = (page: Page) => page.locator('.status-ok').first().textContent();

describe('signing in', () => {
  it('signs in with a password, shows who is signed in, and signs out', async () => {
    const page = await newPage();
    await open(page, '/');
    await page.getByRole('link', { name: 'Kirjaudu' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('Sähköposti').fill('olli.jarjestaja@pohde.example');
    await page.getByLabel('Salasana').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
    await page.waitForURL(/\/manage/);
    await page.locator('.user-name', { hasText: OLLI }).waitFor();
    expect(await page.getByRole('link', { name: 'Omat tapahtumat' }).first().isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
    await page.getByRole('link', { name: 'Kirjaudu' }).waitFor();
    expect(await page.locator('.user-name').count()).toBe(0);
    expect((await api(page, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('tells a wrong password apart, without signing in', async () => {
    const page = await newPage();
    await open(page, '/sign-in');
    await page.getByLabel('Sähköposti').fill('pirjo@posken.example');
    await page.getByLabel('Salasana').fill('not the password');
    await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Sähköposti tai salasana on väärin');
    expect((await api(page, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('offers the development sign-in on a local server', async () => {
    const page = await signIn(PIRJO);
    expect((await api(page, 'GET', '/api/auth/me')).body.person.name).toBe(PIRJO);
  });
});

describe('an organiser', () => {
  it('creates a draft, publishes it, and it appears on the public calendar', async () => {
    const page = await signIn(OLLI);
    const title = unique('Savutesti');
    await page.getByRole('link', { name: 'Uusi tapahtuma' }).click();
    await page.locator('#ev-title-fi').fill(title);
    await page.locator('#ev-type').selectOption('tyopaja');
    await page.getByRole('button', { name: 'Tallenna' }).click();
    const id = await savedEventId(page);
    expect(await successText(page)).toContain('Tapahtuma luotu luonnoksena');
    // The keyboard is at the message, not at the top of a page whose form was replaced.
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('status-ok'))).toBe(true);
    expect((await api(page, 'GET', `/api/events/${id}`)).body.status).toBe('draft');
    // Not public while a draft.
    expect((await (await fetch(`${baseUrl}/api/events/${id}`)).status)).toBe(404);

    await page.getByLabel('Julkaistu').check();
    await page.getByRole('button', { name: 'Tallenna' }).click();
    await page.locator('.status-ok', { hasText: 'Tapahtuma tallennettu' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Tapahtuma tallennettu.');
    const visitor = await newPage();
    await open(visitor, `/?q=${encodeURIComponent(title)}`);
    await visitor.locator('.event-title', { hasText: title }).waitFor();
  });

  it('validates as you type with the messages next to the fields, and moves focus to the first invalid field on save', async () => {
    const page = await signIn(OLLI, '/manage/events/new');
    const url = page.locator('#ev-onlineUrl');
    await url.fill('ftp://example');
    await url.blur();
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#ev-onlineUrl-error').textContent()).toContain('http');
    expect(await url.getAttribute('aria-describedby')).toContain('ev-onlineUrl-error');
    await url.fill('https://example.fi/teams');
    await page.waitForFunction(() => !document.querySelector('#ev-onlineUrl-error'));
    await page.locator('#ev-end-time').fill('08:00');
    await page.locator('#ev-end-time').blur();
    expect(await page.locator('#ev-end-error').textContent()).toContain('Loppu ei voi olla ennen alkua');
    await page.getByRole('button', { name: 'Tallenna' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ev-title-fi');
    expect(await page.locator('#ev-type-error').textContent()).toContain('Pakollinen');
    // The summary counts in the right form and links to every field in error.
    const summary = page.locator('.error-summary');
    const links = summary.getByRole('link');
    const count = await links.count();
    expect(count).toBeGreaterThan(1);
    expect(await summary.locator('p').textContent()).toBe(`Korjaa merkityt kentät: ${count} virhettä.`);
    expect(await links.allTextContents()).toContain(`Tapahtumatyyppi: ${await page.locator('#ev-type-error').textContent()}`);
    await summary.getByRole('link', { name: /^Tapahtumatyyppi:/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ev-type');
    // One error left: one error, said so.
    await page.locator('#ev-title-fi').fill('Yksi virhe jäljellä');
    await page.locator('#ev-type').selectOption('tyopaja');
    await page.locator('#ev-end-time').fill('17:00');
    await page.locator('#ev-onlineUrl').fill('ei osoite');
    await page.locator('#ev-onlineUrl').blur();
    await page.getByRole('button', { name: 'Tallenna' }).click();
    await expect.poll(() => summary.locator('p').textContent()).toBe('Korjaa merkitty kenttä: 1 virhe.');
  });

  it('fetches the organiser texts of the page language only; switching the language fetches that one, and the form keeps what was typed and says its errors in it', async () => {
    const page = await signIn(OLLI, '/manage/events/new');
    const textsFetched = () =>
      page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((entry) => /\/organiser-(fi|sv|en)-[\w-]+\.js$/.exec(new URL(entry.name).pathname)?.[1])
          .filter(Boolean),
      );
    expect(await textsFetched()).toEqual(['fi']);
    const title = unique('Kielenvaihto');
    await page.locator('#ev-title-fi').fill(title);
    await page.locator('#ev-onlineUrl').fill('ftp://example');
    await page.locator('#ev-onlineUrl').blur();
    expect(await page.locator('#ev-onlineUrl-error').textContent()).toBe('Anna osoite, joka alkaa http:// tai https://.');
    await page.getByRole('link', { name: 'På svenska' }).click();
    await page.getByRole('button', { name: 'Spara' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    expect(await page.locator('#ev-title-fi').inputValue()).toBe(title);
    expect(await page.locator('#ev-onlineUrl-error').textContent()).toBe('Ange en adress som börjar med http:// eller https://.');
    expect(await textsFetched()).toEqual(['fi', 'sv']);
    await page.getByRole('link', { name: 'In English' }).click();
    await page.getByRole('button', { name: 'Save' }).waitFor();
    expect(await page.locator('#ev-onlineUrl-error').textContent()).toBe('Give an address starting with http:// or https://.');
    // Back in Finnish: the texts fetched first are used again, not fetched anew.
    await page.getByRole('link', { name: 'Suomeksi' }).click();
    await page.getByRole('button', { name: 'Tallenna' }).waitFor();
    expect(await page.locator('#ev-title-fi').inputValue()).toBe(title);
    expect(await textsFetched()).toEqual(['fi', 'sv', 'en']);
  });

  it('checks as one types on the browser\'s own Temporal, and one without it fetches the polyfill and checks the same', async () => {
    const page = await signIn(OLLI);
    const fetched: string[] = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    const endBeforeStart = async () => {
      await page.locator('#ev-end-time').fill('08:00');
      await page.locator('#ev-end-time').blur();
      expect(await page.locator('#ev-end-error').textContent()).toContain('Loppu ei voi olla ennen alkua');
    };
    await open(page, '/manage/events/new');
    await endBeforeStart();
    expect(fetched.filter((path) => path.includes('temporal-polyfill'))).toEqual([]);
    // As in a browser that has no Temporal yet (Safari).
    await page.context().addInitScript(() => delete (globalThis as { Temporal?: unknown }).Temporal);
    await open(page, '/manage/events/new');
    expect(await page.evaluate(() => typeof (globalThis as { Temporal?: unknown }).Temporal)).toBe('undefined');
    expect(fetched.filter((path) => path.includes('temporal-polyfill'))).toHaveLength(1);
    await endBeforeStart();
  });

  it('a rule only the worker checks (the start must be the first occurrence of the rule) shows beside its field once saving is tried', async () => {
    const page = await signIn(OLLI, '/manage/events/new');
    await page.locator('#ev-title-fi').fill(unique('Tiistairyhmä'));
    await page.locator('#ev-type').selectOption('tyopaja');
    // 1 September 2027 is a Wednesday; the rule gives Tuesdays.
    await page.locator('#ev-start').fill('2027-09-01');
    await page.locator('#ev-end').fill('2027-09-01');
    await page.locator('#ev-recurrence-rrule').selectOption('custom');
    await page.locator('#ev-recurrence-custom').fill('FREQ=WEEKLY;BYDAY=TU;COUNT=5');
    await page.locator('#ev-recurrence-custom').blur();
    await page.locator('#ev-start').blur();
    expect(await page.locator('#ev-start-error').count()).toBe(0);
    await page.getByRole('button', { name: 'Tallenna' }).click();
    await page.locator('#ev-start-error').waitFor();
    expect(await page.locator('#ev-start-error').textContent()).toBe('Alun pitää olla toistosäännön ensimmäinen kerta: valitse alkupäiväksi jokin toistopäivistä.');
    expect(await page.locator('#ev-start').getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).pathname).toBe('/manage/events/new');
  });

  it('tabbing past an empty required field does not turn it red; changing it or trying to save does', async () => {
    const page = await signIn(OLLI, '/manage/events/new');
    const title = page.locator('#ev-title-fi');
    await title.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await title.getAttribute('aria-invalid')).not.toBe('true');
    expect(await page.locator('#ev-title-fi-error').count()).toBe(0);
    await title.fill('x');
    await title.fill('');
    await title.blur();
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    const type = page.locator('#ev-type');
    await type.focus();
    await page.keyboard.press('Tab');
    expect(await type.getAttribute('aria-invalid')).not.toBe('true');
    await page.getByRole('button', { name: 'Tallenna' }).click();
    expect(await type.getAttribute('aria-invalid')).toBe('true');
  });

  it('a person without an organisation gets no event form but an explanation and whom to ask', async () => {
    const page = await signIn('Ville Katsoja', '/manage/events/new');
    const box = page.locator('.no-organisation');
    await box.getByRole('link', { name: 'aino.yllapitaja@pohde.example' }).waitFor();
    // The organisation's name comes with the reference data, which may answer after the administrators.
    await page.locator('.no-organisation', { hasText: 'olet organisaatiossa Oulun kaupunki katselija' }).waitFor();
    expect(await box.textContent()).toContain('Pyydä palvelun ylläpitäjää');
    expect(await box.textContent()).toContain(AINO);
    expect(await page.locator('form, #ev-title-fi').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await open(page, '/manage/events/new?lang=en');
    await page.locator('.no-organisation', { hasText: 'Ask an administrator of the service' }).waitFor();
  });

  it('/manage lists my events with a search, a sort and counts', async () => {
    const page = await signIn(OLLI);
    const tag = unique('Lajittelu');
    await makeEvent(page, `${tag} Bertta`, { start: '2027-06-02T09:00', end: '2027-06-02T10:00', status: 'draft' });
    await makeEvent(page, `${tag} Aapo`, { start: '2027-06-03T09:00', end: '2027-06-03T10:00', status: 'draft' });
    await makeEvent(page, `${tag} Cecilia`, { start: '2027-06-01T09:00', end: '2027-06-01T10:00', status: 'draft' });
    await open(page, '/manage');
    const counts = (await api(page, 'GET', '/api/me/events?status=draft')).body.counts;
    const tabs = page.getByRole('navigation', { name: 'Tapahtumien tila' });
    await expect.poll(() => tabs.textContent()).toContain(`Luonnokset (${counts.draft})`);
    expect(await tabs.textContent()).toContain(`Julkaistut (${counts.published})`);
    expect(await page.locator('.list-count').textContent()).toBe(`${counts.draft} tapahtumaa`);
    await page.getByLabel('Hae tapahtumista').fill(tag.toLowerCase());
    const titles = () => page.locator('table.my-events tbody th a').allTextContents();
    await expect.poll(titles).toEqual([`${tag} Aapo`, `${tag} Bertta`, `${tag} Cecilia`]);
    expect(await page.locator('.list-count').textContent()).toBe(`3 / ${counts.draft} tapahtumaa vastaa hakua`);
    await page.getByLabel('Järjestys').selectOption('title');
    await expect.poll(titles).toEqual([`${tag} Aapo`, `${tag} Bertta`, `${tag} Cecilia`]);
    await page.getByLabel('Järjestys').selectOption('start-asc');
    await expect.poll(titles).toEqual([`${tag} Cecilia`, `${tag} Bertta`, `${tag} Aapo`]);
    await page.getByLabel('Hae tapahtumista').fill(`${tag} ei tällaista`);
    await page.getByText('Yksikään tapahtuma ei vastaa hakua.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('/manage reads every page of my events, so that the oldest are listed and found too', async () => {
    const page = await signIn(OLLI);
    const tag = unique('Sivutus');
    // The oldest starts, so that they come on the last pages.
    for (const day of ['01', '02', '03']) await makeEvent(page, `${tag} ${day}`, { start: `2001-01-${day}T09:00`, end: `2001-01-${day}T10:00`, status: 'draft' });
    // The server answers in pages of two, as it would with more events than one page holds.
    const asked: string[] = [];
    await page.route('**/api/me/events?*', (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('limit', '2');
      asked.push(url.search);
      return route.continue({ url: url.toString() });
    });
    await open(page, '/manage?status=draft');
    const tabs = page.getByRole('navigation', { name: 'Tapahtumien tila' });
    await expect.poll(() => tabs.textContent()).toMatch(/Luonnokset \(\d+\)/);
    const drafts = Number((await tabs.textContent())!.match(/Luonnokset \((\d+)\)/)![1]);
    expect(drafts).toBeGreaterThanOrEqual(3);
    expect(await page.locator('table.my-events tbody tr').count()).toBe(drafts);
    expect(await page.locator('.list-count').textContent()).toBe(`${drafts} tapahtumaa`);
    expect(asked.filter((search) => search.includes('cursor=')).length).toBeGreaterThanOrEqual(Math.ceil(drafts / 2) - 1);
    await page.getByLabel('Hae tapahtumista').fill(tag.toLowerCase());
    await expect.poll(() => page.locator('table.my-events tbody th a').allTextContents()).toEqual([`${tag} 03`, `${tag} 02`, `${tag} 01`]);
  });

  it('the time-zone list starts with Europe/Helsinki, Europe/Stockholm and UTC', async () => {
    const page = await signIn(OLLI, '/manage/events/new');
    const zones = await page.locator('#ev-timeZone option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(zones.slice(0, 3)).toEqual(['Europe/Helsinki', 'Europe/Stockholm', 'UTC']);
    expect(zones.length).toBeGreaterThan(300);
    expect(new Set(zones).size).toBe(zones.length);
  });

  it('the recurrence shows a sentence in the page language and the next dates instead of FREQ=WEEKLY;BYDAY=WE', async () => {
    const page = await signIn(OLLI, '/manage/events/new');
    await page.locator('#ev-start').fill('2027-09-01');
    await page.locator('#ev-end').fill('2027-09-01');
    await page.locator('#ev-recurrence-rrule').selectOption('weekly');
    await page.getByRole('checkbox', { name: 'keskiviikko' }).check();
    const summary = page.locator('.rule-summary');
    await expect.poll(() => summary.textContent()).toContain('Joka viikko keskiviikkoisin');
    expect(await summary.textContent()).toContain('Seuraavat kerrat: 1.9.2027, 8.9.2027, 15.9.2027, 22.9.2027, 29.9.2027');
    expect(await summary.textContent()).not.toContain('FREQ');
    await page.locator('#ev-recurrence-interval').fill('2');
    await page.getByRole('button', { name: 'Lisää poikkeus' }).click();
    await page.locator('#ev-exception-0').fill('2027-09-15');
    await expect.poll(() => summary.textContent()).toContain('Joka toinen viikko keskiviikkoisin');
    expect(await summary.textContent()).toContain('Seuraavat kerrat: 1.9.2027, 29.9.2027, 13.10.2027');
    // A rule the sentence cannot say is shown as written.
    await page.locator('#ev-recurrence-rrule').selectOption('custom');
    await page.locator('#ev-recurrence-custom').fill('FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=1');
    await expect.poll(() => summary.textContent()).toBe('Sääntö: FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=1');
    await open(page, '/manage/events/new?lang=sv');
    await page.locator('#ev-recurrence-rrule').selectOption('weekly');
    await expect.poll(() => page.locator('.rule-summary').textContent()).toMatch(/^Varje vecka på \p{L}+dagar/u);
  });

  it('writes a monthly "first Tuesday" rule from plain words, and shows the Finnish time of another zone', async () => {
    const page = await signIn(OLLI, '/manage/events/new');
    await page.locator('#ev-title-fi').fill(unique('Kuukausitapaaminen'));
    await page.locator('#ev-type').selectOption('verkostotapaaminen');
    await page.locator('#ev-start').fill('2027-02-02');
    await page.locator('#ev-end').fill('2027-02-02');
    await page.locator('#ev-timeZone').selectOption('Europe/Stockholm');
    expect(await page.locator('.helsinki-time').textContent()).toContain('klo 10.00–12.00');
    await page.locator('#ev-recurrence-rrule').selectOption('monthly-weekday');
    await page.locator('#ev-recurrence-nth').selectOption('1');
    await page.locator('#ev-recurrence-weekday').selectOption('TU');
    await page.getByLabel('Kertojen jälkeen').check();
    await page.locator('#ev-recurrence-count').fill('6');
    await page.getByRole('button', { name: 'Lisää poikkeuspäivä' }).click();
    await page.locator('#ev-exception-0').fill('2027-04-06');
    await page.getByRole('button', { name: 'Tallenna' }).click();
    const event = (await api(page, 'GET', `/api/events/${await savedEventId(page)}`)).body;
    expect(event.recurrence.rrule).toBe('FREQ=MONTHLY;BYDAY=1TU;COUNT=6');
    expect(event.recurrence.exceptions).toEqual([expect.objectContaining({ occurrence: '2027-04-06T09:00', kind: 'removed' })]);
    expect(event.timeZone).toBe('Europe/Stockholm');
  });

  it('shows conflict hints and a preview of the public page', async () => {
    const page = await signIn(OLLI);
    const other = unique('Osallisuusverkosto');
    await makeEvent(page, other, { status: 'published', start: '2027-06-15T10:00', end: '2027-06-15T12:00' });
    await open(page, '/manage/events/new');
    const title = unique('Päällekkäinen');
    await page.locator('#ev-title-fi').fill(title);
    await page.locator('#ev-type').selectOption('tyopaja');
    await page.locator('#ev-start').fill('2027-06-15');
    await page.locator('#ev-end').fill('2027-06-15');
    await page.locator('#ev-networks input[value="osallisuus"]').check();
    await page.locator('.conflicts', { hasText: other }).waitFor();
    await page.getByRole('button', { name: 'Esikatsele' }).click();
    expect(await page.locator('.preview h1').textContent()).toContain(title);
    expect(await page.locator('.preview .facts').textContent()).toContain('ti 15.6.2027 klo 9.00–11.00');
  });

  it('duplicates an event as a draft a year later', async () => {
    const page = await signIn(OLLI);
    const title = unique('Hyvinvointifoorumi 2027');
    const { id } = await makeEvent(page, title, { status: 'published' });
    await open(page, '/manage?status=published');
    await page.getByRole('button', { name: `Monista: ${title}` }).click();
    await page.getByRole('button', { name: 'Jatka kopioon' }).click();
    await page.waitForURL(/from=/);
    await page.locator('#ev-title-fi').waitFor();
    expect(await page.locator('#ev-title-fi').inputValue()).toBe(title.replace('2027', '2028'));
    expect(await page.locator('#ev-start').inputValue()).toBe('2028-05-10');
    await page.getByRole('button', { name: 'Tallenna' }).click();
    const copy = (await api(page, 'GET', `/api/events/${await savedEventId(page)}`)).body;
    expect(copy.id).not.toBe(id);
    expect(copy.status).toBe('draft');
    expect(copy.start).toBe('2028-05-10T09:00');
    expect(copy.networks).toEqual(['osallisuus']);
  });

  it('cancels an event with a reason in Finnish and Swedish that the event page shows in its language', async () => {
    const page = await signIn(OLLI);
    const title = unique('Peruttava');
    const { id } = await makeEvent(page, title, { status: 'published' });
    await open(page, '/manage?status=published');
    await page.getByRole('button', { name: `Peru tapahtuma: ${title}` }).click();
    await page.getByLabel('Perumisen syy').fill('Kouluttaja sairastui');
    await page.locator('dialog').getByText('Syy ruotsiksi ja englanniksi').click();
    await page.getByLabel('Syy ruotsiksi').fill('Utbildaren insjuknade');
    await page.locator('dialog').getByRole('button', { name: 'Peru tapahtuma' }).click();
    await page.locator('.status-ok', { hasText: 'on peruttu' }).waitFor();
    await open(page, `/events/${id}`);
    expect(await page.locator('.notice-cancelled').textContent()).toContain('Kouluttaja sairastui');
    await open(page, `/events/${id}?lang=sv`);
    await page.locator('.notice-cancelled', { hasText: 'Utbildaren insjuknade' }).waitFor();
    // Swedish, so not marked as Finnish; no English one, so the English page has the Finnish one, marked.
    expect(await page.locator('.notice-cancelled span[lang="fi"]').count()).toBe(0);
    await open(page, `/events/${id}?lang=en`);
    expect(await page.locator('.notice-cancelled span[lang="fi"]').textContent()).toBe('Kouluttaja sairastui');
  });

  it('an event page seen before a cancel shows the cancel when opened again, not a copy from the browser cache', async () => {
    const page = await signIn(OLLI);
    const title = unique('Heti peruttu');
    const { id, etag } = await makeEvent(page, title, { status: 'published' });
    await open(page, `/events/${id}`);
    expect(await page.locator('.notice-cancelled').count()).toBe(0);
    expect((await api(page, 'POST', `/api/events/${id}/cancel`, { reason: 'Puhuja sairastui' }, { 'If-Match': etag })).status).toBe(200);
    await open(page, '/');
    await open(page, `/events/${id}`);
    expect(await page.locator('.notice-cancelled').textContent()).toContain('Puhuja sairastui');
  });

  it('an upcoming event offers registration until its deadline, then says registration has closed', async () => {
    const page = await signIn(OLLI);
    const open_ = await makeEvent(page, unique('Ilmoittautuminen auki'), { status: 'published', registration: { url: 'https://example.org/ilmoittaudu', deadline: '2027-05-01' } });
    const closed = await makeEvent(page, unique('Ilmoittautuminen päättynyt'), { status: 'published', registration: { url: 'https://example.org/ilmoittaudu', deadline: '2026-01-15T16:00' } });
    await open(page, `/events/${open_.id}`);
    expect(await page.getByRole('link', { name: 'Ilmoittaudu' }).getAttribute('href')).toBe('https://example.org/ilmoittaudu');
    expect(await page.locator('.notice-passed').count()).toBe(0);
    await open(page, `/events/${closed.id}`);
    expect(await page.getByRole('link', { name: 'Ilmoittaudu' }).count()).toBe(0);
    expect(await page.locator('.facts').textContent()).toContain('Ilmoittautuminen on päättynyt.');
    expect(await page.locator('.notice-passed').count()).toBe(0);
  });

  it('deletes a draft after confirming', async () => {
    const page = await signIn(OLLI);
    const title = unique('Poistettava');
    const { id } = await makeEvent(page, title);
    await open(page, '/manage?status=draft');
    await page.getByRole('button', { name: `Poista luonnos: ${title}` }).click();
    await page.locator('dialog').getByRole('button', { name: 'Poista' }).click();
    await page.locator('.status-ok', { hasText: 'on poistettu' }).waitFor();
    // The list is asked again after the message shows; the row goes with that answer.
    await expect.poll(() => page.locator('.my-events', { hasText: title }).count()).toBe(0);
    expect((await api(page, 'GET', `/api/events/${id}`)).status).toBe(404);
  });

  it('saving over a change made meanwhile shows "changed meanwhile", who saved and when, the other version, and overwrites nothing', async () => {
    const olli = await signIn(OLLI);
    const title = unique('Yhteinen');
    const { id } = await makeEvent(olli, title, { description: { fi: 'Alkuperäinen kuvaus' } });
    await open(olli, `/manage/events/${id}`);
    // Another organiser saves a new title while Olli has the form open.
    const aino = await signIn(AINO);
    const current = await api(aino, 'GET', `/api/events/${id}`);
    const theirTitle = `${title} (siirretty)`;
    expect((await api(aino, 'PATCH', `/api/events/${id}`, { title: { fi: theirTitle } }, { 'If-Match': current.etag! })).status).toBe(200);

    await olli.locator('#ev-description-fi').fill('Ollin uusi kuvaus');
    await olli.getByRole('button', { name: 'Tallenna' }).click();
    const conflict = olli.locator('.conflict');
    await conflict.waitFor();
    await expect.poll(() => olli.evaluate(() => document.activeElement?.id)).toBe('conflict-title');
    expect(await conflict.getByRole('alert').textContent()).toContain('Tapahtumaa muutettiin sillä välin');
    // It says who and when (the Helsinki time of the other save, as the audit trail has it).
    const saved = (await api(aino, 'GET', `/api/admin/audit?entity=event&entityId=${id}`)).body.items[0].at as string;
    const time = new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', hour: 'numeric', minute: '2-digit' }).format(new Date(saved));
    expect(await conflict.locator('.conflict-who').textContent()).toMatch(new RegExp(`^${AINO} tallensi tapahtumaan muutoksia .*${time.replace('.', '\\.')}\\.$`));
    const titleRow = conflict.locator('tr[data-field="title"]');
    expect(await titleRow.textContent()).toContain(theirTitle);
    expect(await conflict.locator('tr[data-field="description"]').textContent()).toContain('Ollin uusi kuvaus');
    // Nothing was overwritten.
    const stored = (await api(olli, 'GET', `/api/events/${id}`)).body;
    expect(stored.title.fi).toBe(theirTitle);
    expect(stored.description.fi).toBe('Alkuperäinen kuvaus');

    await olli.getByRole('button', { name: 'Vie omat muutokseni tallennetun version päälle' }).click();
    expect(await olli.locator('#ev-title-fi').inputValue()).toBe(theirTitle);
    expect(await olli.locator('#ev-description-fi').inputValue()).toBe('Ollin uusi kuvaus');
    await olli.getByRole('button', { name: 'Tallenna' }).click();
    await olli.locator('.status-ok', { hasText: 'Tapahtuma tallennettu' }).waitFor();
    const merged = (await api(olli, 'GET', `/api/events/${id}`)).body;
    expect([merged.title.fi, merged.description.fi]).toEqual([theirTitle, 'Ollin uusi kuvaus']);
  });

  it("does not see or reach other organisations' drafts or the administrator pages; the API refuses them too", async () => {
    const olli = await signIn(OLLI);
    const title = unique('Pohteen luonnos');
    const { id } = await makeEvent(olli, title);
    const pirjo = await signIn(PIRJO, '/manage?status=draft');
    expect(await pirjo.locator('main').textContent()).not.toContain(title);
    expect(await pirjo.locator('.area-nav').textContent()).not.toContain('Henkilöt');
    await open(pirjo, `/manage/events/${id}`);
    expect(await pirjo.getByRole('alert').textContent()).toContain('Tapahtumaa ei löytynyt');
    await open(pirjo, '/admin/people');
    expect(await pirjo.getByRole('alert').textContent()).toContain('Sinulla ei ole oikeutta');
    expect(await pirjo.locator('table').count()).toBe(0);
    expect((await api(pirjo, 'GET', `/api/events/${id}`)).status).toBe(404);
    expect((await api(pirjo, 'PATCH', `/api/events/${id}`, { title: { fi: 'x' } }, { 'If-Match': '"x"' })).status).toBe(404);
    expect((await api(pirjo, 'GET', '/api/admin/people')).status).toBe(403);
    expect((await api(pirjo, 'GET', '/api/admin/audit')).status).toBe(403);
  });

  it('adds an item to the regional annual clock and edits it', async () => {
    const page = await signIn(OLLI, '/manage/clock');
    const title = unique('Kevään verkostopäivä');
    await page.getByRole('button', { name: 'Uusi kohta' }).click();
    await page.locator('#ci-title-fi').fill(title);
    await page.locator('#ci-startMonth').selectOption('3');
    await page.locator('#ci-endMonth').selectOption('4');
    // No colour of its own: the category gives it, so the wheel's legend holds.
    expect(await page.locator('#ci-colour, input[type=color]').count()).toBe(0);
    await page.locator('#ci-category').selectOption('tiedonkeruu');
    expect(await page.locator('#ci-category-hint').textContent()).toContain('luokkansa värin');
    await page.getByRole('button', { name: 'Tallenna' }).click();
    await page.locator('.status-ok', { hasText: 'Kohta tallennettu' }).waitFor();
    // The span reads as month names, not "3. – 4.".
    expect(await page.locator('tr', { has: page.getByRole('rowheader', { name: title }) }).textContent()).toContain('maalis–huhtikuu');
    await page.getByRole('button', { name: `Muokkaa: ${title}` }).click();
    expect(await page.locator('#ci-title-fi').inputValue()).toBe(title);
    await page.locator('#ci-title-fi').fill(`${title} (siirretty)`);
    await page.getByRole('button', { name: 'Tallenna' }).click();
    await page.locator('tr', { hasText: `${title} (siirretty)` }).waitFor();
    const clock = (await api(page, 'GET', `/api/clock?year=${new Date().getFullYear()}`)).body;
    expect(clock.items.find((item: { title: { fi: string } }) => item.title.fi === `${title} (siirretty)`)?.span).toMatchObject({ startMonth: 3, endMonth: 4 });
  });

  it('shows a rule the server finds in Finnish beside its field, with its values (it was "`span.endDay` 30 is not a day of month 2")', async () => {
    const page = await signIn(OLLI, '/manage/clock');
    await page.getByRole('button', { name: 'Uusi kohta' }).click();
    await page.locator('#ci-title-fi').fill(unique('Helmikuun raportti'));
    await page.locator('#ci-startMonth').selectOption('2');
    await page.locator('#ci-endMonth').selectOption('2');
    await page.locator('#ci-endDay').fill('30');
    await page.getByRole('button', { name: 'Tallenna' }).click();
    await page.locator('#ci-endDay-error').waitFor();
    expect(await page.locator('#ci-endDay-error').textContent()).toBe('Päivää 30 ei ole kuukaudessa 2.');
    expect(await page.locator('#ci-endDay').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').first().textContent()).toContain('Päivää 30 ei ole kuukaudessa 2.');
    expect(await page.locator('main').textContent()).not.toMatch(/is not a day of month|span\.endDay/);
  });

  it('gives a clock item a decision with preparation steps, which the clock dates over holidays', async () => {
    const page = await signIn(OLLI, '/manage/clock');
    const title = unique('Lautakunnan raportti');
    await page.getByRole('button', { name: 'Uusi kohta' }).click();
    await page.locator('#ci-title-fi').fill(title);
    await page.locator('#ci-startMonth').selectOption('11');
    await page.locator('#ci-endMonth').selectOption('12');
    await page.getByLabel('Kohta johtaa päätökseen').check();
    await page.locator('#ci-decision-fi').fill('Valtuusto päättää');
    await page.locator('#ci-decision-month').selectOption('12');
    await page.locator('#ci-decision-day').fill('28');
    await page.getByRole('button', { name: 'Lisää valmisteluvaihe' }).click();
    await page.locator('#ci-step-0-title').fill('Esityslistan määräaika');
    await page.locator('#ci-step-0-days').fill('0');
    await page.getByRole('button', { name: 'Tallenna' }).click();
    // 0 working days is refused, naming the field; nothing is saved.
    await page.locator('#ci-step-0-days[aria-invalid="true"]').waitFor();
    await page.locator('#ci-step-0-days').fill('10');
    await page.getByRole('button', { name: 'Tallenna' }).click();
    await page.locator('.status-ok', { hasText: 'Kohta tallennettu' }).waitFor();
    const clock = (await api(page, 'GET', '/api/clock?year=2026')).body;
    const item = clock.items.find((i: { title: { fi: string } }) => i.title.fi === title);
    // Monday 28 December 2026. Back: (Sun 27, Sat 26, Fri 25, Thu 24 Christmas Eve) Wed 23 = 1, Tue 22 = 2, Mon 21 = 3,
    // Fri 18 = 4, Thu 17 = 5, Wed 16 = 6, Tue 15 = 7, Mon 14 = 8, Fri 11 = 9, Thu 10 December = 10.
    expect(item.plans).toEqual([{ decision: { title: { fi: 'Valtuusto päättää', sv: null, en: null }, date: '2026-12-28' }, steps: [{ title: { fi: 'Esityslistan määräaika', sv: null, en: null }, workingDaysBefore: 10, date: '2026-12-10' }] }]);
    // Opened again, the form shows it; removing the decision removes its dates.
    await page.getByRole('button', { name: `Muokkaa: ${title}` }).click();
    expect(await page.locator('#ci-step-0-days').inputValue()).toBe('10');
    await page.getByLabel('Kohta johtaa päätökseen').uncheck();
    await page.getByRole('button', { name: 'Tallenna' }).click();
    await page.locator('.status-ok', { hasText: 'Kohta tallennettu' }).waitFor();
    const after = (await api(page, 'GET', '/api/clock?year=2026')).body;
    expect(after.items.find((i: { title: { fi: string } }) => i.title.fi === title).plans).toEqual([]);
  });

  it('gives an event a decision with preparation steps: checked as one types, saved, and on the clock with its item', async () => {
    const page = await signIn(OLLI, '/manage/events/new');
    const title = unique('Valtuuston kokous');
    await page.locator('#ev-title-fi').fill(title);
    await page.locator('#ev-type').selectOption('verkostotapaaminen');
    await page.locator('#ev-start').fill('2033-01-07');
    await page.locator('#ev-end').fill('2033-01-07');
    // The situation-picture seminar, an item of every year.
    const item = '1';
    await page.locator('#ev-clockItem').selectOption(item);
    await page.getByLabel('Julkaistu').check();
    const section = page.getByRole('group', { name: 'Päätös ja valmistelu' });
    await section.getByLabel('Tapahtumassa tehdään päätös').check();
    await page.locator('#ev-decision-fi').fill('Valtuusto hyväksyy hyvinvointiraportin');
    await section.getByRole('button', { name: 'Lisää valmisteluvaihe' }).click();
    await page.locator('#ev-step-0-title').fill('Esityslistan määräaika');
    await page.locator('#ev-step-0-days').fill('0');
    await page.locator('#ev-step-0-title').focus();
    // Checked as one types, named in Finnish; saving moves the keyboard to it.
    await expect.poll(() => page.locator('#ev-step-0-days-error').textContent()).toContain('Työpäivää ennen päätöstä');
    await page.getByRole('button', { name: 'Tallenna' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ev-step-0-days');
    await page.locator('#ev-step-0-days').fill('10');
    await page.getByRole('button', { name: 'Tallenna' }).click();
    const id = await savedEventId(page);
    expect((await api(page, 'GET', `/api/events/${id}`)).body.decision).toEqual({
      title: { fi: 'Valtuusto hyväksyy hyvinvointiraportin', sv: null, en: null },
      steps: [{ title: { fi: 'Esityslistan määräaika', sv: null, en: null }, workingDaysBefore: 10 }],
    });
    // Friday 7 January 2033 (a year no other test reads). Back: Thu 6 Epiphany, Wed 5 = 1, Tue 4 = 2, Mon 3 = 3, (Sat 1 New Year's Day)
    // Fri 31 Dec = 4, Thu 30 = 5, Wed 29 = 6, Tue 28 = 7, Mon 27 = 8, (St Stephen's, Christmas Day, Fri 24 Christmas Eve) Thu 23 = 9, Wed 22 December 2032 = 10.
    const clock = (await api(page, 'GET', '/api/clock?year=2033')).body;
    const linked = clock.items.find((i: { id: number }) => String(i.id) === item).events.find((e: { id: string }) => e.id === id);
    expect(linked.plans).toEqual([
      { decision: { title: { fi: 'Valtuusto hyväksyy hyvinvointiraportin', sv: null, en: null }, date: '2033-01-07' }, steps: [{ title: { fi: 'Esityslistan määräaika', sv: null, en: null }, workingDaysBefore: 10, date: '2032-12-22' }] },
    ]);
    // The saved form shows it, and the form with the section open has no accessibility violations.
    await page.reload();
    expect(await page.locator('#ev-step-0-days').inputValue()).toBe('10');
    expect(await accessibilityViolations(page)).toEqual([]);

    // On the wheel: the decision's marker on its day, announced with the event; the table has its row with a link to the event.
    await open(page, '/clock?year=2033');
    const marker = page.locator(`.wheel-plan[data-plan="event:${id}/2033-01-07/decision"]`);
    await marker.focus();
    expect(await marker.getAttribute('aria-label')).toBe(`Päätös: Valtuusto hyväksyy hyvinvointiraportin – 7.1.2033 (${title})`);
    await open(page, '/clock?year=2033&view=table');
    await page.locator('.plan-row', { hasText: 'Valtuusto hyväksyy hyvinvointiraportin' }).getByRole('link', { name: title }).waitFor();
  });

  it('adds a council-term item and edits it like an annual one: the same validation, and a 412 when someone saved meanwhile', async () => {
    const page = await signIn(OLLI, '/manage/clock');
    const title = unique('Kauden osallisuusohjelma');
    await page.getByRole('button', { name: 'Uusi valtuustokauden kohta' }).click();
    await page.locator('#ci-title-fi').fill(title);
    await page.locator('#ci-termStart').selectOption('3');
    await page.locator('#ci-termEnd').selectOption('2');
    await page.getByRole('button', { name: 'Tallenna' }).click();
    // The end before the start is refused beside its field, and nothing is saved.
    await page.locator('#ci-termEnd[aria-invalid="true"]').waitFor();
    expect((await api(page, 'GET', '/api/council-term')).body.items.some((i: { title: { fi: string } }) => i.title.fi === title)).toBe(false);
    await page.locator('#ci-termEnd').selectOption('4');
    await page.getByRole('button', { name: 'Tallenna' }).click();
    await page.locator('.status-ok', { hasText: 'Kohta tallennettu' }).waitFor();
    await page.locator('table.term-items tr', { hasText: title }).filter({ hasText: '3.–4. vuosi' }).waitFor();
    const saved = (await api(page, 'GET', '/api/council-term')).body.items.find((i: { title: { fi: string } }) => i.title.fi === title);
    expect(saved).toMatchObject({ termYears: { start: 3, end: 4 }, ring: 'kunnat' });

    // Opened for editing; meanwhile someone else saves the item; saving the form is a 412 that overwrites nothing.
    await page.getByRole('button', { name: `Muokkaa: ${title}` }).click();
    expect(await page.locator('#clock-item-title').textContent()).toBe('Muokkaa valtuustokauden kohtaa');
    expect(await page.locator('#ci-termStart').inputValue()).toBe('3');
    const current = await api(page, 'GET', `/api/clock/items/${saved.id}`);
    expect((await api(page, 'PATCH', `/api/clock/items/${saved.id}`, { title: { fi: `${title} (toinen)` } }, { 'If-Match': current.etag! })).status).toBe(200);
    await page.locator('#ci-title-fi').fill(`${title} (minun)`);
    await page.getByRole('button', { name: 'Tallenna' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Joku muu tallensi tähän kohtaan muutoksia');
    expect((await api(page, 'GET', `/api/clock/items/${saved.id}`)).body.title.fi).toBe(`${title} (toinen)`);
    // Opened again, the form has the other version, and saves.
    await page.getByRole('button', { name: 'Sulje' }).click();
    await page.locator('table.term-items tr', { hasText: `${title} (toinen)` }).waitFor();
    await page.getByRole('button', { name: `Muokkaa: ${title} (toinen)` }).click();
    await page.locator('#ci-termEnd').selectOption('3');
    await page.getByRole('button', { name: 'Tallenna' }).click();
    await page.locator('table.term-items tr', { hasText: `${title} (toinen)` }).filter({ hasText: '3. vuosi' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('creates a token that is shown once, and revokes it', async () => {
    const page = await signIn(OLLI);
    const name = unique('Intranet');
    await open(page, '/manage/tokens');
    await page.getByLabel('Avaimen nimi').fill(name);
    await page.locator('#token-organisation').selectOption('pohde');
    await page.getByRole('button', { name: 'Luo avain' }).click();
    const secret = await page.locator('#token-secret').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    // The token works, and is listed without its secret.
    expect((await fetch(`${baseUrl}/api/auth/me`, { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(200);
    await open(page, '/manage/tokens');
    expect(await page.locator('#token-secret').count()).toBe(0);
    const row = page.locator('tr', { hasText: name });
    expect(await row.textContent()).toContain('Käytössä');
    expect(await page.locator('main').textContent()).not.toContain(secret);
    await row.getByRole('button', { name: `Mitätöi: ${name}` }).click();
    await page.locator('dialog').getByRole('button', { name: 'Mitätöi' }).click();
    await page.locator('.status-ok', { hasText: 'on mitätöity' }).waitFor();
    await page.locator('tr', { hasText: name }).filter({ hasText: 'Mitätöity' }).waitFor();
    expect((await fetch(`${baseUrl}/api/auth/me`, { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(401);
  });

  it('makes a personal feed URL, shown once, and revokes it', async () => {
    const page = await signIn(PIRJO, '/manage/tokens');
    await page.getByRole('button', { name: 'Luo syöteosoite' }).click();
    const url = await page.locator('#feed-url').inputValue();
    expect(url).toContain('/calendar.ics?key=');
    expect((await fetch(url.replace(/^https?:\/\/[^/]+/, baseUrl))).status).toBe(200);
    await page.getByRole('button', { name: 'Poista syöte käytöstä' }).click();
    await page.locator('.status-ok', { hasText: 'Syöte poistettu käytöstä' }).waitFor();
    expect((await fetch(url.replace(/^https?:\/\/[^/]+/, baseUrl))).status).not.toBe(200);
  });
});

/** A small calendar: one event to import and one that ends before it starts, with titles no other test uses. */
function calendar(good: string, bad: string): string {
  const id = unique('uid').replace(' ', '-');
  const event = (n: number, start: string, end: string, title: string) => [
    'BEGIN:VEVENT',
    `UID:${id}-${n}@tests.example`,
    'DTSTAMP:20260101T000000Z',
    `DTSTART;TZID=Europe/Helsinki:${start}`,
    `DTEND;TZID=Europe/Helsinki:${end}`,
    `SUMMARY:${title}`,
    'END:VEVENT',
  ];
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Hytekello tests//FI', ...event(1, '20270915T090000', '20270915T110000', good), ...event(2, '20270916T090000', '20270916T080000', bad), 'END:VCALENDAR', ''].join('\r\n');
}

/** The preview's count of a status ("Uudet: 1"). */
const count = (page: Page, status: string) => page.locator(`.import-summary li[data-status="${status}"] strong`).textContent();

describe('calendar import', () => {
  let feedServer: Server;
  let feedText = '';
  let feedUrl = '';

  beforeAll(async () => {
    // The worker is reached on loopback, so it may read a feed served on loopback.
    feedServer = createServer((_, response) => response.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8' }).end(feedText));
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/kalenteri.ics`;
  });
  afterAll(async () => {
    await new Promise((resolve) => feedServer?.close(resolve));
  });

  it('previews an uploaded file with the unreadable event and its reason, imports it, and the event is among my events', async () => {
    const page = await signIn(OLLI, '/manage/imports');
    const good = unique('Tuotu työpaja');
    const bad = unique('Takaperoinen');
    await page.locator('#import-file').setInputFiles({ name: 'tyopajat.ics', mimeType: 'text/calendar', buffer: Buffer.from(calendar(good, bad)) });
    await page.locator('#import-organisation').selectOption('pohde');
    await page.locator('#import-type').selectOption('tyopaja');
    await page.locator('#import-networks input[value="osallisuus"]').check();
    await page.locator('#import-municipalities input[value="oulu"]').check();
    await page.getByRole('button', { name: 'Esikatsele' }).click();

    await page.getByRole('heading', { name: 'Esikatselu' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'import-preview-title');
    expect([await count(page, 'new'), await count(page, 'unparseable'), await count(page, 'changed'), await count(page, 'gone')]).toEqual(['1', '1', '0', '0']);
    const unreadable = page.locator('.import-preview tr[data-status="unparseable"]');
    expect(await unreadable.textContent()).toContain(bad);
    expect(await unreadable.textContent()).toContain('ends at or before its start');
    expect(await page.locator('.import-preview tr[data-status="new"]').textContent()).toContain('15.9.2027');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Tuo', exact: true }).click();
    await page.locator('dialog').getByRole('button', { name: 'Tuo', exact: true }).click();
    await page.getByRole('heading', { name: 'Tuonnin tulos' }).waitFor();
    const created = page.locator('.import-result tr[data-outcome="created"]');
    expect(await created.textContent()).toContain(good);
    // The unreadable event was not imported, and is not counted as "no change".
    const skipped = page.locator('.import-result tr[data-outcome="skipped"]');
    expect(await skipped.textContent()).toContain('ei tuotu (ei luettavissa)');
    expect(await skipped.textContent()).toContain('ends at or before its start');
    expect(await page.locator('.import-result .status-ok').textContent()).toContain('ei muutosta: 0, ei luettavissa eikä tuotu: 1');
    const href = await created.getByRole('link', { name: good }).getAttribute('href');
    const id = href!.split('/').pop()!;
    expect((await api(page, 'GET', `/api/events/${id}`)).body).toMatchObject({ title: { fi: good }, status: 'published', type: 'tyopaja', organisations: ['pohde'], networks: ['osallisuus'], municipalities: ['oulu'], start: '2027-09-15T09:00' });
    await page.locator('.import-sources tr', { hasText: 'Ladatut tiedostot' }).filter({ hasText: 'Pohjois-Pohjanmaan hyvinvointialue' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await open(page, '/manage?status=published');
    await page.locator('.my-events', { hasText: good }).waitFor();
  });

  it('shows how far a long import is, keeps going when the page is left and opened again, and reports the result', async () => {
    const page = await signIn(OLLI, '/manage/imports');
    const id = unique('sarja').replace(' ', '-');
    const title = unique('Pitkän tuonnin tapahtuma');
    const events = Array.from({ length: 60 }, (_, n) => [
      'BEGIN:VEVENT',
      `UID:${id}-${n}@tests.example`,
      'DTSTAMP:20260101T000000Z',
      `DTSTART;TZID=Europe/Helsinki:202710${String(1 + (n % 28)).padStart(2, '0')}T090000`,
      `DTEND;TZID=Europe/Helsinki:202710${String(1 + (n % 28)).padStart(2, '0')}T100000`,
      `SUMMARY:${title} ${n}`,
      'END:VEVENT',
    ]).flat();
    const text = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Hytekello tests//FI', ...events, 'END:VCALENDAR', ''].join('\r\n');
    await page.locator('#import-file').setInputFiles({ name: 'pitka.ics', mimeType: 'text/calendar', buffer: Buffer.from(text) });
    await page.locator('#import-organisation').selectOption('pohde');
    await page.locator('#import-type').selectOption('tyopaja');
    await page.getByRole('button', { name: 'Esikatsele' }).click();
    // The preview is a job: a progress bar and a status that says how far it is.
    const progress = page.locator('.import-progress');
    await progress.getByRole('heading', { name: 'Esikatselu käynnissä' }).waitFor();
    expect(await progress.getByRole('status').textContent()).toMatch(/\d+ \/ 60 tapahtumaa luettu/);
    expect(await progress.getByRole('progressbar', { name: 'Edistyminen' }).getAttribute('max')).toBe('60');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('heading', { name: 'Esikatselu: näin tuonti tekisi' }).waitFor();
    expect(await count(page, 'new')).toBe('60');

    await page.getByRole('button', { name: 'Tuo', exact: true }).click();
    await page.locator('dialog').getByRole('button', { name: 'Tuo', exact: true }).click();
    await progress.getByRole('heading', { name: 'Tuonti käynnissä' }).waitFor();
    expect(new URL(page.url()).searchParams.get('job')).toMatch(/^\d+$/);
    // Leave the page half-way and come back: the import is found and followed to its end.
    await open(page, '/manage');
    await open(page, '/manage/imports');
    await page.getByRole('heading', { name: 'Tuonnin tulos' }).waitFor();
    expect(await page.locator('.import-result .status-ok').textContent()).toContain('Luotu: 60');
    expect(await page.locator('.import-result tr[data-outcome="created"]').count()).toBe(60);
    expect(await page.locator('.import-progress').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('shows what is missing, and a problem the worker names, next to the field, with focus on it', async () => {
    const page = await signIn(OLLI, '/manage/imports');
    await page.getByRole('button', { name: 'Esikatsele' }).click();
    expect(await page.locator('#import-file-error').textContent()).toBe('Valitse kalenteritiedosto.');
    expect(await page.locator('#import-type-error').textContent()).toBe('Pakollinen tieto.');
    await page.waitForFunction(() => document.activeElement?.id === 'import-file');

    await page.locator('#import-file').setInputFiles({ name: 'ei-kalenteri.ics', mimeType: 'text/calendar', buffer: Buffer.from('tämä ei ole kalenteri') });
    await page.locator('#import-type').selectOption('tyopaja');
    await page.getByRole('button', { name: 'Esikatsele' }).click();
    await page.locator('#import-file-error', { hasText: 'ics' }).waitFor();
    expect(await page.locator('#import-type-error').count()).toBe(0);
    expect(await page.locator('#import-file').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').first().textContent()).toContain('Esikatselu ei onnistunut');
    await page.waitForFunction(() => document.activeElement?.id === 'import-file');
    expect(await page.locator('.import-preview').count()).toBe(0);
  });

  it('imports a URL kept in sync, syncs it now, turns the sync off, and deletes the source after confirming; its events stay', async () => {
    const good = unique('Verkostotapaaminen syötteestä');
    feedText = calendar(good, unique('Rikki'));
    const url = `${feedUrl}?${unique('t').replace(' ', '')}`;
    const page = await signIn(OLLI, '/manage/imports');
    await page.getByLabel('Kalenterin osoite (URL)').check();
    await page.locator('#import-url').fill(url);
    expect(await page.getByLabel('Pidä ajan tasalla').isChecked()).toBe(true);
    await page.locator('#import-organisation').selectOption('hop-hanke');
    await page.locator('#import-type').selectOption('verkostotapaaminen');
    await page.getByRole('button', { name: 'Esikatsele' }).click();
    await page.getByRole('heading', { name: 'Esikatselu' }).waitFor();
    expect(await count(page, 'new')).toBe('1');
    await page.getByRole('button', { name: 'Tuo', exact: true }).click();
    await page.locator('dialog').getByRole('button', { name: 'Tuo', exact: true }).click();
    await page.getByRole('heading', { name: 'Tuonnin tulos' }).waitFor();
    const eventId = (await page.locator('.import-result tr[data-outcome="created"] a').getAttribute('href'))!.split('/').pop()!;

    const row = page.locator('.import-sources tr', { hasText: url });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}\.\d{2}/);
    expect(await row.getByRole('switch').isChecked()).toBe(true);

    // The source drops the event: "Sync now" shows its progress, then what it did.
    feedText = calendar(unique('Toinen'), unique('Rikki'));
    await row.getByRole('button', { name: `Päivitä nyt: ${url}` }).click();
    const synced = page.locator('.sources .status-ok', { hasText: 'päivitetty' });
    await synced.waitFor();
    expect(await synced.textContent()).toContain('Poistuneet lähteestä: 1');
    expect((await api(page, 'GET', `/api/events/${eventId}`)).body.status).toBe('cancelled');

    // From the keyboard: Space turns the sync off, and the focus stays on the switch.
    await row.getByRole('switch').focus();
    await page.keyboard.press('Space');
    await page.locator('.sources .status-ok', { hasText: 'vain pyydettäessä' }).waitFor();
    expect(await row.getByRole('switch').isChecked()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('switch');
    const sources = (await api(page, 'GET', '/api/imports/sources')).body.items;
    expect(sources.find((s: { url: string }) => s.url === url)).toMatchObject({ sync: false, lastError: null });
    expect(await accessibilityViolations(page)).toEqual([]);

    await row.getByRole('button', { name: `Poista lähde: ${url}` }).click();
    const dialog = page.locator('dialog');
    expect(await dialog.textContent()).toContain('jäävät organisaation tavallisiksi tapahtumiksi');
    expect(await accessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Poista lähde' }).click();
    await page.locator('.sources .status-ok', { hasText: 'poistettu' }).waitFor();
    expect(await page.locator('.import-sources tr', { hasText: url }).count()).toBe(0);
    expect((await api(page, 'GET', '/api/imports/sources')).body.items.some((s: { url: string }) => s.url === url)).toBe(false);
    expect((await api(page, 'GET', `/api/events/${eventId}`)).status).toBe(200);
  });
});

describe('an administrator', () => {
  it('adds a person with a membership and an invitation link, through which the person sets a password and is signed in', async () => {
    const page = await signIn(AINO);
    const name = unique('Maija Meikäläinen');
    const email = `${name.split(' ').pop()}@example.fi`;
    await open(page, '/admin/people');
    const form = page.locator('form', { has: page.locator('#new-person-name') });
    await form.getByLabel('Nimi').fill(name);
    await form.getByLabel('Sähköposti').fill(email);
    await form.getByRole('button', { name: 'Lisää jäsenyys' }).click();
    await page.locator('#new-person-org-0').selectOption('posken');
    await page.locator('#new-person-role-0').selectOption('organiser');
    await form.getByRole('button', { name: 'Lisää henkilö' }).click();
    await page.locator('.status-ok', { hasText: `${name} lisätty` }).waitFor();
    await page.locator('tr', { hasText: email }).filter({ hasText: 'järjestäjä' }).waitFor();
    const editor = page.locator('.person-editor');
    await editor.getByRole('button', { name: 'Tee kutsulinkki' }).click();
    const link = await editor.locator('input[readonly]').inputValue();
    expect(link).toMatch(/\/invitation#hyi_/);

    const invited = await newPage();
    await invited.goto(link.replace(/^https?:\/\/[^/]+/, baseUrl));
    await invited.getByRole('heading', { name: 'Aseta salasana' }).waitFor();
    expect(await invited.locator('main').textContent()).toContain(name);
    expect(await accessibilityViolations(invited)).toEqual([]);
    await invited.getByLabel('Uusi salasana').fill('hyvä-pitkä-salasana-1');
    await invited.getByLabel('Salasana uudelleen').fill('hyvä-pitkä-salasana-1');
    await invited.getByRole('button', { name: 'Aseta salasana ja kirjaudu' }).click();
    await invited.waitForURL(/\/manage/);
    await invited.locator('.user-name', { hasText: name }).waitFor();
    const me = (await api(invited, 'GET', '/api/auth/me')).body;
    expect(me.memberships).toEqual([{ organisation: 'posken', role: 'organiser' }]);

    // The audit trail shows who added the person and made the invitation.
    await open(page, `/admin/audit?entity=invitation&entityId=${me.person.id}`);
    expect(await page.locator('tbody tr').first().textContent()).toMatch(new RegExp(`${AINO}.*Kutsuttu`));
    await open(page, '/admin/audit?entity=person');
    expect(await page.locator('tbody tr', { hasText: email }).first().textContent()).toContain(AINO);
  });

  it('browses the audit trail by entity, with what changed shown readably', async () => {
    const page = await signIn(AINO);
    const title = unique('Kirjattava');
    const { id, etag } = await makeEvent(page, title);
    expect((await api(page, 'PATCH', `/api/events/${id}`, { title: { fi: `${title} muutettu` } }, { 'If-Match': etag })).status).toBe(200);
    await open(page, '/admin/audit');
    await page.getByLabel('Kohde', { exact: true }).selectOption('event');
    await page.getByLabel('Kohteen tunniste').fill(id);
    await page.getByRole('button', { name: 'Suodata' }).click();
    await page.waitForURL(/entityId=/);
    const rows = page.locator(`tr[data-entity-id="${id}"]`);
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain(AINO);
    expect(await rows.first().textContent()).toContain(`${title} muutettu`);
  });
  it('shows the audit trail in the page language: actions, field names and values, Helsinki local times, not keys, internal values or UTC', async () => {
    const page = await signIn(AINO);
    const title = unique('Luettava historia');
    const { id, etag } = await makeEvent(page, title);
    const patch = { status: 'published', visibility: 'members', start: '2027-05-11T09:00', end: '2027-05-11T12:00', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU' } };
    expect((await api(page, 'PATCH', `/api/events/${id}`, patch, { 'If-Match': etag })).status).toBe(200);
    const rowText = async (language: string) => {
      await open(page, `/admin/audit?entity=event&entityId=${id}${language === 'fi' ? '' : `&lang=${language}`}`);
      const row = page.locator(`tr[data-entity-id="${id}"]`).first();
      await row.waitFor();
      return (await row.textContent())!;
    };
    const fi = await rowText('fi');
    for (const text of ['Muutettu', 'Tila', 'Luonnos', 'Julkaistu', 'Näkyvyys', 'kaikille', 'vain jäsenille', 'Alku', '11.5.2027 9.00', 'Joka viikko tiistaisin']) expect(fi).toContain(text);
    const en = await rowText('en');
    for (const text of ['Changed', 'State', 'Draft', 'Published', 'Visibility', 'members only', 'Every week on Tuesdays']) expect(en).toContain(text);
    const sv = await rowText('sv');
    for (const text of ['Ändrad', 'Synlighet', 'endast för medlemmar', 'Varje vecka på tisdagar']) expect(sv).toContain(text);
    // No UTC instants, internal keys or stored values.
    for (const text of [fi, en, sv]) expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T|startsAt|spanStart|FREQ=|\bupdate\b/);
    for (const text of [fi, sv]) expect(text).not.toMatch(/\bpublished\b|\bmembers\b|\bdraft\b/);
    // The time of the entry is the Helsinki wall clock: the page's own reading of the stored UTC instant.
    const stored = (await api(page, 'GET', `/api/admin/audit?entity=event&entityId=${id}`)).body.items[0].at as string;
    const helsinki = new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', hour: 'numeric', minute: '2-digit' }).format(new Date(stored));
    expect(fi).toContain(helsinki);
    // Names of terms, not their slugs: the create row lists the network by name.
    await open(page, `/admin/audit?entity=event&entityId=${id}`);
    expect(await page.locator(`tr[data-entity-id="${id}"]`).last().textContent()).toContain('Osallisuuden ja kehittäjäasiakkaiden verkosto');
  });
});

describe('accessibility of the organiser pages (axe-core, WCAG 2.1 AA)', () => {
  it('the sign-in page has no violations', async () => {
    const page = await newPage();
    await open(page, '/sign-in');
    await page.locator('.dev-sign-in').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it.each([
    ['my events, the event form, tokens and the feed, clock items, calendar import', OLLI, ['/manage', '/manage/events/new', '/manage/tokens', '/manage/clock', '/manage/imports']],
    ['people, organisations and networks, the audit trail', AINO, ['/admin/people', '/admin/organisations', '/admin/audit']],
  ])('%s have no violations', async (_, person, paths) => {
    const page = await signIn(person);
    const found: Record<string, string[]> = {};
    for (const path of paths) {
      await open(page, path);
      await page.waitForFunction(() => !document.querySelector('.spinner') && !document.querySelector('main')?.textContent?.includes('Ladataan'));
      found[path] = await accessibilityViolations(page);
    }
    expect(found).toEqual(Object.fromEntries(paths.map((path) => [path, []])));
    // Five pages, each waited for and checked by axe-core: more than one page's time on a busy machine.
  }, 120_000);

  it('the event form with its errors shown, and its preview, has no violations', async () => {
    const page = await signIn(OLLI, '/manage/events/new');
    await page.getByRole('button', { name: 'Tallenna' }).click();
    await page.getByRole('button', { name: 'Esikatsele' }).click();
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});

describe('co-organisers by consent', () => {
  it('an organisation named in the event form is invited, shown as waiting, and joins only when its organiser accepts on their own page', async () => {
    const page = await signIn(OLLI);
    const title = unique('Yhteistyötyöpaja');
    await page.getByRole('link', { name: 'Uusi tapahtuma' }).click();
    await page.locator('#ev-title-fi').fill(title);
    await page.locator('#ev-type').selectOption('tyopaja');
    await page.getByLabel('Julkaistu').check();
    await page.getByLabel('Kutsu toinen organisaatio järjestäjäksi').selectOption('posken');
    expect(await page.getByRole('checkbox', { name: /^Pohjois-Suomen sosiaalialan osaamiskeskus \(Posken\)$/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Tallenna' }).click();
    const id = await savedEventId(page);
    const own = ((await (await fetch(`${baseUrl}/api/events/${id}`)).json()) as { organisations: string[] }).organisations;
    expect(own).not.toContain('posken');
    // Waiting for acceptance: marked in the form, and neither shown publicly nor given rights.
    const invited = page.getByRole('checkbox', { name: 'Pohjois-Suomen sosiaalialan osaamiskeskus (Posken) (kutsuttu, odottaa hyväksyntää)' });
    await invited.waitFor();
    expect(await invited.isChecked()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);

    const pirjo = await signIn(PIRJO);
    expect((await api(pirjo, 'PATCH', `/api/events/${id}`, { title: { fi: 'Kaapattu' } }, { 'If-Match': '*' })).status).toBe(403);
    const invitation = pirjo.locator('.co-organiser-invitations li', { hasText: title });
    await invitation.waitFor();
    expect(await accessibilityViolations(pirjo)).toEqual([]);
    await invitation.getByRole('button', { name: 'Hyväksy' }).click();
    await pirjo.locator('.co-organiser-invitations .status-ok', { hasText: 'Kutsu hyväksytty' }).waitFor();
    expect(((await (await fetch(`${baseUrl}/api/events/${id}`)).json()) as { organisations: string[] }).organisations).toEqual([...own, 'posken']);
    // A co-organiser now, but it cannot remove the organisation that created the event.
    const current = await api(pirjo, 'GET', `/api/events/${id}`);
    expect((await api(pirjo, 'PATCH', `/api/events/${id}`, { organisations: ['posken'] }, { 'If-Match': current.etag! })).status).toBe(403);
    expect(((await (await fetch(`${baseUrl}/api/events/${id}`)).json()) as { organisations: string[] }).organisations).toEqual([...own, 'posken']);

    // Back in the form, Posken is an organiser like any other, no longer waiting.
    await open(page, `/manage/events/${id}`);
    await page.getByRole('checkbox', { name: /^Pohjois-Suomen sosiaalialan osaamiskeskus \(Posken\)$/ }).waitFor();
    expect(await page.getByRole('checkbox', { name: /odottaa hyväksyntää/ }).count()).toBe(0);
  });

  it('a declined invitation leaves the event as it was', async () => {
    const olli = await signIn(OLLI);
    const title = unique('Hylätty kutsu');
    const { id } = await makeEvent(olli, title, { status: 'published', organisations: ['pohde', 'posken'] });
    const pirjo = await signIn(PIRJO);
    const invitation = pirjo.locator('.co-organiser-invitations li', { hasText: title });
    await invitation.getByRole('button', { name: 'Hylkää' }).click();
    await pirjo.locator('.co-organiser-invitations .status-ok', { hasText: 'Kutsu hylätty' }).waitFor();
    expect(await pirjo.locator('.co-organiser-invitations li', { hasText: title }).count()).toBe(0);
    expect(((await (await fetch(`${baseUrl}/api/events/${id}`)).json()) as { organisations: string[] }).organisations).toEqual(['pohde']);
  });
});

describe('the keyboard alone', () => {
  it('never puts a focused control of the event form under the sticky save bar', async () => {
    const page = await signIn(OLLI, '/manage/events/new');
    await page.locator('#ev-title-fi').focus();
    const hidden: string[] = [];
    for (let i = 0; i < 80; i++) {
      const seen = await page.evaluate(() => {
        const active = document.activeElement as HTMLElement | null;
        if (!active || !active.closest('form') || active.closest('.form-actions')) return null;
        const box = active.getBoundingClientRect();
        const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return { id: active.id || active.outerHTML.slice(0, 60), visible: top !== null && (top === active || active.contains(top) || top.contains(active) || top.closest('label') === active.closest('label')) };
      });
      if (seen && !seen.visible) hidden.push(seen.id);
      await page.keyboard.press('Tab');
    }
    expect(hidden).toEqual([]);
  });

  it('fills and saves the event form with Tab, typing, Space and Enter', async () => {
    const page = await signIn(OLLI, '/manage/events/new');
    const active = () => page.evaluate(() => ({ id: document.activeElement?.id ?? '', value: (document.activeElement as HTMLInputElement | null)?.value ?? '', text: document.activeElement?.textContent ?? '' }));
    const tabTo = async (found: (a: { id: string; value: string; text: string }) => boolean, key = 'Tab') => {
      for (let i = 0; i < 120; i++) {
        if (found(await active())) return;
        await page.keyboard.press(key);
      }
      throw new Error(`never reached: ${JSON.stringify(await active())}`);
    };
    await tabTo((a) => a.id === 'ev-title-fi');
    // Enter on an empty form: the errors are announced and focus stays on the first invalid field.
    await page.keyboard.press('Enter');
    await page.locator('.error-summary-slot .status-error').waitFor();
    expect((await active()).id).toBe('ev-title-fi');
    const title = unique('Näppäimistöllä');
    await page.keyboard.type(title);
    await page.keyboard.press('Tab');
    expect((await active()).id).toBe('ev-type');
    // The options: "Valitse…", seminar, forum, workshop.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect(await page.locator('#ev-type').inputValue()).toBe('tyopaja');
    expect((await active()).id).toBe('ev-type');
    await tabTo((a) => a.value === 'kulttuurihyvinvointi');
    await page.keyboard.press('Space');
    // Back with Shift+Tab to the description, and write it.
    await tabTo((a) => a.id === 'ev-description-fi', 'Shift+Tab');
    await page.keyboard.type('Kirjoitettu näppäimistöllä.');
    await tabTo((a) => a.text.trim() === 'Tallenna');
    await page.keyboard.press('Enter');
    const event = (await api(page, 'GET', `/api/events/${await savedEventId(page)}`)).body;
    expect(event).toMatchObject({ title: { fi: title }, type: 'tyopaja', networks: ['kulttuurihyvinvointi'], description: { fi: 'Kirjoitettu näppäimistöllä.' } });
  });
});
