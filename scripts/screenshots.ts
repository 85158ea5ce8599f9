/**
 * The annual clock's views of the README (docs/screenshots/clock.png,
 * council-term.png) at 1200×1180 and the phone views of the docs
 * (docs/screenshots/phone-*.png), taken from the running service with the
 * demo data: Chromium at 390×844 as a phone, in Finnish, Swedish and English. `npm run screenshots`; run it again after a
 * change to the UI and look at the pictures before committing them.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launch } from '../test/browser/chromium';
import { startLocalService } from './local-service';

const OUT = 'docs/screenshots';
const DESKTOP = { viewport: { width: 1200, height: 1180 }, timezoneId: 'Europe/Helsinki', locale: 'fi-FI' } as const;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'Europe/Helsinki', locale: 'fi-FI' } as const;

/** The file's name, the path, and what the picture shows: the page is scrolled to put it at the top. */
interface View {
  name: string;
  path: string;
  show: string;
  /** Where the picture starts, when not at `show`: the top of the page. */
  fromTop?: boolean;
}
const DESKTOP_VIEWS: View[] = [
  { name: 'clock', path: '/clock?year=2026', show: 'main .wheel-labels', fromTop: true },
  { name: 'council-term', path: '/clock?view=term', show: 'main .term-table', fromTop: true },
];
const PUBLIC_VIEWS: View[] = [
  { name: 'phone-agenda', path: '/?view=month&month=2027-05', show: 'main h2' },
  { name: 'phone-event', path: '/events/tilannekuvaseminaari-2025?lang=sv', show: 'main h1' },
  { name: 'phone-clock', path: '/clock?lang=en', show: 'main .year-list' },
  { name: 'phone-council-term', path: '/clock?view=term', show: 'main table' },
];
const ORGANISER_VIEWS: View[] = [
  { name: 'phone-manage', path: '/manage', show: 'main h1' },
  { name: 'phone-event-form', path: '/manage/events/new', show: 'main form' },
];

async function shoot(page: Page, baseUrl: string, view: View): Promise<void> {
  await page.goto(`${baseUrl}${view.path}`);
  await page.waitForSelector(view.show);
  // In the page, as text: the scripts are typed without the browser's globals. Fonts settle first.
  await page.waitForSelector('.spinner', { state: 'detached' });
  await page.evaluate('document.fonts.ready');
  if (!view.fromTop) await page.evaluate(`window.scrollTo({ top: document.querySelector(${JSON.stringify(view.show)}).getBoundingClientRect().top + window.scrollY - 12, behavior: 'instant' })`);
  await page.screenshot({ path: `${OUT}/${view.name}.png` });
  console.log(`${OUT}/${view.name}.png  ${view.path}`);
}

const service = await startLocalService();
// The browser tests' Chromium, with the same flags.
const browser = await launch();
try {
  mkdirSync(OUT, { recursive: true });
  const desktop = await (await browser.newContext(DESKTOP)).newPage();
  for (const view of DESKTOP_VIEWS) await shoot(desktop, service.baseUrl, view);
  const visitor = await (await browser.newContext(PHONE)).newPage();
  for (const view of PUBLIC_VIEWS) await shoot(visitor, service.baseUrl, view);
  const organiser = await (await browser.newContext(PHONE)).newPage();
  await organiser.goto(`${service.baseUrl}/sign-in`);
  await organiser.getByRole('button', { name: 'Kirjaudu: Olli Järjestäjä' }).click();
  await organiser.waitForURL(/\/manage/);
  for (const view of ORGANISER_VIEWS) await shoot(organiser, service.baseUrl, view);
} finally {
  await browser.close();
  service.stop();
}
