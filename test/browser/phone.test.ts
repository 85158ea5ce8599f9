/**
 * The public pages on a phone (WCAG 1.4.10): at 320 and 390 CSS pixels no
 * page is wider than the screen, in Finnish and in Swedish, with the
 * longest titles of the demo data and an event named by a 60-letter compound.
 * Wide data tables scroll inside the page, never the page itself.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, launch } from './browser';

const baseUrl = inject('baseUrl');
const COMPOUND = 'Hyvinvointiyhdyshenkilöverkostokehittämistyöpajasarjakokoontumiset'.slice(0, 60);

let browser: Browser;
let compoundEvent: string;

beforeAll(async () => {
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('button', { name: 'Kirjaudu: Olli Järjestäjä' }).click();
  await page.waitForURL(/\/manage/);
  const created = await page.evaluate(async (title) => {
    const response = await fetch('/api/events', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        title: { fi: `${title} Oulussa`, sv: `Välfärdskontaktpersonernas${title.slice(20)}` },
        description: { fi: `${title} ${title}` },
        type: 'tyopaja',
        status: 'published',
        start: '2027-05-11T09:00',
        end: '2027-05-11T12:00',
        organisations: ['pohde'],
        networks: ['hyvinvointiyhdyshenkilot'],
        municipalities: ['oulu'],
        location: { place: `${title}sali`, address: 'Torikatu 10, 90100 Oulu' },
      }),
    });
    return { status: response.status, body: await response.json() };
  }, COMPOUND);
  expect(created.status).toBe(201);
  compoundEvent = created.body.id;
  await context.close();
});
afterAll(async () => {
  await browser?.close();
});

async function phonePage(width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'Europe/Helsinki', locale: 'fi-FI' });
  return context.newPage();
}

/** How far the page reaches past the right edge of the screen, and what reaches out furthest. */
async function overflow(page: Page, path: string): Promise<string | null> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForSelector('main');
  await page.waitForFunction(() => !document.querySelector('.spinner') && document.querySelector('main')!.textContent!.trim().length > 0);
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    const widest = [...document.querySelectorAll('body *')].reduce<Element | null>((far, el) => (!far || el.getBoundingClientRect().right > far.getBoundingClientRect().right ? el : far), null);
    return `${document.documentElement.scrollWidth} px wide: <${widest?.tagName.toLowerCase()} class="${widest?.className}"> ${widest?.textContent?.slice(0, 40)}`;
  });
}

const PUBLIC_PAGES = (event: string) => [
  '/',
  '/?past=1',
  '/?view=month&month=2027-05',
  `/?q=${encodeURIComponent(COMPOUND.slice(0, 20))}`,
  `/events/${event}`,
  '/events/tilannekuvaseminaari-2025',
  '/clock',
  '/clock?view=table',
  '/clock?view=term',
  '/clock?network=hyvinvointiyhdyshenkilot&type=verkostotapaaminen',
  '/clock?view=table&network=hyvinvointiyhdyshenkilot',
  '/embed',
  '/embed/clock',
  '/privacy',
  '/api/docs',
  '/sign-in',
];

