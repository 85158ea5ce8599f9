/**
 * The public UI in a real Chromium against the running service with the
 * demo data: every page checked by axe-core (WCAG 2.1 AA), and what a
 * visitor does: filter, open an event, subscribe, switch language, use
 * the keyboard.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, api, launch } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, timezoneId: 'Europe/Helsinki', locale: 'fi-FI' });
  page = await context.newPage();
  // Every Content-Security-Policy violation is written down; the tests expect none.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
});

afterEach(async () => {
  const violations = await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []).catch(() => []);
  expect(violations, 'Content-Security-Policy violations').toEqual([]);
  await page.context().close();
});

/** Opens a page and waits until its data has arrived (no loading indicator left). */
async function open(path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForSelector('main');
  await page.waitForFunction(() => !document.querySelector('.spinner') && document.querySelector('main')!.textContent!.trim().length > 0);
}

/** The queries of the list requests (`/api/events`) the page sends from now on. */
function listQueries(): URLSearchParams[] {
  const lists: URLSearchParams[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/events') lists.push(url.searchParams);
  });
  return lists;
}

/** Waits until the listed event titles are these (the list updates after the URL does). */
async function titlesToBe(titles: string[]): Promise<void> {
  await page
    .waitForFunction((expected) => JSON.stringify([...document.querySelectorAll('.event-title')].map((e) => e.textContent)) === JSON.stringify(expected), titles, { timeout: 10_000 })
    .catch(async () => expect(await page.locator('.event-title').allTextContents()).toEqual(titles));
}

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  it.each([
    ['the calendar list', '/'],
    ['the calendar in Swedish', '/?lang=sv'],
    ['past events', '/?past=1'],
    ['the month grid', '/?view=month&month=2026-12'],
    ['a filtered view', '/?network=hyvinvointiyhdyshenkilot&type=verkostotapaaminen'],
    ['an event page', '/events/tilannekuvaseminaari-2025'],
    ['a cancelled event', '/events/webinaari-ikaihmisten-hyvinvointi-2026'],
    ['an unknown event', '/events/no-such-event'],
    ['an occurrence of a series', '/events/hyvinvointiyhdyshenkilot-kuukausitapaaminen?occurrence=2026-12-01T13:00'],
    ['the widget', '/embed?municipality=oulu&limit=5'],
    ['the annual clock wheel', '/clock?year=2027'],
    ['the annual clock as a table', '/clock?view=table&year=2027'],
    ['the council-term clock', '/clock?view=term'],
    ['the embedded wheel', '/embed/clock?year=2027'],
  ])('%s has no violations', async (_, path) => {
    await open(path);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('the subscribe dialog has no violations', async () => {
    await open('/');
    await page.getByRole('button', { name: 'Tilaa kalenteri' }).click();
    await page.waitForSelector('dialog[open]');
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});

describe('a visitor', () => {
  it('filters the calendar, and the filter is kept in the URL', async () => {
    // Exactly the events of that network, as the API gives them.
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
    const api = (await (await fetch(`${baseUrl}/api/events?network=kulttuurihyvinvointi&from=${today}&limit=50`)).json()) as { items: { title: { fi: string }; networks: string[] }[] };
    expect(api.items.length).toBeGreaterThan(0);
    expect(api.items.every((item) => item.networks.includes('kulttuurihyvinvointi'))).toBe(true);
    const expected = api.items.map((item) => item.title.fi);
    await open('/');
    await page.getByLabel('Verkosto').selectOption('kulttuurihyvinvointi');
    await page.waitForURL(/network=kulttuurihyvinvointi/);
    await titlesToBe(expected);
    // The same URL opened afresh shows the same view.
    await open(new URL(page.url()).pathname + new URL(page.url()).search);
    await expect(page.getByLabel('Verkosto').inputValue()).resolves.toBe('kulttuurihyvinvointi');
    await titlesToBe(expected);
  });

  it('sees the past latest first, a page at a time, the same events the API lists', async () => {
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
    const from = new Date(Date.parse(`${today}T12:00:00Z`) - 730 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const api = (await (await fetch(`${baseUrl}/api/events?from=${from}&to=${to}&order=desc&limit=50`)).json()) as { items: { title: { fi: string }; occurrence: { startsAt: string } }[] };
    expect(api.items.length).toBeGreaterThan(0);
    const starts = api.items.map((item) => item.occurrence.startsAt);
    expect(starts).toEqual([...starts].sort().reverse());
    await open('/');
    await page.getByRole('button', { name: 'Näytä menneet tapahtumat' }).click();
    await titlesToBe(api.items.map((item) => item.title.fi));
  });

  it('is told up to when series without end are shown in a month beyond it', async () => {
    const horizon = ((await (await fetch(`${baseUrl}/api/events?limit=1`)).json()) as { horizon: string }).horizon;
    const beyond = new Date(Date.parse(horizon) + 40 * 86_400_000).toISOString().slice(0, 7);
    await open(`/?view=month&month=${beyond}`);
    const [year, month, day] = horizon.slice(0, 10).split('-').map(Number);
    await expect(page.locator('.series-until').textContent()).resolves.toContain(`${day}.${month}.${year}`);
    await open('/');
    expect(await page.locator('.series-until').count()).toBe(0);
  });

  it('hears how many events a filter change shows, not the whole list read out', async () => {
    await open('/');
    await page.getByLabel('Verkosto').selectOption('kulttuurihyvinvointi');
    await page.waitForURL(/network=kulttuurihyvinvointi/);
    const announced = async () => {
      const shown = await page.locator('.event-title').count();
      const text = await page.locator('main p[role="status"]').textContent();
      return text === (shown === 1 ? 'Näytetään 1 tapahtuma.' : `Näytetään ${shown} tapahtumaa.`) && shown > 0;
    };
    await expect.poll(announced).toBe(true);
    // No live region holds the events themselves.
    const liveWithEvents = await page.evaluate(() => [...document.querySelectorAll('[aria-live], [role="status"]')].filter((region) => region.querySelector('.event-title')).length);
    expect(liveWithEvents).toBe(0);
  });

  it('shows the coming year a page at a time, in order, without repeating any event', async () => {
    const day = (offset: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date(Date.now() + offset * 86_400_000));
    const api = (await (await fetch(`${baseUrl}/api/events?from=${day(0)}&to=${day(365)}&limit=500`)).json()) as { items: { title: { fi: string } }[] };
    const expected = api.items.map((item) => item.title.fi);
    await open('/');
    const firstPage = await page.locator('.event-title').count();
    expect(firstPage).toBeLessThan(expected.length);
    const more = page.getByRole('button', { name: 'Näytä lisää' });
    while ((await page.locator('.event-title').count()) < expected.length) {
      const shown = await page.locator('.event-title').count();
      await more.click();
      await page.waitForFunction((n) => document.querySelectorAll('.event-title').length > n, shown);
    }
    await titlesToBe(expected);
    await expect(more.count()).resolves.toBe(0);
  });

  it('searches by text', async () => {
    await open('/?past=1');
    await page.getByLabel('Hae', { exact: true }).fill('rahasta');
    await page.getByRole('button', { name: 'Hae', exact: true }).click();
    await page.waitForURL(/q=rahasta/);
    await titlesToBe(['Puhutaan rahasta – taloudellinen hyvinvointi puheeksi palveluissa']);
  });

  it('opens an event and sees its details and the ways to add it to a calendar', async () => {
    await open('/?past=1&q=tilannekuvaseminaari');
    await page.getByRole('link', { name: 'Hyvinvoinnin tilannekuvaseminaari 2025' }).click();
    await page.waitForURL(/\/events\/tilannekuvaseminaari-2025/);
    await page.waitForSelector('h1');
    expect(await page.locator('h1').textContent()).toContain('Hyvinvoinnin tilannekuvaseminaari 2025');
    const facts = await page.locator('.facts').textContent();
    expect(facts).toContain('to 25.9.2025 klo 9.00–15.30');
    expect(facts).toContain('Pohjois-Pohjanmaan hyvinvointialue (Pohde)');
    expect(await page.getByRole('link', { name: 'Lataa tiedosto (.ics)' }).getAttribute('href')).toBe('/events/tilannekuvaseminaari-2025.ics');
    expect(await page.getByRole('link', { name: 'Seminaaritallenne' }).getAttribute('href')).toContain('youtube');
    const ics = await page.request.get(`${baseUrl}/events/tilannekuvaseminaari-2025.ics`);
    expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  });

  it("shows a visitor abroad the event's time in their own zone too, and a visitor in Finland only Finnish time", async () => {
    await open('/events/tilannekuvaseminaari-2025');
    expect(await page.locator('.facts').textContent()).not.toContain('omalla aikavyöhykkeelläsi');
    const abroad = await browser.newContext({ timezoneId: 'America/New_York', locale: 'fi-FI' });
    const visitor = await abroad.newPage();
    await visitor.goto(`${baseUrl}/events/tilannekuvaseminaari-2025`);
    await visitor.waitForFunction(() => document.querySelector('.facts')?.textContent?.includes('omalla'));
    const facts = await visitor.locator('.facts').textContent();
    expect(facts).toContain('to 25.9.2025 klo 9.00–15.30 (Suomen aikaa)');
    expect(facts).toContain('to 25.9.2025 klo 2.00–8.30 (omalla aikavyöhykkeelläsi)');
    await abroad.close();
  });

  it('opens one occurrence of a series from the list and sees its own time and state', async () => {
    await open('/?view=month&month=2026-12');
    await page.locator('.month-grid a[href*="hyvinvointiyhdyshenkilot-kuukausitapaaminen?occurrence=2026-12-01T13%3A00"]').click();
    await page.waitForSelector('.occurrences');
    expect(await page.locator('.facts').textContent()).toContain('ti 1.12.2026 klo 13.00–14.30');
    expect(await page.locator('.occurrences li').count()).toBeGreaterThan(1);
  });

  it('sees that only this time of a series is cancelled, and where the series goes on', async () => {
    await open('/events/hyvinvointiyhdyshenkilot-kuukausitapaaminen?occurrence=2026-12-01T13%3A00');
    const notice = page.locator('.notice-cancelled');
    await expect.poll(() => notice.textContent()).toContain('Tämä kerta on peruttu; sarjan muut kerrat pidetään.');
    // The next time that takes place: the first Tuesday of January 2027.
    await notice.getByRole('link').waitFor();
    expect(await notice.getByRole('link').getAttribute('href')).toBe('/events/hyvinvointiyhdyshenkilot-kuukausitapaaminen?occurrence=2027-01-05T13%3A00');
    expect(await notice.textContent()).toContain('Seuraava kerta: ti 5.1.2027 klo 13.00–14.30');
  });

  it('sees that a past event has taken place, with no registration link left', async () => {
    await open('/events/tilannekuvaseminaari-2025');
    expect(await page.locator('.notice-passed').textContent()).toBe('Tapahtuma on jo pidetty.');
    expect(await page.getByRole('link', { name: 'Ilmoittaudu' }).count()).toBe(0);
    expect(await page.locator('.facts').textContent()).toContain('Ilmoittautuminen on päättynyt.');
  });

  it('marks Finnish texts on a Swedish or English page as Finnish, so screen readers switch voice', async () => {
    await open('/events/hyvinvointiyhdyshenkilot-kuukausitapaaminen?lang=sv');
    expect(await page.locator('h1 span[lang]').count()).toBe(0);
    expect(await page.locator('.description').getAttribute('lang')).toBe('fi');
    await open('/events/webinaari-ikaihmisten-hyvinvointi-2026?lang=en');
    expect(await page.locator('.notice-cancelled span[lang="fi"]').textContent()).toContain('Puhuja sairastui');
    // In the list, exactly the events without an English title carry lang="fi".
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
    const api = (await (await fetch(`${baseUrl}/api/events?from=${today}&limit=50`)).json()) as { items: { title: { en: string | null } }[] };
    await open('/?lang=en');
    const marked = await page.locator('.event-title a').evaluateAll((links) => links.map((link) => link.getAttribute('lang')));
    expect(marked).toEqual(api.items.map((item) => (item.title.en === null ? 'fi' : null)));
  });

  it('sees a cancelled event as cancelled', async () => {
    await open('/events/webinaari-ikaihmisten-hyvinvointi-2026');
    expect(await page.locator('.notice-cancelled').textContent()).toContain('Peruttu');
  });

  it('builds a subscription link from chosen networks, and the link is a working feed', async () => {
    await open('/');
    await page.getByRole('button', { name: 'Tilaa kalenteri' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByLabel('Kulttuurihyvinvointiverkosto').check();
    await dialog.getByLabel('ruotsi').check();
    const https = await dialog.getByLabel('Tilausosoite (https)').inputValue();
    expect(https).toBe(`${baseUrl}/calendar.ics?network=kulttuurihyvinvointi&lang=sv`);
    expect(await dialog.getByRole('link', { name: /webcal/ }).getAttribute('href')).toBe(https.replace(/^http:/, 'webcal:'));
    expect(await dialog.getByRole('link', { name: 'Tilaa Google-kalenteriin' }).getAttribute('href')).toContain('calendar.google.com');
    const feed = await page.request.get(https);
    expect(feed.status()).toBe(200);
    expect((await feed.text()).replaceAll('\r\n ', '')).toContain('X-WR-CALNAME:Hytekello — Nätverket för kulturell välfärd');
    await page.keyboard.press('Escape');
    await expect(page.locator('dialog[open]').count()).resolves.toBe(0);
  });

  it('chooses a reminder, which goes into every link, and the Google link keeps cancelled events visible (cancelled=mark)', async () => {
    await open('/');
    await page.getByRole('button', { name: 'Tilaa kalenteri' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByLabel('Kulttuurihyvinvointiverkosto').check();
    await expect(dialog.getByLabel('Ei muistutusta').isChecked()).resolves.toBe(true);
    await dialog.getByLabel('Tuntia ennen').check();
    const https = await dialog.getByLabel('Tilausosoite (https)').inputValue();
    expect(https).toBe(`${baseUrl}/calendar.ics?network=kulttuurihyvinvointi&alarm=PT1H`);
    expect(await dialog.getByRole('link', { name: /webcal/ }).getAttribute('href')).toBe(https.replace(/^http:/, 'webcal:'));
    const google = new URL((await dialog.getByRole('link', { name: 'Tilaa Google-kalenteriin' }).getAttribute('href'))!);
    const subscribed = google.searchParams.get('cid')!;
    expect(subscribed).toBe(`${https.replace(/^http:/, 'webcal:')}&cancelled=mark`);
    for (const [name, host] of [['Tilaa Outlookiin (Outlook.com)', 'outlook.live.com'], ['Tilaa Outlookiin (Microsoft 365 -työtili)', 'outlook.office.com']]) {
      const outlook = new URL((await dialog.getByRole('link', { name, exact: true }).getAttribute('href'))!);
      expect(outlook.host).toBe(host);
      expect(outlook.searchParams.get('url')).toBe(https);
    }
    // Why the Google link differs, said next to it, and announced with it.
    expect(await dialog.getByRole('link', { name: 'Tilaa Google-kalenteriin' }).getAttribute('aria-describedby')).toBe('google-cancelled');
    expect(await dialog.locator('#google-cancelled').textContent()).toContain('Peruttu:');
    // Both links are working feeds with the reminder; the Google one has no STATUS:CANCELLED.
    const feed = await (await page.request.get(https)).text();
    expect(feed).toContain('TRIGGER:-PT1H');
    const googleFeed = await page.request.get(subscribed.replace(/^webcal:/, 'http:'));
    expect(googleFeed.status()).toBe(200);
    const googleText = await googleFeed.text();
    expect(googleText).toContain('TRIGGER:-PT1H');
    expect(googleText).not.toContain('STATUS:CANCELLED');
    expect(await accessibilityViolations(page)).toEqual([]);
    // Back to none: no alarm in the link.
    await dialog.getByLabel('Ei muistutusta').check();
    expect(await dialog.getByLabel('Tilausosoite (https)').inputValue()).toBe(`${baseUrl}/calendar.ics?network=kulttuurihyvinvointi`);
  });

  it('finds the subscription link first in the dialog, a few tab stops in, also on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open('/');
    await page.getByRole('button', { name: 'Tilaa kalenteri' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    let stops = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'feed-url' && stops < 10) {
      await page.keyboard.press('Tab');
      stops++;
    }
    expect(stops).toBeLessThanOrEqual(3);
    // In view without scrolling, and nothing inside the dialog scrolls but the dialog itself.
    const box = (await dialog.getByLabel('Tilausosoite (https)').boundingBox())!;
    expect(box.y + box.height).toBeLessThan(844);
    const innerScrollers = await dialog.evaluate((element) => [...element.querySelectorAll('*')].filter((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowY) && e.scrollHeight > e.clientHeight).length);
    expect(innerScrollers).toBe(0);
    // Long names are whole.
    await dialog.locator('summary', { hasText: 'Järjestäjä' }).click();
    const cut = await dialog.locator('label.check').evaluateAll((labels) => labels.filter((label) => label.scrollWidth > label.clientWidth + 1).map((label) => label.textContent));
    expect(cut).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('says how many coming events the choice holds, and when it holds none', async () => {
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
    const year = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date(Date.now() + 365 * 86_400_000));
    const api = (await (await fetch(`${baseUrl}/api/events?network=kulttuurihyvinvointi&from=${today}&to=${year}&limit=200`)).json()) as { items: { id: string }[] };
    const expected = new Set(api.items.map((item) => item.id)).size;
    await open('/');
    await page.getByRole('button', { name: 'Tilaa kalenteri' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByLabel('Kulttuurihyvinvointiverkosto').check();
    const count = dialog.locator('.subscribe-count');
    await expect
      .poll(() => count.textContent())
      .toBe(expected === 1 ? 'Valinnassa on nyt 1 tuleva tapahtuma (seuraavat 12 kuukautta).' : `Valinnassa on nyt ${expected} tulevaa tapahtumaa (seuraavat 12 kuukautta).`);
    // A combination that holds nothing is said to hold nothing.
    await dialog.getByLabel('Kulttuurihyvinvointiverkosto').uncheck();
    await dialog.getByLabel('Kuntien hyvinvointiyhdyshenkilöiden verkosto').check();
    await dialog.getByLabel('Hyvinvointifoorumi').check();
    await expect.poll(() => count.textContent()).toContain('ei ole nyt yhtään tulevaa tapahtumaa');
  });

  it('says that a search text does not go into the subscription', async () => {
    await open('/?q=foorumi');
    await page.getByRole('button', { name: 'Tilaa kalenteri' }).click();
    const dialog = page.locator('dialog[open]');
    expect(await dialog.locator('.subscribe-search').textContent()).toBe('Hakusana ”foorumi” ei siirry tilaukseen: tilaus sisältää kaikki valintojesi tapahtumat.');
    expect(await dialog.getByLabel('Tilausosoite (https)').inputValue()).toBe(`${baseUrl}/calendar.ics`);
  });

  it('switches the language, which is kept in the URL', async () => {
    await open('/?network=kulttuurihyvinvointi');
    await page.getByRole('link', { name: 'På svenska' }).click();
    await page.waitForURL(/lang=sv/);
    expect(new URL(page.url()).searchParams.get('network')).toBe('kulttuurihyvinvointi');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Kommande evenemang');
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
  });

  it('moves through the month grid', async () => {
    await open('/?view=month&month=2026-12');
    expect(await page.locator('caption').textContent()).toMatch(/joulukuu 2026/i);
    await page.getByRole('button', { name: 'Seuraava kuukausi' }).click();
    await page.waitForURL(/month=2027-01/);
    await page.waitForFunction(() => /tammikuu 2027/i.test(document.querySelector('caption')?.textContent ?? ''));
  });

  it('the month grid asks for the brief list and shows its occurrences; the list view asks for whole events', async () => {
    const lists = listQueries();
    await open('/?view=month&month=2026-12');
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.every((query) => query.get('fields') === 'brief' && query.get('limit') === '200')).toBe(true);
    const api = (await (await fetch(`${baseUrl}/api/events?${lists[0]}`)).json()) as { items: { title: { fi: string }; description?: unknown; occurrence: { start: string } }[] };
    expect(api.items.every((item) => item.description === undefined)).toBe(true);
    // Each occurrence that starts in the month is in the grid (the window's week before it is partly outside the grid).
    const december = api.items.filter((item) => item.occurrence.start.startsWith('2026-12'));
    expect(december.length).toBeGreaterThan(0);
    const shown = (await page.locator('.month-grid li a').allTextContents()).join('\n');
    expect([...new Set(december.map((item) => item.title.fi))].filter((title) => !shown.includes(title))).toEqual([]);
    await page.getByRole('button', { name: 'Lista' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.event-title').length > 0);
    expect(lists.at(-1)!.get('fields')).toBeNull();
  });

  it('shows every occurrence of a month that takes more than one page of the brief list', async () => {
    // Eight daily meetings through March 2036: 248 occurrences, more than one page.
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('button', { name: 'Kirjaudu: Aino Ylläpitäjä' }).click();
    await page.waitForURL(/\/manage/);
    const titles = Array.from({ length: 8 }, (_, i) => `Päivittäinen tilannekatsaus ${i + 1}`);
    for (const [i, title] of titles.entries()) {
      const hour = String(8 + i).padStart(2, '0');
      const created = await api(page, 'POST', '/api/events', {
        status: 'published', title: { fi: title }, type: 'verkostotapaaminen', start: `2036-03-01T${hour}:00`, end: `2036-03-01T${hour}:30`, recurrence: { rrule: 'FREQ=DAILY;COUNT=31' },
      });
      expect(created.status).toBe(201);
    }
    const lists = listQueries();
    await open('/?view=month&month=2036-03');
    expect(lists.length).toBeGreaterThan(1);
    expect(lists.slice(1).every((query) => query.get('cursor'))).toBe(true);
    // The last day of the month, on the last page, has all eight.
    const last = page.locator('.month-grid td', { has: page.locator('.visually-hidden', { hasText: /31\.3\.2036/ }) });
    for (const title of titles) await expect(last.getByText(title, { exact: true }).count()).resolves.toBe(1);
    expect(await page.locator('.month-grid li a', { hasText: 'Päivittäinen tilannekatsaus' }).count()).toBe(248);
  });

  it('can use the page with the keyboard alone: skip link, filters, dialog', async () => {
    await open('/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Siirry sisältöön');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('content');
    // Tab from the main content reaches the subscribe button and opens the dialog.
    for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Tilaa kalenteri'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('dialog[open]');
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Tilaa kalenteri');
  });
});

describe('the annual clock', () => {
  it('shows every item as a focusable arc; Enter opens its details, with its source and events', async () => {
    await open('/clock?year=2026');
    const items = page.locator('svg.wheel [role="button"]');
    expect(await items.count()).toBeGreaterThan(8);
    const seminar = page.getByRole('button', { name: /^Hyvinvoinnin tilannekuvaseminaari talous- ja toimintasuunnittelun tueksi: 1\.9\.2026 – 30\.9\.2026$/ });
    await seminar.focus();
    await page.keyboard.press('Enter');
    const details = page.locator('.clock-details');
    await details.waitFor();
    expect(await details.textContent()).toContain('Pohjois-Pohjanmaan hyvinvointisopimus 2019–2025');
    expect(await details.getByRole('link', { name: 'Hyvinvoinnin tilannekuvaseminaari 2026' }).getAttribute('href')).toBe('/events/tilannekuvaseminaari-2026');
  });

  it('starts the wheel from August for a school year, and moves between years', async () => {
    await open('/clock?year=2026');
    await page.getByLabel('Alkukuukausi').selectOption('8');
    await page.waitForURL(/start=8/);
    await page.waitForFunction(() => document.querySelector('svg.wheel')?.textContent?.includes('2026–2027'));
    await page.getByRole('button', { name: 'Seuraava vuosi' }).click();
    await page.waitForURL(/year=2027/);
    await page.waitForFunction(() => document.querySelector('svg.wheel')?.textContent?.includes('2027–2028'));
  });

  it('lists the same items as a table, and the council term by year', async () => {
    await open('/clock?view=table&year=2027');
    const rows = await page.locator('.data-table tbody th').allTextContents();
    expect(rows).toContain('Kouluterveyskysely (parittomina vuosina)');
    await open('/clock?view=term');
    expect(await page.locator('caption').textContent()).toContain('2025–2029');
    // The current year of the term is marked, whichever it is today.
    const termStart = new Date().getUTCMonth() >= 5 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;
    expect(await page.locator('thead th[aria-current="true"]').textContent()).toContain(`${((termStart - 2025) % 4 + 4) % 4 + 1}.`);
  });

  it('exports the wheel as SVG and PNG', async () => {
    await open('/clock?year=2026');
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Lataa SVG' }).click()]);
    expect(svg.suggestedFilename()).toBe('vuosikello-2026.svg');
    const text = (await import('node:fs')).readFileSync((await svg.path())!, 'utf8');
    expect(text).toContain('<svg');
    expect(text).toContain('Tilinpäätös ja toimintakertomus');
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Lataa PNG' }).click()]);
    expect(png.suggestedFilename()).toBe('vuosikello-2026.png');
    const bytes = (await import('node:fs')).readFileSync((await png.path())!);
    expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  });

  it('offers the clock as a feed that calendar apps read', async () => {
    await open('/clock');
    const href = await page.getByRole('link', { name: 'Tilaa vuosikello kalenteriin' }).getAttribute('href');
    const feed = await page.request.get(`${baseUrl}${href}`);
    expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    expect(await feed.text()).toContain('SUMMARY:Tilinpäätös ja toimintakertomus');
  });
});

describe('the widget', () => {
  it('shows the next events of a municipality, linking out to the full pages', async () => {
    await open('/embed?municipality=oulu&limit=3');
    const links = page.locator('.event-title a');
    expect(await links.count()).toBeLessThanOrEqual(3);
    expect(await links.first().getAttribute('target')).toBe('_blank');
    expect(await page.locator('.site-header').count()).toBe(0);
  });
});

describe('page titles (WCAG 2.4.2)', () => {
  it.each([
    ['/', 'Tulevat tapahtumat – Hytekello'],
    ['/?lang=sv', 'Kommande evenemang – Hytekello'],
    ['/?view=month&month=2026-12&lang=en', 'Calendar – Hytekello'],
    ['/clock', 'Pohjois-Pohjanmaan hyvinvointityön vuosikello: Kehä – Hytekello'],
    ['/clock?view=table&lang=en', 'Annual clock of wellbeing work in North Ostrobothnia: Table – Hytekello'],
    ['/clock?view=term&lang=sv', 'Årsklockan för välfärdsarbetet i Norra Österbotten: Fullmäktigeperiod – Hytekello'],
    ['/embed', 'Tulevat tapahtumat – Hytekello'],
    ['/embed/clock?lang=en', 'Annual clock of wellbeing work in North Ostrobothnia: Wheel – Hytekello'],
    ['/events/no-such-event', 'Tapahtumaa ei löytynyt – Hytekello'],
    ['/events/no-such-event?lang=en', 'Event not found – Hytekello'],
    ['/no/such/page', 'Sivua ei löytynyt. – Hytekello'],
  ])('%s says what the page is, in its language', async (path, title) => {
    await open(path);
    await expect.poll(() => page.title()).toBe(title);
  });

  it('an unknown clock says it was not found, not that the connection failed', async () => {
    await open('/clock?clock=oulun-kaupunki-vuosikello');
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toBe('Vuosikelloa ei löytynyt. Tarkista osoite.');
    expect(await page.getByRole('button', { name: 'Yritä uudelleen' }).count()).toBe(0);
    expect(await page.title()).toBe('Vuosikelloa ei löytynyt. Tarkista osoite. – Hytekello');
  });
});
