/**
 * Rolling a clock over in a real Chromium against the running service: in
 * /manage/clock with the keyboard alone, the drafts listed, the comparison
 * with the drafts, one published and then on the public wheel of the next
 * year; axe-core on the new views. The test makes an organisation, its
 * clock and its editor of its own, so that no other test sees its drafts.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, api, launch } from './browser';

const baseUrl = inject('baseUrl');
const AINO = 'Aino Ylläpitäjä';
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForSelector('main h1');
  await page.waitForFunction(() => !document.querySelector('.spinner'));
}

/** Moves the focus with Tab until `locator`'s element has it; fails when the page has no way there by keyboard. */
async function tabTo(page: Page, selector: string, name: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const there = await page.evaluate(
      ({ selector, name }) => {
        const active = document.activeElement as HTMLElement | null;
        return !!active && active.matches(selector) && ((active.getAttribute('aria-label') ?? active.textContent ?? '').includes(name));
      },
      { selector, name },
    );
    if (there) return;
  }
  throw new Error(`no way by Tab to ${selector} "${name}"`);
}

describe('rolling a clock over to the next year', () => {
  it('in /manage/clock by keyboard: drafts listed, the comparison shows what changes, one published shows on the public wheel of the next year', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Helsinki', locale: 'fi-FI' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('button', { name: `Kirjaudu: ${AINO}` }).click();
    await page.waitForURL(/\/manage/);
    const stamp = Date.now().toString(36);
    const organisation = `rollover-${stamp}`;
    expect((await api(page, 'POST', '/api/admin/organisations', { slug: organisation, name: { fi: 'Siirtokunta' }, kind: 'municipality' })).status).toBe(201);
    const created = await api(page, 'POST', '/api/clocks', { organisation });
    expect(created.status).toBe(201);
    const clock = created.body.clock.slug as string;
    const year = new Date().getFullYear();
    const title = `Kevään kuuleminen ${stamp}`;
    const item = await api(page, 'POST', `/api/clock/items?clock=${clock}`, { ring: 'kunnat', kind: 'annual', title: { fi: title }, span: { startMonth: 3, startDay: 10, endMonth: 3, endDay: 20 } });
    expect(item.status).toBe(201);
    const email = `rolf-${stamp}@example.fi`;
    expect((await api(page, 'POST', '/api/admin/people', { name: 'Rolf Siirtäjä', email, memberships: [{ organisation, role: 'organiser' }] })).status).toBe(201);
    // From here on as the clock's own editor.
    expect((await api(page, 'POST', '/api/auth/dev-sign-in', { email })).status).toBe(200);

    await open(page, '/manage/clock');
    await page.waitForSelector('#rollover-title');
    await page.waitForFunction(() => !document.querySelector('.spinner'));
    await tabTo(page, 'button', 'Kopioi seuraavalle vuodelle');
    await page.keyboard.press('Enter');
    const message = page.locator('.clock-rollover .status-ok');
    await message.waitFor();
    expect(await message.textContent()).toMatch(/^\d+ luonnosta tehty, \d+ kohtaa jätetty ennalleen\./);
    // The focus is on the way on: the comparison.
    await page.waitForFunction(() => document.activeElement?.id === 'rollover-next');
    const drafts = page.locator('.clock-rollover table.draft-items').first();
    await drafts.locator('tbody tr', { hasText: title }).waitFor();
    expect(await drafts.locator('tbody tr', { hasText: title }).textContent()).toContain('Luonnos');
    expect(await accessibilityViolations(page)).toEqual([]);

    // The draft is renamed, so that the wheel shows which one it is.
    const draftId = (await api(page, 'GET', `/api/clock?clock=${clock}&year=${year + 1}&drafts=include`)).body.items.find((i: { replacesItem: number | null }) => i.replacesItem === item.body.id).id as number;
    const etag = await page.evaluate(async (path) => (await fetch(path)).headers.get('ETag'), `/api/clock/items/${draftId}`);
    const renamed = `Kevään kuuleminen uusi ${stamp}`;
    expect(await page.evaluate(async ({ path, etag, renamed }) => (await fetch(path, { method: 'PATCH', headers: { 'Content-Type': 'application/json', 'If-Match': etag! }, body: JSON.stringify({ title: { fi: renamed } }) })).status, { path: `/api/clock/items/${draftId}`, etag, renamed })).toBe(200);

    await page.keyboard.press('Enter');
    await page.waitForURL(/\/clock\/compare\?/);
    expect(new URL(page.url()).searchParams.get('drafts')).toBe('include');
    await page.waitForSelector('table.compare-table');
    await page.waitForFunction(() => !document.querySelector('.spinner'));
    const row = page.locator('table.compare-table tbody tr', { hasText: renamed });
    expect(await row.locator('th').textContent()).toBe('muuttunut: ajat siirtyivät, nimi muuttui');
    const rowText = await row.textContent();
    expect(rowText).toContain(title);
    expect(rowText).toContain('luonnos');
    expect(await page.locator('.compare-summary').textContent()).toMatch(/\d+ uutta, \d+ poistunutta, \d+ muuttunutta, \d+ ennallaan/);
    expect(await accessibilityViolations(page)).toEqual([]);
    // Without drafts (as anyone sees it) the item is unchanged.
    await tabTo(page, '#compare-drafts', '');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/clock/compare' && !url.searchParams.has('drafts'));
    await page.waitForFunction((title) => [...document.querySelectorAll('table.compare-table tbody tr')].some((tr) => tr.textContent!.includes(title) && tr.querySelector('th')!.textContent === 'ennallaan'), title);

    // Not on the public wheel until published.
    await open(page, `/clock?clock=${clock}&year=${year + 1}`);
    await page.waitForSelector('svg.wheel');
    expect(await page.locator('svg.wheel').innerHTML()).not.toContain(renamed);

    await open(page, '/manage/clock');
    await page.waitForSelector('.clock-rollover table.draft-items tbody tr');
    await tabTo(page, 'button', `Julkaise: ${renamed}`);
    await page.keyboard.press('Enter');
    await page.locator('.clock-rollover .status-ok', { hasText: `Julkaistu: ${renamed}` }).waitFor();
    await page.waitForFunction((renamed) => ![...document.querySelectorAll('.clock-rollover table.draft-items tbody tr')].some((tr) => tr.textContent!.includes(renamed)), renamed);

    await context.clearCookies();
    await open(page, `/clock?clock=${clock}&year=${year + 1}`);
    await page.waitForSelector('svg.wheel');
    const arcs = await page.locator('svg.wheel [aria-label]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''));
    expect(arcs.some((label) => label.includes(renamed))).toBe(true);
    expect(arcs.some((label) => label.includes(title) && !label.includes(renamed))).toBe(false);
    const publicClock = await api(page, 'GET', `/api/clock?clock=${clock}&year=${year + 1}`);
    expect(publicClock.body.items.find((i: { id: number }) => i.id === draftId).occurrences[0].start).toBe(`${year + 1}-03-${String(new Date(Date.UTC(year, 2, 10) + 364 * 86_400_000).getUTCDate()).padStart(2, '0')}`);
    await context.close();
  }, 120_000);
});
