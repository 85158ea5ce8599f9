/**
 * The annual clock's wheel read at a glance, in a real Chromium against the
 * running service: every item's name on its arc or in a numbered callout,
 * no label over another (measured glyph by glyph), the events of the year
 * as links on their dates, months that open into lists, the keyboard,
 * high contrast, axe-core at desktop and phone width; for the regional
 * clock and for a generated clock of 40 items.
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

async function newPage(width = 1280, height = 900): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, timezoneId: 'Europe/Helsinki', locale: 'fi-FI' });
  return context.newPage();
}

async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForSelector('main h1');
  await page.waitForFunction(() => !document.querySelector('.spinner') && (document.querySelector('svg.wheel') || document.querySelector('table')));
}

interface WheelReading {
  arcs: number;
  labels: { index: number; text: string; fits: boolean }[];
  callouts: number[];
  legend: { number: number; name: string }[];
  /** Pairs of labels whose glyphs (or callout badges) meet. */
  overlaps: string[];
  names: string[][];
}

/**
 * What the wheel shows, measured in the browser: each label's glyphs as
 * rectangles turned with the glyph (an axis-aligned box of a glyph on a
 * curve would be far larger than the glyph), each callout's badge, and
 * whether two of different labels meet (separating-axis test).
 */
function readWheel(page: Page): Promise<WheelReading> {
  return page.evaluate(() => {
    type Corner = [number, number];
    const rectangle = (cx: number, cy: number, width: number, height: number, degrees: number): Corner[] => {
      const a = (degrees * Math.PI) / 180;
      const [ux, uy, vx, vy] = [Math.cos(a) * (width / 2), Math.sin(a) * (width / 2), -Math.sin(a) * (height / 2), Math.cos(a) * (height / 2)];
      return [
        [cx - ux - vx, cy - uy - vy],
        [cx + ux - vx, cy + uy - vy],
        [cx + ux + vx, cy + uy + vy],
        [cx - ux + vx, cy - uy + vy],
      ];
    };
    const meet = (p: Corner[], q: Corner[]) => {
      for (const shape of [p, q]) {
        for (let i = 0; i < 4; i++) {
          const [x1, y1] = shape[i]!;
          const [x2, y2] = shape[(i + 1) % 4]!;
          const [nx, ny] = [y1 - y2, x2 - x1];
          const project = (s: Corner[]) => s.map(([x, y]) => x * nx + y * ny);
          const [a, b] = [project(p), project(q)];
          // Half a unit of tolerance for anti-aliasing.
          const slack = 0.5 * Math.hypot(nx, ny);
          if (Math.max(...a) - slack <= Math.min(...b) || Math.max(...b) - slack <= Math.min(...a)) return false;
        }
      }
      return true;
    };
    const shapes: { owner: string; corners: Corner[] }[] = [];
    const labels = [...document.querySelectorAll<SVGGElement>('.wheel-label')].map((group) => {
      const text = group.querySelector('text')!;
      const path = group.querySelector('path')!;
      const size = Number(text.getAttribute('font-size'));
      for (let i = 0; i < text.getNumberOfChars(); i++) {
        const extent = text.getExtentOfChar(i);
        const start = text.getStartPositionOfChar(i);
        const end = text.getEndPositionOfChar(i);
        shapes.push({ owner: `label ${group.dataset.label}`, corners: rectangle(extent.x + extent.width / 2, extent.y + extent.height / 2, Math.hypot(end.x - start.x, end.y - start.y), size, text.getRotationOfChar(i)) });
      }
      return { index: Number(group.dataset.label), text: text.textContent ?? '', fits: text.getComputedTextLength() <= path.getTotalLength() };
    });
    const callouts = [...document.querySelectorAll<SVGGElement>('.wheel-callout')].map((group) => {
      const circle = group.querySelector('circle')!;
      const r = Number(circle.getAttribute('r'));
      shapes.push({ owner: `callout ${group.textContent}`, corners: rectangle(Number(circle.getAttribute('cx')), Number(circle.getAttribute('cy')), 2 * r, 2 * r, 0) });
      return Number(group.textContent);
    });
    const overlaps: string[] = [];
    for (let i = 0; i < shapes.length; i++) {
      for (let j = i + 1; j < shapes.length; j++) {
        if (shapes[i]!.owner !== shapes[j]!.owner && meet(shapes[i]!.corners, shapes[j]!.corners)) overlaps.push(`${shapes[i]!.owner} / ${shapes[j]!.owner}`);
      }
    }
    return {
      arcs: document.querySelectorAll('.wheel-item').length,
      labels,
      callouts,
      legend: [...document.querySelectorAll<HTMLElement>('.callout-legend li')].map((li) => ({ number: Number(li.dataset.callout), name: li.querySelector('.callout-name')?.textContent ?? '' })),
      overlaps: [...new Set(overlaps)],
      names: [...document.querySelectorAll<SVGPathElement>('.wheel-item')].map((arc) => [arc.getAttribute('aria-label')!.replace(/: [^:]*$/, '')]),
    };
  });
}

