import { describe, expect, it } from 'vitest';
import { parseCsv } from '../worker/domain/csv';
import { bearerFor, request, rowCounts } from './helpers';

const TABLES = ['clock_items', 'audit_log'];
const post = (csv: string, authorization?: string, clock = '') =>
  request(`/api/clock/items/import${clock ? `?clock=${clock}` : ''}`, { method: 'POST', headers: { 'Content-Type': 'text/csv; charset=utf-8', ...(authorization ? { Authorization: authorization } : {}) }, body: csv });

describe('CSV', () => {
  it('reads semicolons or commas, quotes with doubled quotes and line breaks, CRLF and a byte order mark', () => {
    expect(parseCsv('\uFEFFa;b;c\r\n1;"x; ""y""";"two\r\nlines"\r\n\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x; "y"', 'two\r\nlines'],
    ]);
    expect(parseCsv('a,b\n"1,5",2\n3,')).toEqual([
      ['a', 'b'],
      ['1,5', '2'],
      ['3', ''],
    ]);
  });
});

describe('clock items from a spreadsheet', () => {
  it('accepts only text/csv: text/plain, JSON and calendars are 415, and nothing is added', async () => {
    const authorization = await bearerFor('pohde');
    const before = await rowCounts(TABLES);
    for (const type of ['text/plain', 'application/json', 'text/calendar']) {
      const response = await request('/api/clock/items/import', { method: 'POST', headers: { 'Content-Type': type, Authorization: authorization }, body: 'ring;kind;title_fi\nmaakunta;annual;Kohta' });
      expect(response.status, type).toBe(415);
      expect(response.headers.get('Content-Type')).toContain('application/problem+json');
    }
    expect(await rowCounts(TABLES)).toEqual(before);
  });

  it('offers a template with a byte order mark, a header and two example rows, which imports as it is', async () => {
    const response = await request('/api/clock/import-template.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await response.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await response.text();
    const records = parseCsv(text);
    expect(records).toHaveLength(3);
    expect(records[0]).toContain('startMonth');
    expect(text).toContain('Hyvinvointikertomus');

    const before = await rowCounts(TABLES);
    const imported = await post(text, await bearerFor('pohde'));
    expect(imported.status, await imported.clone().text()).toBe(201);
    expect(await imported.json()).toEqual({ created: 2 });
    const after = await rowCounts(TABLES);
    expect(after.clock_items).toBe(before.clock_items! + 2);
    expect(after.audit_log).toBe(before.audit_log! + 2);
  });

  it('imports comma-separated rows with Finnish letters and shows them in the clock', async () => {
    const csv = 'ring,title,startMonth,startDay,endMonth,endDay,repeat\nkunnat,Kuntien yhteinen työpaja äöå,9,1,9,30,yearly\n';
    const response = await post(csv, await bearerFor('pohde'));
    expect(response.status).toBe(201);
    const clock = (await (await request('/api/clock?year=2027')).json()) as { items: { title: { fi: string }; span: { startMonth: number } }[] };
    expect(clock.items.find((i) => i.title.fi === 'Kuntien yhteinen työpaja äöå')).toMatchObject({ span: { startMonth: 9 } });
  });

  it('adds nothing when any row is invalid, and names each row as a person counts it', async () => {
    const csv = ['ring;title;startMonth;endMonth', 'kunnat;Hyvä rivi;1;2', 'kunnat;Toinen hyvä;3;4', 'kunnat;Huono kuukausi;13;2', 'ei-ole;Väärä rengas;1;2', 'kunnat;;x;2'].join('\r\n');
    const before = await rowCounts(TABLES);
    const response = await post(csv, await bearerFor('pohde'));
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { errors: { field: string; message: string }[] };
    expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'rows[3].startMonth', message: expect.stringMatching(/^row 4: `startMonth` must be 1–12/) }));
    expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'rows[4].ring', message: expect.stringContaining('row 5') }));
    expect(problem.errors.some((e) => e.field === 'rows[5].title' && e.message.startsWith('row 6'))).toBe(true);
    expect(problem.errors.some((e) => e.field === 'rows[5].startMonth')).toBe(true);
    expect(await rowCounts(TABLES)).toEqual(before);
  });

  it('refuses a file whose quoted field is never closed, naming the row where it starts, and adds nothing', async () => {
    const csv = ['ring;title;startMonth;endMonth', 'kunnat;Hyvä rivi;1;2', 'kunnat;"Auki jäävä;3;4', 'kunnat;Kolmas;5;6'].join('\r\n');
    const before = await rowCounts(TABLES);
    const response = await post(csv, await bearerFor('pohde'));
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { errors: { field: string; rule: string; message: string }[] };
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'rows[2]', rule: 'quote-not-closed', message: expect.stringMatching(/^row 3: /) })]);
    expect(await rowCounts(TABLES)).toEqual(before);
  });

  it('refuses a file without the required columns, an anonymous writer and one who may not edit the clock', async () => {
    const missing = await post('title;startMonth\nx;1\n', await bearerFor('pohde'));
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { errors: { message: string }[] }).errors.map((e) => e.message)).toContain("row 1: the column 'ring' is missing");
    const csv = 'ring;title;startMonth;endMonth\nkunnat;Rivi;1;2\n';
    expect((await post(csv)).status).toBe(401);
    expect((await post(csv, await bearerFor('takuusaatio'))).status).toBe(403);
    expect((await post(csv, await bearerFor('pohde'), 'ei-kelloa')).status).toBe(404);
  });
});
