/**
 * The brief form of lists (`fields=brief`), which the month grid asks for:
 * the same occurrences, order and pages as the full list for every query,
 * with only the fields a calendar grid shows of each event.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { EventBrief, EventBriefList, EventList, EventOccurrence } from '../worker/shared/events';
import type { Problem } from '../worker/shared/problems';
import { asBrowser, bearerFor, createEvent, jsonRequest, request, sessionFor, workshop } from './helpers';

async function list<T = EventList>(query: string, headers: Record<string, string> = {}): Promise<T> {
  const response = await request(`/api/events?${query}`, { headers });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

/** What a brief item should be: the full item's id, status, title, type, allDay, timeZone and occurrence, nothing else. */
const briefOfFull = ({ id, status, title, type, allDay, timeZone, occurrence }: EventOccurrence): EventBrief => ({ id, status, title, type, allDay, timeZone, occurrence });

/** The full and the brief answer to one query; the brief one must be the full one cut down. */
async function bothForms(query: string, headers: Record<string, string> = {}): Promise<{ full: EventList; brief: EventBriefList }> {
  const full = await list(query, headers);
  const brief = await list<EventBriefList>(`${query}&fields=brief`, headers);
  expect(brief.items, query).toEqual(full.items.map(briefOfFull));
  expect({ ...brief, items: null }, query).toEqual({ ...full, items: null });
  return { full, brief };
}

const key = (item: EventBrief) => `${item.id}/${item.occurrence.recurrenceId ?? ''}`;