/** Every arc has its name on it or a callout, every label fits its arc and covers no other, the legend names every callout. */
async function expectReadableWheel(page: Page, titles: Map<string, string[]>): Promise<WheelReading> {
  const wheel = await readWheel(page);
  expect(wheel.arcs).toBeGreaterThan(0);
  expect(wheel.labels.length + wheel.callouts.length).toBe(wheel.arcs);
  expect(wheel.overlaps).toEqual([]);
  expect(wheel.labels.filter((label) => !label.fits)).toEqual([]);
  const allNames = [...titles.values()].flat();
  for (const label of wheel.labels) expect(allNames).toContain(label.text);
  expect(wheel.legend.map((entry) => entry.number)).toEqual([...wheel.callouts].sort((a, b) => a - b));
  for (const entry of wheel.legend) expect(titles.has(entry.name)).toBe(true);
  return wheel;
}

/** Each item's title and its names on the wheel (title, short title), by Finnish title. */
async function namesOf(page: Page, query: string): Promise<{ titles: Map<string, string[]>; events: { id: string; title: string; start: string }[] }> {
  const clock = (await api(page, 'GET', `/api/clock?${query}`)).body;
  const titles = new Map<string, string[]>(clock.items.map((item: any) => [item.title.fi, [item.title.fi, item.shortTitle.fi].filter(Boolean)]));
  const events = new Map<string, { id: string; title: string; start: string }>();
  for (const item of clock.items) for (const event of item.events) if (event.start.startsWith(String(clock.year))) events.set(event.id, { id: event.id, title: event.title.fi, start: event.start });
  return { titles, events: [...events.values()] };
}

/** Tabs through the page; the wheel's arcs (by label index) and event markers that the keyboard reached. */
async function tabThroughWheel(page: Page): Promise<{ arcs: Set<string>; events: Set<string>; plans: Set<string> }> {
  await page.locator('h1').first().click();
  const arcs = new Set<string>();
  const events = new Set<string>();
  const plans = new Set<string>();
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | SVGElement | null;
      return { label: el?.getAttribute('data-label') ?? null, event: el?.getAttribute('data-event') ?? null, plan: el?.getAttribute('data-plan') ?? null, svg: el?.closest('svg.wheel') !== null, export: el?.textContent === 'Lataa SVG' };
    });
    if (focused.label) arcs.add(focused.label);
    if (focused.event) events.add(focused.event);
    if (focused.plan) plans.add(focused.plan);
    if (focused.export) break;
  }
  return { arcs, events, plans };
}