describe('on a phone', () => {
  it.each([320, 390])('no public page is wider than a %i px screen, in Finnish or Swedish', async (width) => {
    const page = await phonePage(width);
    const found: Record<string, string | null> = {};
    for (const path of PUBLIC_PAGES(compoundEvent)) {
      found[path] = await overflow(page, path);
      const swedish = `${path}${path.includes('?') ? '&' : '?'}lang=sv`;
      found[swedish] = await overflow(page, swedish);
    }
    expect(Object.entries(found).filter(([, wide]) => wide !== null)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it.each(['fi', 'sv', 'en'])('no public page has accessibility violations on a phone (axe-core, WCAG 2.2 AA), in %s', async (language) => {
    const page = await phonePage(390);
    const found: Record<string, string[]> = {};
    for (const path of PUBLIC_PAGES(compoundEvent)) {
      const localised = language === 'fi' ? path : `${path}${path.includes('?') ? '&' : '?'}lang=${language}`;
      await overflow(page, localised);
      found[localised] = await accessibilityViolations(page);
    }
    expect(Object.entries(found).filter(([, violations]) => violations.length > 0)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it.each([320, 390])('no organiser or administrator page is wider than a %i px screen (and none has accessibility violations at 390)', async (width) => {
    const page = await phonePage(width);
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('button', { name: 'Kirjaudu: Aino Ylläpitäjä' }).click();
    await page.waitForURL(/\/manage/);
    const found: Record<string, string | null> = {};
    const violations: Record<string, string[]> = {};
    for (const path of ['/manage', '/manage?status=published', '/manage/events/new', `/manage/events/${compoundEvent}`, '/manage/clock', '/manage/imports', '/manage/tokens', '/admin/people', '/admin/organisations', '/admin/audit']) {
      found[path] = await overflow(page, path);
      if (width === 390) violations[path] = await accessibilityViolations(page);
    }
    expect(Object.entries(found).filter(([, wide]) => wide !== null)).toEqual([]);
    expect(Object.entries(violations).filter(([, list]) => list.length > 0)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('shows a month as an agenda of its days, with whole titles, instead of a grid of narrow cells', async () => {
    const page = await phonePage(390);
    await overflow(page, '/?view=month&month=2026-12');
    expect(await page.locator('.month-grid').isVisible()).toBe(false);
    const agenda = page.locator('.month-agenda');
    expect(await agenda.isVisible()).toBe(true);
    expect(await agenda.locator('h2').textContent()).toBe('joulukuu 2026');
    expect(await agenda.locator('h3').first().textContent()).toMatch(/^\p{L}{2} \d{1,2}\.12\.2026$/u);
    // Every title is there whole: no cell cuts it.
    const titles = await agenda.locator('li li a').evaluateAll((links) => links.map((a) => ({ text: a.textContent ?? '', cut: a.scrollWidth > a.clientWidth + 1 })));
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.filter((title) => title.cut)).toEqual([]);
    expect(titles.some((title) => title.text.includes('Kuntien hyvinvointiyhdyshenkilöiden kuukausitapaaminen'))).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("shows the annual clock as the year's list month by month first, every item whole, with the wheel below it", async () => {
    const page = await phonePage(390);
    await overflow(page, '/clock?year=2026');
    const clock = await page.evaluate(async () => (await fetch('/api/clock?year=2026')).json());
    const list = page.locator('.year-list');
    expect(await list.isVisible()).toBe(true);
    expect(await list.locator('h2').textContent()).toBe('Vuoden kohdat ja tapahtumat kuukausittain');
    expect(await list.locator('.year-month h3').allTextContents()).toHaveLength(12);
    const listed = await list.locator('.year-items li').evaluateAll((lines) => lines.map((li) => ({ id: Number(li.getAttribute('data-item')), text: li.textContent ?? '', cut: li.scrollWidth > li.clientWidth + 1 })));
    const items = clock.items as { id: number; title: { fi: string } }[];
    expect(items.length).toBeGreaterThan(20);
    for (const item of items) expect(listed.find((line) => line.id === item.id)?.text, item.title.fi).toContain(item.title.fi);
    expect(listed.filter((line) => line.cut)).toEqual([]);
    // The list comes first, readable at a phone's width; the wheel is still there below it, and a button takes one to it.
    const listBox = (await list.boundingBox())!;
    const wheelBox = (await page.locator('svg.wheel').boundingBox())!;
    expect(listBox.width).toBeLessThanOrEqual(390);
    expect(wheelBox.y).toBeGreaterThan(listBox.y + listBox.height - 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await list.getByRole('button', { name: 'Näytä kello' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('clock-wheel');
    expect(await accessibilityViolations(page)).toEqual([]);
    // With the events of a network too, in the months where they are.
    await overflow(page, '/clock?year=2026&network=hyvinvointiyhdyshenkilot');
    expect(await list.locator('.year-events li').count()).toBeGreaterThan(5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();

    // On a wide screen the wheel is the view, as before.
    const desktop = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Helsinki', locale: 'fi-FI' })).newPage();
    await overflow(desktop, '/clock?year=2026');
    expect(await desktop.locator('.year-list').isVisible()).toBe(false);
    expect(await desktop.locator('svg.wheel').isVisible()).toBe(true);
    await desktop.context().close();
  });

  it('a wide table scrolls by keyboard inside the page, and the page has no violations', async () => {
    const page = await phonePage(320);
    await overflow(page, '/clock?view=table');
    const region = page.getByRole('group', { name: /Vuosikello \d{4}/ });
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await overflow(page, '/api/docs');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });
});