// Each test has a week of its own in 2033, so that no test sees another's events.
describe('the brief list', () => {
  it('gives the same occurrences as the full list (ids, starts, ends, status, order) for every filter, the search and either order', async () => {
    const pohde = await bearerFor('pohde');
    const series = (
      await createEvent(
        pohde,
        workshop({
          start: '2033-03-01T09:00',
          end: '2033-03-01T10:00',
          recurrence: {
            rrule: 'FREQ=DAILY;COUNT=5',
            exceptions: [
              { occurrence: '2033-03-02T09:00', kind: 'cancelled' },
              { occurrence: '2033-03-03T09:00', kind: 'moved', start: '2033-03-03T13:00', end: '2033-03-03T14:00', place: 'Valtuustosali' },
              { occurrence: '2033-03-04T09:00', kind: 'removed' },
            ],
          },
        }),
      )
    ).event.id;
    const culture = (await createEvent(pohde, workshop({ start: '2033-03-02T09:00', end: '2033-03-02T11:00', title: { fi: 'Kulttuurihyvinvoinnin verkostopäivä' }, type: 'webinaari', networks: ['kulttuurihyvinvointi'], municipalities: ['raahe'] }))).event.id;
    const allDay = (await createEvent(await bearerFor('takuusaatio'), workshop({ allDay: true, start: '2033-03-03', end: '2033-03-04', organisations: ['takuusaatio'] }))).event.id;
    const cancelled = (await createEvent(pohde, workshop({ start: '2033-03-02T09:00', end: '2033-03-02T10:00', networks: ['mielen-hyvinvointi'] }))).event.id;
    expect((await jsonRequest('POST', `/api/events/${cancelled}/cancel`, { reason: 'Sairastuminen' }, { Authorization: pohde })).status).toBe(200);
    await createEvent(pohde, workshop({ status: 'draft', start: '2033-03-02T09:00', end: '2033-03-02T10:00' }));
    const window = 'from=2033-03-01&to=2033-03-08';

    const { full } = await bothForms(window);
    expect(full.items.map(key)).toEqual([
      `${series}/2033-03-01T09:00`,
      ...[`${cancelled}/`, `${culture}/`, `${series}/2033-03-02T09:00`].sort(),
      `${allDay}/`,
      `${series}/2033-03-03T09:00`,
      `${series}/2033-03-05T09:00`,
    ]);
    expect(full.items.filter((item) => item.occurrence.status === 'cancelled').map(key).sort()).toEqual([`${cancelled}/`, `${series}/2033-03-02T09:00`].sort());
    for (const query of ['network=kulttuurihyvinvointi', 'network=kulttuurihyvinvointi&network=mielen-hyvinvointi', 'type=webinaari', 'municipality=raahe', 'organisation=takuusaatio', 'q=kulttuurihyvinvoin', 'order=desc', 'network=osallisuus&order=desc&limit=3']) {
      const { full: filtered } = await bothForms(`${window}&${query}`);
      expect(filtered.items.length, query).toBeGreaterThan(0);
    }
    expect((await bothForms(`${window}&type=webinaari`)).brief.items.map(key)).toEqual([`${culture}/`]);
    expect((await bothForms(`${window}&order=desc`)).brief.items.map(key)).toEqual(full.items.map(key).reverse());
  });

  it('pages as the full list does, and a cursor of one form continues the other', async () => {
    const pohde = await bearerFor('pohde');
    await createEvent(pohde, workshop({ start: '2033-04-04T09:00', end: '2033-04-04T10:00', recurrence: { rrule: 'FREQ=DAILY;COUNT=5' } }));
    await createEvent(pohde, workshop({ start: '2033-04-05T09:00', end: '2033-04-05T10:00' }));
    await createEvent(pohde, workshop({ start: '2033-04-05T09:00', end: '2033-04-05T11:00' }));
    const window = 'from=2033-04-01&to=2033-04-30';
    const all = (await list(window)).items.map(key);
    expect(all).toHaveLength(7);

    for (const order of ['asc', 'desc']) {
      const expected = order === 'asc' ? all : [...all].reverse();
      // Each page is compared with the full one; the cursor comes alternately from a brief and a full page.
      const paged: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const { full, brief } = await bothForms(`${window}&order=${order}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        paged.push(...brief.items.map(key));
        cursor = pages++ % 2 === 0 ? brief.nextCursor : full.nextCursor;
      } while (cursor);
      expect(paged, order).toEqual(expected);
      expect(pages).toBe(4);
    }
  });

  it('leaves out members-only events for anonymous readers and shows them to members, as the full list does', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ title: { fi: 'Jäsenten kokous' }, visibility: 'members', start: '2033-05-03T10:00', end: '2033-05-03T12:00' }));
    const open = (await createEvent(await bearerFor('pohde'), workshop({ start: '2033-05-03T10:00', end: '2033-05-03T12:00' }))).event.id;
    const window = 'from=2033-05-01&to=2033-05-08';

    const anonymous = (await bothForms(window)).brief.items.map((item) => item.id);
    expect(anonymous).toEqual([open]);
    const viewer = await sessionFor([{ organisation: 'oulun-kaupunki', role: 'viewer' }]);
    const member = (await bothForms(window, asBrowser(viewer.cookie))).brief.items.map((item) => item.id);
    expect(member).toEqual([event.id, open].sort());
  });

  it('holds no description, links, contact or other languages of the place: only the brief fields', async () => {
    const pohde = await bearerFor('pohde');
    const description = 'Pitkä kuvaus, jota kuukausinäkymä ei tarvitse';
    await createEvent(
      pohde,
      workshop({
        start: '2033-06-07T09:00',
        end: '2033-06-07T10:00',
        description: { fi: description, sv: 'Lång beskrivning' },
        onlineUrl: 'https://meet.example/hytekello',
        contact: { name: 'Yhteyshenkilö Esimerkki', email: 'yhteys@example.fi' },
        recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' },
      }),
    );
    const window = 'from=2033-06-06&to=2033-06-28';
    const fullText = await (await request(`/api/events?${window}`)).text();
    expect(fullText).toContain(description);
    const response = await request(`/api/events?${window}&fields=brief`);
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const absent of [description, 'Lång beskrivning', 'meet.example', 'yhteys@example.fi', 'Torikatu', '"description"', '"organisations"', '"revision"']) expect(text).not.toContain(absent);
    const body = JSON.parse(text) as EventBriefList;
    expect(body.items).toHaveLength(3);
    for (const item of body.items) expect(Object.keys(item).sort()).toEqual(['allDay', 'id', 'occurrence', 'status', 'timeZone', 'title', 'type']);
    expect(text.length).toBeLessThan(fullText.length / 2);
  });

  it('gives events not indexed yet (as after a restore) as the full list does, expanded from their rules', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ start: '2033-07-04T09:00', end: '2033-07-04T10:00', recurrence: { rrule: 'FREQ=DAILY;COUNT=4', exceptions: [{ occurrence: '2033-07-05T09:00', kind: 'cancelled' }] } }));
    const window = 'from=2033-07-01&to=2033-07-10';
    const indexed = (await bothForms(window)).brief;
    await env.DB.batch([env.DB.prepare('DELETE FROM occurrences WHERE event_id = ?1').bind(event.id), env.DB.prepare('UPDATE events SET indexed_until = NULL WHERE id = ?1').bind(event.id)]);
    const expanded = (await bothForms(window)).brief;
    expect(expanded.items).toHaveLength(4);
    expect(expanded.items).toEqual(indexed.items);
  });

  it('with updated_since gives the changed events in brief, the same items and cursor as in full', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const authorization = await bearerFor('aluehallintovirasto');
    for (const day of [1, 2, 3]) await createEvent(authorization, workshop({ organisations: ['aluehallintovirasto'], start: `2033-08-0${day}T09:00`, end: `2033-08-0${day}T10:00` }));
    const { brief } = await bothForms(`updated_since=${encodeURIComponent(since)}&organisation=aluehallintovirasto&limit=2`);
    expect(brief.items).toHaveLength(2);
    expect(brief.nextCursor).not.toBeNull();
  });

  it('refuses an unknown `fields` with a 400 problem naming `fields`', async () => {
    for (const fields of ['short', 'BRIEF', '']) {
      const response = await request(`/api/events?from=2033-09-01&to=2033-09-08&fields=${fields}`);
      expect(response.status, fields).toBe(400);
      expect(response.headers.get('Content-Type')).toContain('application/problem+json');
      const problem = (await response.json()) as Problem;
      expect(problem.errors?.map((error) => error.field)).toEqual(['fields']);
    }
  });

  it('is described in the OpenAPI document: the `fields` parameter and the EventBriefList answer', async () => {
    const document = (await (await request('/api/openapi.json')).json()) as {
      paths: Record<string, { get: { parameters: { name: string; schema: { enum?: string[] } }[]; responses: Record<string, { content: Record<string, { schema: unknown }> }> } }>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const operation = document.paths['/api/events']!.get;
    expect(operation.parameters.find((parameter) => parameter.name === 'fields')?.schema.enum).toEqual(['full', 'brief']);
    expect(JSON.stringify(operation.responses['200']!.content['application/json']!.schema)).toContain('#/components/schemas/EventBriefList');
    expect(Object.keys(document.components.schemas.EventBrief!.properties!).sort()).toEqual(['allDay', 'id', 'occurrence', 'status', 'timeZone', 'title', 'type']);
  });
});