describe('the regional wheel', () => {
  it("writes every item's name on its arc or in a numbered callout, none over another", async () => {
    const page = await newPage();
    await open(page, '/clock?year=2026');
    const { titles } = await namesOf(page, 'year=2026');
    const wheel = await expectReadableWheel(page, titles);
    // The long arcs carry their full names; the short name where only it fits.
    expect(wheel.labels.map((label) => label.text)).toContain('Talousarvion ja taloussuunnitelman valmistelu ja hyväksyminen');
    expect(wheel.labels.length).toBeGreaterThanOrEqual(5);
    // The measure itself: a second label laid over one is found.
    await page.evaluate(() => {
      const label = document.querySelector<SVGGElement>('.wheel-label')!;
      const copy = label.cloneNode(true) as SVGGElement;
      copy.dataset.label = 'copy';
      label.after(copy);
    });
    expect((await readWheel(page)).overlaps.length).toBeGreaterThan(0);
    await page.context().close();
  });

  it('in Swedish, the labels are the Swedish names', async () => {
    const page = await newPage();
    await open(page, '/clock?year=2026&lang=sv');
    const texts = (await readWheel(page)).labels.map((label) => label.text);
    expect(texts).toContain('Budget och ekonomiplan');
    expect(texts.some((text) => /Talousarvio/.test(text))).toBe(false);
    await page.context().close();
  });

  it("shows the year's linked events as links on their dates, titled on focus", async () => {
    const page = await newPage();
    await open(page, '/clock?year=2026');
    const { events } = await namesOf(page, 'year=2026');
    expect(events.length).toBeGreaterThan(0);
    const markers = await page.locator('.wheel-event').evaluateAll((links) => links.map((a) => ({ id: a.getAttribute('data-event'), href: a.getAttribute('href'), label: a.getAttribute('aria-label') })));
    expect(markers.map((m) => m.id).sort()).toEqual(events.map((e) => e.id).sort());
    for (const marker of markers) {
      const event = events.find((e) => e.id === marker.id)!;
      expect(marker.href).toBe(`/events/${event.id}`);
      expect(marker.label).toContain(event.title);
    }
    await page.locator(`.wheel-event[data-event="${events[0]!.id}"]`).focus();
    expect(await page.locator('.wheel-tip').textContent()).toContain(events[0]!.title);
    await page.context().close();
  });

  it('the keyboard reaches every arc and every event marker', async () => {
    const page = await newPage();
    await open(page, '/clock?year=2026');
    const reached = await tabThroughWheel(page);
    const all = await page.locator('.wheel-item').evaluateAll((arcs) => arcs.map((a) => a.getAttribute('data-label')!));
    const events = await page.locator('.wheel-event').evaluateAll((links) => links.map((a) => a.getAttribute('data-event')!));
    expect([...reached.arcs].sort()).toEqual(all.sort());
    expect([...reached.events].sort()).toEqual(events.sort());
    await page.context().close();
  });

  it("opens a month with the keyboard into a list of its items and events; the table's month buttons do the same", async () => {
    const page = await newPage();
    await open(page, '/clock?year=2026');
    await page.getByRole('button', { name: 'Avaa kuukausi: syyskuu 2026' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/month=2026-09/);
    const list = page.locator('.month-list');
    await list.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('month-list-title');
    expect(await list.textContent()).toContain('Hyvinvoinnin tilannekuvaseminaari talous- ja toimintasuunnittelun tueksi');
    expect(await list.getByRole('link', { name: 'Hyvinvoinnin tilannekuvaseminaari 2026' }).getAttribute('href')).toBe('/events/tilannekuvaseminaari-2026');
    expect(await list.textContent()).not.toContain('Pohjois-Pohjanmaan hyvinvointifoorumi');
    expect(await accessibilityViolations(page)).toEqual([]);

    await open(page, '/clock?view=table&year=2026');
    await page.getByRole('button', { name: 'marraskuu 2026' }).click();
    await page.waitForURL(/month=2026-11/);
    expect(await page.locator('.month-list').textContent()).toContain('Pohjois-Pohjanmaan hyvinvointifoorumi');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('tells categories apart by pattern too, and switches to a high-contrast palette', async () => {
    const page = await newPage();
    await open(page, '/clock?year=2026');
    const patterned = await page.locator('.wheel-item + path[fill^="url(#wheel-pattern-"]').count();
    expect(patterned).toBeGreaterThan(0);
    const before = await page.locator('.wheel-item').evaluateAll((arcs) => arcs.map((a) => a.getAttribute('fill')));
    await page.getByRole('button', { name: 'Korkea kontrasti' }).click();
    await page.waitForURL(/contrast=high/);
    await page.waitForSelector('svg.wheel.high-contrast');
    const after = await page.locator('.wheel-item').evaluateAll((arcs) => arcs.map((a) => a.getAttribute('fill')));
    expect(after).not.toEqual(before);
    expect(await page.getByRole('button', { name: 'Korkea kontrasti' }).getAttribute('aria-pressed')).toBe('true');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it.each([
    [1280, 900],
    [390, 844],
  ])('has no accessibility violations at %i×%i, and no horizontal scrolling', async (width, height) => {
    const page = await newPage(width, height);
    await open(page, '/clock?year=2026');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.context().close();
  });
});

describe('decisions and their preparation steps', () => {
  it('are markers on their days, reached by the keyboard and announced with the date; rows in the table and lines in the month list', async () => {
    const page = await newPage();
    await open(page, '/clock?year=2027');
    const clock = (await api(page, 'GET', '/api/clock?year=2027')).body as { items: { title: { fi: string }; plans: { decision: { date: string }; steps: { date: string }[] }[] }[] };
    const expected = clock.items.flatMap((item) => item.plans.flatMap((plan) => [plan.decision.date, ...plan.steps.map((step) => step.date)])).filter((date) => date.startsWith('2027'));
    expect(expected.length).toBeGreaterThanOrEqual(8);
    const markers = await page.locator('.wheel-plan').evaluateAll((paths) => paths.map((p) => ({ date: p.getAttribute('data-date')!, label: p.getAttribute('aria-label')!, tabindex: p.getAttribute('tabindex') })));
    expect(markers.map((m) => m.date).sort()).toEqual(expected.sort());
    expect(markers.every((m) => m.tabindex === '0')).toBe(true);
    // The yearly wellbeing report's council on Tuesday 15 June 2027, its agenda deadline ten working days before, on 1 June.
    expect(markers.map((m) => m.label)).toContain('Päätös: Valtuusto käsittelee hyvinvointikertomuksen vuosiraportin – 15.6.2027 (Hyvinvointikertomuksen vuosiraportointi valtuustolle)');
    const agenda = page.locator('.wheel-plan[data-date="2027-06-01"]');
    expect(await agenda.getAttribute('aria-label')).toBe('Valmisteluvaihe: Esityslistan määräaika – 1.6.2027 (10 työpäivää ennen päätöstä: Valtuusto käsittelee hyvinvointikertomuksen vuosiraportin)');
    await agenda.focus();
    expect(await page.locator('.wheel-tip').textContent()).toContain('Esityslistan määräaika – 1.6.2027');
    expect(await page.locator('.clock-details').textContent()).toContain('Päätös: Valtuusto käsittelee hyvinvointikertomuksen vuosiraportin – 15.6.2027');
    const reached = await tabThroughWheel(page);
    expect(reached.plans.size).toBe(markers.length);
    expect(await accessibilityViolations(page)).toEqual([]);

    await open(page, '/clock?view=table&year=2027&month=2027-06');
    const rows = await page.locator('tr.plan-row').evaluateAll((trs) => trs.map((tr) => tr.textContent));
    expect(rows.length).toBe(expected.length);
    expect(rows).toContain('KunnatValmisteluvaihe: Esityslistan määräaika1.6.2027 (10 työpäivää ennen päätöstä)');
    expect(await page.locator('.month-list').textContent()).toContain('Päätös: Valtuusto käsittelee hyvinvointikertomuksen vuosiraportin – 15.6.2027');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });
});

/** Signs in as the administrator and makes an organisation's clock of 40 realistic items; returns its slug. */
async function fortyItemClock(page: Page): Promise<string> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('button', { name: `Kirjaudu: ${AINO}` }).click();
  await page.waitForURL(/\/manage/);
  const slug = `vuosikello-testi-${Date.now().toString(36)}`;
  expect((await api(page, 'POST', '/api/admin/organisations', { slug, name: { fi: 'Testikunta' }, kind: 'municipality' })).status).toBe(201);
  const created = await api(page, 'POST', '/api/clocks', { organisation: slug });
  expect(created.status).toBe(201);
  const clock = created.body.clock.slug as string;
  const have = created.body.items.length as number;
  // A year's worth of realistic items: month spans, short date spans and single days, in every ring, some with short names.
  const rings = ['kunnat', 'hyvinvointialue', 'maakunta', 'jarjestot'];
  const names = ['Lautakunnan kokous hyvinvointiraportista', 'Valtuustoseminaari', 'Nuorisovaltuuston kuuleminen', 'Vanhusneuvoston kokous', 'Järjestöjen yhteistyöfoorumi ja verkostotapaaminen', 'Hyvinvointiryhmän työpaja', 'Budjettiesitys hallitukselle', 'Osavuosikatsaus'];
  for (let i = 0; have + i < 40; i++) {
    const month = ((i * 7) % 12) + 1;
    const kind = i % 3;
    const span = kind === 0 ? { startMonth: month, endMonth: month } : kind === 1 ? { startMonth: month, startDay: 10, endMonth: month, endDay: 14 } : { startMonth: month, startDay: 20, endMonth: month, endDay: 20 };
    const name = `${names[i % names.length]} ${i + 1}`;
    const answer = await api(page, 'POST', `/api/clock/items?clock=${clock}`, { ring: rings[Math.floor(i / 8) % rings.length], kind: 'annual', title: { fi: name }, shortTitle: i % 2 ? { fi: `Kohta ${i + 1}` } : null, span, category: ['talous', 'verkosto', 'jarjestot', 'muu'][i % 4] });
    expect(answer.status).toBe(201);
  }
  return clock;
}

describe('a clock of 40 items', () => {
  it('still has every name on the wheel or in the legend, none over another, and the keyboard reaches every arc', async () => {
    const page = await newPage();
    const clock = await fortyItemClock(page);
    const { titles } = await namesOf(page, `clock=${clock}&year=2026`);
    expect(titles.size).toBe(40);
    await open(page, `/clock?clock=${clock}&year=2026`);
    const wheel = await expectReadableWheel(page, titles);
    expect(wheel.labels.length).toBeGreaterThan(5);
    expect(wheel.callouts.length).toBeGreaterThan(5);
    const reached = await tabThroughWheel(page);
    expect(reached.arcs.size).toBe(wheel.arcs);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  }, 90_000);
});

describe("an organisation's own clock", () => {
  it('shows its own council-term items in the term view, not the regional clock', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('button', { name: `Kirjaudu: ${AINO}` }).click();
    await page.waitForURL(/\/manage/);
    const slug = `valtuustokausi-testi-${Date.now().toString(36)}`;
    expect((await api(page, 'POST', '/api/admin/organisations', { slug, name: { fi: 'Testikunta' }, kind: 'municipality' })).status).toBe(201);
    const created = await api(page, 'POST', '/api/clocks', { organisation: slug });
    expect(created.status).toBe(201);
    const clock = created.body.clock.slug as string;
    const title = `Oman kunnan valtuustokauden kohta ${slug}`;
    const item = await api(page, 'POST', `/api/clock/items?clock=${clock}`, { ring: 'kunnat', kind: 'term', title: { fi: title }, span: null, termYears: { start: 2, end: 3 } });
    expect(item.status).toBe(201);

    await open(page, `/clock?clock=${clock}&view=term`);
    await page.waitForSelector('table.term-table');
    expect(await page.locator('table.term-table tbody').textContent()).toContain(title);
    await open(page, '/clock?view=term');
    await page.waitForSelector('table.term-table');
    expect(await page.locator('table.term-table tbody').textContent()).not.toContain(title);
    await page.context().close();
  });
});

/** The published occurrences of the brief list in a window, every page of it. */
async function publishedBriefs(page: Page, query: string): Promise<{ id: string; title: string; day: string }[]> {
  const found: { id: string; title: string; day: string }[] = [];
  let cursor: string | null = null;
  do {
    const answer = await api(page, 'GET', `/api/events?fields=brief&limit=500&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(answer.status).toBe(200);
    for (const item of answer.body.items) if (item.status === 'published' && item.occurrence.status === 'published') found.push({ id: item.id, title: item.title.fi, day: item.occurrence.start.slice(0, 10) });
    cursor = answer.body.nextCursor;
  } while (cursor);
  return found;
}

/** The chosen-event markers on the wheel: each one's day, count, link and name. */
function chosenMarkers(page: Page): Promise<{ day: string; count: number; href: string | null; label: string; tabindex: string | null; tag: string }[]> {
  return page.locator('.wheel-chosen').evaluateAll((markers) =>
    markers.map((m) => ({ day: m.getAttribute('data-chosen')!, count: Number(m.getAttribute('data-count')), href: m.getAttribute('href'), label: m.getAttribute('aria-label')!, tabindex: m.getAttribute('tabindex'), tag: m.tagName })),
  );
}

describe('events of chosen networks and types', () => {
  it('are chosen on the page (in the URL), drawn on their dates as links, reached by the keyboard, and listed in the month and the table', async () => {
    const page = await newPage();
    await open(page, '/clock?year=2026');
    expect(await page.locator('.wheel-chosen').count()).toBe(0);
    await page.locator('.clock-choices summary', { hasText: 'Verkostot' }).click();
    await page.getByRole('checkbox', { name: 'Kuntien hyvinvointiyhdyshenkilöiden verkosto' }).check();
    await page.waitForURL(/network=hyvinvointiyhdyshenkilot/);
    await page.waitForSelector('.wheel-chosen');
    const expected = await publishedBriefs(page, 'from=2026-01-01&to=2027-01-01&network=hyvinvointiyhdyshenkilot');
    expect(expected.length).toBeGreaterThan(5);
    const markers = await chosenMarkers(page);
    // Every occurrence is counted once, each on its own day or with the days next to it.
    expect(markers.reduce((sum, m) => sum + m.count, 0)).toBe(expected.length);
    for (const marker of markers) expect(expected.map((e) => e.day)).toContain(marker.day);
    const single = markers.find((m) => m.count === 1)!;
    const event = expected.find((e) => e.day === single.day)!;
    expect(single.tag).toBe('a');
    expect(single.href).toBe(`/events/${event.id}`);
    expect(single.label).toMatch(new RegExp(`^${event.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} – .*${Number(event.day.slice(8))}\\.${Number(event.day.slice(5, 7))}\\.2026$`));
    await page.locator(`.wheel-chosen[data-chosen="${single.day}"]`).focus();
    expect(await page.locator('.wheel-tip').textContent()).toContain(event.title);
    // The diamonds of the items' own events are still there, and the legend says what the circles are.
    expect(await page.locator('.wheel-event').count()).toBeGreaterThan(0);
    expect(await page.locator('.wheel-box').textContent()).toContain('Valittujen verkostojen ja tyyppien tapahtuma');
    await expectReadableWheel(page, (await namesOf(page, 'year=2026')).titles);
    const reached = new Set<string>();
    await page.locator('h1').first().click();
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => ({ chosen: document.activeElement?.getAttribute('data-chosen') ?? null, end: document.activeElement?.textContent === 'Lataa SVG' }));
      if (focused.chosen) reached.add(focused.chosen);
      if (focused.end) break;
    }
    expect([...reached].sort()).toEqual(markers.map((m) => m.day).sort());
    expect(await accessibilityViolations(page)).toEqual([]);

    // A type as well: several choices of each kind go in the URL, as in the calendar.
    await page.locator('.clock-choices summary', { hasText: 'Tapahtumatyyppi' }).click();
    await page.getByRole('checkbox', { name: 'Verkostotapaaminen' }).check();
    await page.waitForURL(/type=verkostotapaaminen/);
    expect(page.url()).toContain('network=hyvinvointiyhdyshenkilot');
    await page.getByRole('checkbox', { name: 'Kulttuurihyvinvointiverkosto' }).check();
    await page.waitForURL(/network=kulttuurihyvinvointi/);
    expect(new URL(page.url()).searchParams.getAll('network').sort()).toEqual(['hyvinvointiyhdyshenkilot', 'kulttuurihyvinvointi']);

    const month = event.day.slice(0, 7);
    await open(page, `/clock?year=2026&network=hyvinvointiyhdyshenkilot&month=${month}`);
    const list = page.locator('.month-list');
    await list.getByRole('heading', { name: 'Verkostojen ja tyyppien tapahtumat' }).waitFor();
    const inMonth = expected.filter((e) => e.day.startsWith(month));
    expect(await list.locator('.chosen-events li').count()).toBe(inMonth.length);
    expect(await list.locator('.chosen-events a').first().getAttribute('href')).toBe(`/events/${inMonth[0]!.id}`);
    expect(await accessibilityViolations(page)).toEqual([]);

    await open(page, '/clock?view=table&year=2026&network=hyvinvointiyhdyshenkilot');
    await page.waitForSelector('table.chosen-table');
    expect(await page.locator('table.chosen-table tbody tr').count()).toBe(expected.length);
    expect(await page.locator('table.chosen-table caption').textContent()).toBe('Verkostojen ja tyyppien tapahtumat 2026');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('a busy year of hundreds of events, read from every page of the list, shares markers by day: few keyboard stops, each opening its month', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('button', { name: `Kirjaudu: ${AINO}` }).click();
    await page.waitForURL(/\/manage/);
    const network = `kiirea-verkosto-${Date.now().toString(36)}`;
    expect((await api(page, 'POST', '/api/admin/networks', { slug: network, name: { fi: `Kiireinen verkosto ${network}` } })).status).toBe(201);
    // Two events every day of 2031: 730 occurrences, more than one page (500) of the list.
    for (const hour of ['09', '13']) {
      const created = await api(page, 'POST', '/api/events', {
        title: { fi: `Päivittäinen tapaaminen klo ${hour}` },
        description: { fi: 'Joka päivä.' },
        type: 'verkostotapaaminen',
        status: 'published',
        start: `2031-01-01T${hour}:00`,
        end: `2031-01-01T${hour}:30`,
        recurrence: { rrule: 'FREQ=DAILY;COUNT=365', exceptions: [] },
        organisations: ['pohde'],
        networks: [network],
        municipalities: ['oulu'],
        location: { place: 'Oulu', address: null },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    await open(page, `/clock?year=2031&network=${network}`);
    await page.waitForSelector('.wheel-chosen');
    const markers = await chosenMarkers(page);
    expect(markers.reduce((sum, m) => sum + m.count, 0)).toBe(730);
    // A marker is 15 units wide on a track of radius 292: at most 123 around the wheel.
    expect(markers.length).toBeLessThanOrEqual(123);
    expect(markers.length).toBeGreaterThan(100);
    const group = markers.find((m) => m.day === '2031-10-14') ?? markers.find((m) => m.day.startsWith('2031-10'))!;
    expect(group.tag).toBe('g');
    expect(group.tabindex).toBe('0');
    expect(group.label).toMatch(/^\d+ tapahtumaa \d{1,2}\.10\.2031( – \d{1,2}\.1[01]\.2031)?$/);
    await page.locator(`.wheel-chosen[data-chosen="${group.day}"]`).focus();
    expect(await page.locator('.wheel-tip').textContent()).toContain('Päivittäinen tapaaminen');
    await page.keyboard.press('Enter');
    await page.waitForURL(/month=2031-10/);
    expect(await page.locator('.month-list .chosen-events li').count()).toBe(62);
    await expectReadableWheel(page, (await namesOf(page, 'year=2031')).titles);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  }, 120_000);
});

/** The pages of a PDF and each page's MediaBox (width, height in points). */
function pdfPages(pdf: Buffer): { pages: number; boxes: [number, number][] } {
  const text = pdf.toString('latin1');
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])] as [number, number]);
  return { pages: (text.match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length, boxes };
}

/** A4 and A3 landscape in points (1/72 inch); Chromium rounds to its pixels. */
const PAPER = { a4: [841.89, 595.28], a3: [1190.55, 841.89] } as const;

describe('printing', () => {
  async function expectOnePage(page: Page, path: string, titles: Map<string, string[]>) {
    await open(page, path);
    for (const paper of ['a4', 'a3'] as const) {
      await page.locator('#clock-paper').selectOption(paper);
      if (paper === 'a3') await page.waitForURL(/paper=a3/);
      else expect(page.url()).not.toContain('paper=');
      // The page has taken the paper (its class names the @page) before it prints.
      await page.waitForFunction((a3) => document.documentElement.classList.contains('print-a3') === a3, paper === 'a3');
      const pdf = pdfPages(await page.pdf({ preferCSSPageSize: true }));
      expect(pdf.pages, `${path} on ${paper}`).toBe(1);
      expect(pdf.boxes).toHaveLength(1);
      const [width, height] = pdf.boxes[0]!;
      expect(Math.abs(width - PAPER[paper][0])).toBeLessThan(1.5);
      expect(Math.abs(height - PAPER[paper][1])).toBeLessThan(1.5);
      // What the page holds: the wheel, its legends and the list of every item, and none of the controls.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('svg.wheel').isVisible()).toBe(true);
      expect(await page.locator('.wheel-box .legend').count()).toBeGreaterThanOrEqual(2);
      for (const legend of await page.locator('.wheel-box .legend').all()) expect(await legend.isVisible()).toBe(true);
      expect(await page.locator('.year-list').isVisible()).toBe(true);
      const listed = await page.locator('.year-items li').allTextContents();
      for (const title of titles.keys()) expect(listed.some((line) => line.includes(title)), title).toBe(true);
      expect(await page.locator('.clock-controls').isVisible()).toBe(false);
      expect(await page.locator('#clock-paper').isVisible()).toBe(false);
      await page.emulateMedia({ media: null });
    }
  }

  it('the regional wheel prints on one A4 or A3 landscape page, as chosen beside the print button, with its legends and the item list', async () => {
    const page = await newPage();
    await open(page, '/clock?year=2026');
    const { titles } = await namesOf(page, 'year=2026');
    await expectOnePage(page, '/clock?year=2026', titles);
    await page.context().close();
  }, 60_000);

  it('so does a clock of 40 items, and the regional wheel with a network of chosen events', async () => {
    const page = await newPage();
    const clock = await fortyItemClock(page);
    const { titles } = await namesOf(page, `clock=${clock}&year=2026`);
    expect(titles.size).toBe(40);
    await expectOnePage(page, `/clock?clock=${clock}&year=2026`, titles);
    await expectOnePage(page, '/clock?year=2026&network=hyvinvointiyhdyshenkilot', (await namesOf(page, 'year=2026')).titles);
    await page.context().close();
  }, 90_000);
});
