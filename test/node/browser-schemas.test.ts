/**
 * The organiser's form checks an event as one types with the worker's own
 * schema, EventInput of worker/shared/event-fields.ts; the browser builds it
 * on zod/mini (web/vite.config.ts gives the shared schemas web/shared-zod.ts
 * in place of worker/shared/zod.ts), the worker on zod classic with
 * `.openapi()`. Loaded both ways here, the two must answer every input
 * alike: the same data, the same issues (path, code, message, rule).
 */
import { describe, expect, it, vi } from 'vitest';
import { ZodMiniType } from 'zod/mini';
import type * as Fields from '../../worker/shared/event-fields';

const worker: typeof Fields = await import('../../worker/shared/event-fields');
vi.resetModules();
vi.doMock('../../worker/shared/zod', () => import('../../web/shared-zod'));
const browser: typeof Fields = await import('../../worker/shared/event-fields');
vi.doUnmock('../../worker/shared/zod');

const valid = { title: { fi: '  Seminaari  ' }, type: 'tyopaja', start: '2027-09-01T09:00', end: '2027-09-01T11:00' };

/** Inputs that break each kind of rule of EventInput once, and a few that keep them all. */
const INPUTS: Record<string, unknown> = {
  valid,
  'every field': {
    ...valid,
    status: 'published',
    title: { fi: 'Seminaari', sv: 'Seminarium', en: null },
    description: { fi: 'Rivi\nToinen rivi', sv: null },
    timeZone: 'Europe/Stockholm',
    recurrence: { rrule: ' FREQ=WEEKLY;BYDAY=WE;COUNT=3 ', exceptions: [{ occurrence: '2027-09-08T09:00', kind: 'moved', start: '2027-09-09T09:00', end: '2027-09-09T11:00', place: 'Sali 2' }] },
    location: { place: 'Sali', address: null, municipality: 'oulu' },
    onlineUrl: 'https://example.fi/teams',
    organisations: ['pohde'],
    contact: { name: 'Maija', email: ' maija@example.fi ', phone: '+358 40 123 4567' },
    networks: ['kulttuurihyvinvointi'],
    municipalities: ['oulu', 'kemi'],
    audiences: [],
    languages: ['fi', 'se'],
    registration: { url: 'https://example.fi/ilmo', deadline: '2027-08-25' },
    materials: [{ kind: 'slides', title: 'Diat', url: 'https://example.fi/diat.pdf' }],
    clockItem: 3,
    visibility: 'members',
  },
  'all day': { ...valid, allDay: true, start: '2027-09-01', end: '2027-09-02' },
  'not an object': null,
  'nothing given': {},
  'title missing': { ...valid, title: undefined },
  'title empty': { ...valid, title: { fi: '   ' } },
  'title too long': { ...valid, title: { fi: 'a'.repeat(201) } },
  'control character': { ...valid, title: { fi: 'a\u0001b' } },
  'lone surrogate': { ...valid, title: { fi: 'a\ud800b' } },
  'line separator': { ...valid, title: { fi: 'a', sv: 'a\u2028b' } },
  'two lines in a title': { ...valid, title: { fi: 'a', en: 'a\nb' } },
  'unknown title language': { ...valid, title: { fi: 'a', se: 'b' } },
  'type a number': { ...valid, type: 5 },
  'type not a slug': { ...valid, type: 'Työpaja' },
  'unknown field': { ...valid, colour: 'red' },
  'status cancelled': { ...valid, status: 'cancelled' },
  'not a date': { ...valid, start: 'tomorrow' },
  'end before start': { ...valid, end: '2027-09-01T08:00' },
  'no such zone': { ...valid, timeZone: 'Mars/Olympus_Mons' },
  'zone too long': { ...valid, timeZone: 'a'.repeat(65) },
  'ftp address': { ...valid, onlineUrl: 'ftp://example.fi' },
  'space in an address': { ...valid, onlineUrl: 'https://example.fi/a b' },
  'address too long': { ...valid, onlineUrl: `https://example.fi/${'a'.repeat(2000)}` },
  'contact email and phone': { ...valid, contact: { email: 'maija at example', phone: 'soita' } },
  'no organisations': { ...valid, organisations: [] },
  'eleven organisations': { ...valid, organisations: Array.from({ length: 11 }, (_, i) => `org-${i}`) },
  'a network twice': { ...valid, networks: ['a', 'b', 'a'] },
  'unknown language': { ...valid, languages: ['fi', 'de'] },
  'no language': { ...valid, languages: [] },
  'clock item negative': { ...valid, clockItem: -1 },
  'clock item a fraction': { ...valid, clockItem: 1.5 },
  'broken exception': { ...valid, recurrence: { rrule: 'FREQ=WEEKLY', exceptions: [{ occurrence: 'then', kind: 'gone', extra: 1 }] } },
  'rule too long': { ...valid, recurrence: { rrule: `FREQ=WEEKLY;${'x'.repeat(500)}` } },
  'deadline after start': { ...valid, registration: { deadline: '2027-09-02' } },
  'deadline not a date': { ...valid, registration: { deadline: 'soon' } },
  'material without title or address': { ...valid, materials: [{ kind: 'video', title: '', url: 'example' }] },
  'visibility unknown': { ...valid, visibility: 'secret' },
};

/** A result as plain data: what was parsed, or the issues (the error's class is zod classic's or zod/mini's own). */
function answer(schema: (typeof Fields)['EventInput'], input: unknown) {
  const result = schema.safeParse(input);
  return JSON.parse(JSON.stringify({ success: result.success, data: result.data, issues: result.error?.issues }));
}

describe("the browser's EventInput on zod/mini", () => {
  it('is built on zod/mini in the browser and on zod classic, with its OpenAPI name, in the worker', () => {
    expect(browser.EventInput).toBeInstanceOf(ZodMiniType);
    expect(worker.EventInput).not.toBeInstanceOf(ZodMiniType);
    expect(typeof worker.EventInput.openapi).toBe('function');
  });

  for (const [name, input] of Object.entries(INPUTS)) {
    it(`answers as the worker's: ${name}`, () => {
      const expected = answer(worker.EventInput, input);
      expect(answer(browser.EventInput, input)).toEqual(expected);
      // The cases break what they say they break: the valid ones pass, the others fail.
      expect(expected.success).toBe(['valid', 'every field', 'all day'].includes(name));
    });
  }
});
