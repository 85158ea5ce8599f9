/**
 * The statutory template of the annual and council-term clock: a full cycle
 * of a municipality's and the county's wellbeing work, every item named in
 * three languages and with a source that was checked or is marked
 * established practice.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ESTABLISHED_PRACTICE, sourceText } from '../worker/shared/clock-sources';
import type { AnnualClock, CouncilTermClock } from '../worker/shared/clock';
import { bearerFor, jsonRequest, request } from './helpers';

/**
 * Documents whose stored text was read against the items that cite them
 * (the commission's source pages). Acts and THL guidance are not among the
 * stored texts, so items based on them say established practice instead of
 * citing a section that nobody here could check.
 */
const CHECKED_SOURCES: Record<string, string> = {
  // Yearly situation-picture seminar and wellbeing forum; the council-term and annual clock; the cooperation group
  // that follows the agreement; the municipality's wellbeing group; the directors' and contact persons' networks and
  // the cultural wellbeing network; shared indicators; each municipality defines its wellbeing partnership; valid to
  // the end of the council term (2025).
  'Pohjois-Pohjanmaan hyvinvointisopimus 2019–2025': 'seeds/002: Pohjois-Pohjanmaan hyvinvointisopimus 2019–2025',
  // The county strategy is a document the law requires; its measures and indicators; the social and health services plan.
  'Pohjois-Pohjanmaan hyvinvointialueen strategia 2023–2030': 'seeds/003: Strategia',
  // NGOs and parishes are the county's partners in promoting wellbeing, health and safety.
  'Pohjois-Pohjanmaan hyvinvointialue: Hyvinvointityö': 'seeds/000: Hyvinvointityö',
};

interface TemplateRow {
  key: string;
  ring: string;
  kind: 'annual' | 'term';
  title_fi: string;
  title_sv: string | null;
  title_en: string | null;
  short_title_fi: string | null;
  short_title_sv: string | null;
  short_title_en: string | null;
  source: string;
}

async function template(): Promise<TemplateRow[]> {
  return (await env.DB.prepare('SELECT * FROM clock_template_items ORDER BY position').all<TemplateRow>()).results;
}

describe('the statutory template', () => {
  it('has at least 20 annual and 8 council-term items, each kind in the municipalities, the county and the region', async () => {
    const rows = await template();
    const annual = rows.filter((row) => row.kind === 'annual');
    const term = rows.filter((row) => row.kind === 'term');
    expect(annual.length).toBeGreaterThanOrEqual(20);
    expect(term.length).toBeGreaterThanOrEqual(8);
    for (const items of [annual, term]) {
      for (const ring of ['kunnat', 'hyvinvointialue', 'maakunta']) expect(items.some((row) => row.ring === ring), `${items[0]!.kind} in ${ring}`).toBe(true);
    }
  });

  it('names every item, and its short name, in Finnish, Swedish and English', async () => {
    for (const row of await template()) {
      for (const text of [row.title_fi, row.title_sv, row.title_en, row.short_title_fi, row.short_title_sv, row.short_title_en]) {
        expect(text?.trim(), row.key).toBeTruthy();
      }
      for (const language of ['fi', 'sv', 'en'] as const) {
        expect(row[`short_title_${language}`]!.length, `${row.key} ${language}`).toBeLessThanOrEqual(Math.max(40, row[`title_${language}`]!.length));
      }
    }
  });

  it('gives every item a checked source or says established practice', async () => {
    const rows = await template();
    for (const row of rows) expect([...Object.keys(CHECKED_SOURCES), ESTABLISHED_PRACTICE], row.key).toContain(row.source);
    // The wellbeing agreement's own events cite it.
    expect(rows.find((row) => row.key === 'tilannekuvaseminaari')?.source).toBe('Pohjois-Pohjanmaan hyvinvointisopimus 2019–2025');
    expect(rows.find((row) => row.key === 'hyvinvointifoorumi')?.source).toBe('Pohjois-Pohjanmaan hyvinvointisopimus 2019–2025');
  });

  it("fills the regional clock: every template item is in it, in the template's ring", async () => {
    const { results } = await env.DB.prepare(
      `SELECT t.key, r.slug AS ring, i.source FROM clock_template_items t
       LEFT JOIN clock_items i ON i.template_key = t.key AND i.clock_id = (SELECT min(id) FROM clocks WHERE organisation_id IS NULL)
       LEFT JOIN clock_rings r ON r.id = i.ring_id`,
    ).all<{ key: string; ring: string | null; source: string | null }>();
    const rows = new Map((await template()).map((row) => [row.key, row]));
    for (const row of results) expect({ key: row.key, ring: row.ring, source: row.source }).toEqual({ key: row.key, ring: rows.get(row.key)!.ring, source: rows.get(row.key)!.source });
    const annual = (await (await request('/api/clock?year=2027')).json()) as AnnualClock;
    const term = (await (await request('/api/council-term?date=2026-01-01')).json()) as CouncilTermClock;
    expect(annual.items.length).toBeGreaterThanOrEqual(20);
    expect(term.items.length).toBeGreaterThanOrEqual(8);
  });

  it("gives an organisation's new clock every template item", async () => {
    const ii = await bearerFor('iin-kunta');
    expect((await jsonRequest('POST', '/api/clocks', {}, { Authorization: ii })).status).toBe(201);
    const { results } = await env.DB.prepare(
      `SELECT i.kind, count(*) AS n FROM clock_items i JOIN clocks c ON c.id = i.clock_id WHERE c.slug = 'iin-kunta-vuosikello' GROUP BY i.kind ORDER BY i.kind`,
    ).all<{ kind: string; n: number }>();
    const rows = await template();
    expect(results).toEqual([
      { kind: 'annual', n: rows.filter((row) => row.kind === 'annual').length },
      { kind: 'term', n: rows.filter((row) => row.kind === 'term').length },
    ]);
  });

  it('shows established practice in the reader\'s language', () => {
    expect([sourceText(ESTABLISHED_PRACTICE, 'fi'), sourceText(ESTABLISHED_PRACTICE, 'sv'), sourceText(ESTABLISHED_PRACTICE, 'en')]).toEqual(['Vakiintunut käytäntö', 'Vedertagen praxis', 'Established practice']);
    expect(sourceText('Pohjois-Pohjanmaan hyvinvointisopimus 2019–2025', 'en')).toBe('Pohjois-Pohjanmaan hyvinvointisopimus 2019–2025');
  });
});
