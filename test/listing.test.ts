import { describe, expect, it } from 'vitest';
import type { EventList } from '../worker/shared/events';
import { bearerFor, createEvent, request, workshop } from './helpers';

async function list(query: string): Promise<EventList> {
  const response = await request(`/api/events?${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as EventList;
}

// Each test uses its own week in 2031 so that tests never see each other's events.
describe('filters', () => {
  it('match any value of one filter and every filter together', async () => {
    const pohde = await bearerFor('pohde');
    const day = (d: number) => ({ start: `2031-03-0${d}T09:00`, end: `2031-03-0${d}T10:00` });
    const culture = (await createEvent(pohde, workshop({ ...day(3), networks: ['kulttuurihyvinvointi'], municipalities: ['raahe'], type: 'webinaari' }))).event.id;
    const mental = (await createEvent(pohde, workshop({ ...day(4), networks: ['mielen-hyvinvointi'], municipalities: ['oulu'] }))).event.id;
    const money = (await createEvent(pohde, workshop({ ...day(5), networks: ['taloudellinen-hyvinvointi'], municipalities: ['raahe'], organisations: ['pohde', 'takuusaatio'] }))).event.id;
    // Named by Pohde, Takuusäätiö co-organises once it accepts.
    expect((await request(`/api/events/${money}/co-organisers/takuusaatio/accept`, { method: 'POST', headers: { Authorization: await bearerFor('takuusaatio') } })).status).toBe(200);
    const window = 'from=2031-03-01&to=2031-03-08';
    const ids = async (query: string) => (await list(`${window}&${query}`)).items.map((item) => item.id);

    expect(await ids('network=kulttuurihyvinvointi')).toEqual([culture]);
    expect(await ids('network=kulttuurihyvinvointi&network=mielen-hyvinvointi')).toEqual([culture, mental]);
    expect(await ids('municipality=raahe')).toEqual([culture, money]);
    expect(await ids('municipality=raahe&type=tyopaja')).toEqual([money]);
    expect(await ids('organisation=takuusaatio')).toEqual([money]);
    expect(await ids('organisation=takuusaatio&network=mielen-hyvinvointi')).toEqual([]);
    expect(await ids('type=webinaari&type=tyopaja')).toEqual([culture, mental, money]);
  });

  it('searches every language of titles, descriptions and places by word prefix', async () => {
    const pohde = await bearerFor('pohde');
    const { event } = await createEvent(
      pohde,
      workshop({ start: '2031-04-01T09:00', end: '2031-04-01T10:00', title: { fi: 'Kulttuurihyvinvoinnin iltapäivä', sv: 'Kulturell välfärd' }, location: { place: 'Pyhäjoen seurakuntatalo' } }),
    );
    const window = 'from=2031-04-01&to=2031-04-02';
    const ids = async (q: string) => (await list(`${window}&q=${encodeURIComponent(q)}`)).items.map((item) => item.id);
    expect([await ids("kulttuurihyvinvoin"), await ids("välfärd"), await ids("pyhajoen"), await ids("iltapäivä kulttuuri")]).toEqual([[event.id], [event.id], [event.id], [event.id]]);
    expect(await ids('välfärd')).toEqual([event.id]);
    expect(await ids('pyhajoen')).toEqual([event.id]);
    expect(await ids('iltapäivä kulttuuri')).toEqual([event.id]);
    expect(await ids('iltapäivä jalkapallo')).toEqual([]);
    // FTS syntax from users is taken as words, never as a query.
    expect(await ids('kulttuuri* ^"')).toEqual([event.id]);
    expect(await ids('OR NEAR( "')).toEqual([]);
  });

  it('finds inflected and compound forms: "mielenterveys" finds "mielenterveyden", "kertomus" finds "hyvinvointikertomus"', async () => {
    const pohde = await bearerFor('pohde');
    const at = (day: number) => ({ start: `2031-04-1${day}T09:00`, end: `2031-04-1${day}T10:00` });
    const mental = (await createEvent(pohde, workshop({ ...at(1), title: { fi: 'Mielenterveyden ensiapu' }, description: { fi: 'Kansainvälisen\nverkoston työpajoissa.' } }))).event.id;
    const report = (await createEvent(pohde, workshop({ ...at(2), title: { fi: 'Hyvinvointikertomuksen laatiminen' }, location: { place: 'Ii, kunnantalo' } }))).event.id;
    const window = 'from=2031-04-11&to=2031-04-13';
    const ids = async (q: string) => (await list(`${window}&q=${encodeURIComponent(q)}`)).items.map((item) => item.id);
    expect(await ids('mielenterveys')).toEqual([mental]);
    expect(await ids('kertomus')).toEqual([report]);
    expect(await ids('hyvinvointikertomus')).toEqual([report]);
    expect(await ids('kansainvälinen työpaja')).toEqual([mental]);
    expect(await ids('ensiapua')).toEqual([mental]);
    // A word of two letters is a word's start: "Ii" is the municipality, not the "ii" inside "laatiminen" or "kunnantalo".
    expect(await ids('ii')).toEqual([report]);
    expect(await ids('ve')).toEqual([mental]);
    // One letter is left out rather than matching nearly everything.
    expect(await ids('mielenterveys a')).toEqual([mental]);
    expect(await ids('kertomus jalkapallo')).toEqual([]);
  });
});

describe('recurring events in a window', () => {
  it('expand into occurrences at the same local time across the October change', async () => {
    const { event } = await createEvent(
      await bearerFor('pohde'),
      workshop({ start: '2031-10-14T09:00', end: '2031-10-14T10:00', recurrence: { rrule: 'FREQ=WEEKLY;COUNT=4', exceptions: [{ occurrence: '2031-10-21T09:00', kind: 'cancelled' }] } }),
    );
    const body = await list('from=2031-10-13&to=2031-11-10');
    const mine = body.items.filter((item) => item.id === event.id);
    expect(mine.map((item) => item.occurrence.start)).toEqual(['2031-10-14T09:00:00+03:00', '2031-10-21T09:00:00+03:00', '2031-10-28T09:00:00+02:00', '2031-11-04T09:00:00+02:00']);
    expect(mine.map((item) => item.occurrence.startsAt)).toEqual(['2031-10-14T06:00:00Z', '2031-10-21T06:00:00Z', '2031-10-28T07:00:00Z', '2031-11-04T07:00:00Z']);
    expect(mine.map((item) => item.occurrence.status)).toEqual(['published', 'cancelled', 'published', 'published']);
    expect(mine[1]!.occurrence.recurrenceId).toBe('2031-10-21T09:00');
  });

  it('includes an occurrence that began before the window and is still going on', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ allDay: true, start: '2031-06-01', end: '2031-06-03' }));
    expect((await list('from=2031-06-02&to=2031-06-03')).items.map((item) => item.id)).toContain(event.id);
    expect((await list('from=2031-06-04&to=2031-06-05')).items.map((item) => item.id)).not.toContain(event.id);
  });
});

describe('ordering and pagination', () => {
  it('pages through occurrences in a stable order without gaps or repeats', async () => {
    const pohde = await bearerFor('pohde');
    await createEvent(pohde, workshop({ start: '2031-08-04T09:00', end: '2031-08-04T10:00', recurrence: { rrule: 'FREQ=DAILY;COUNT=5' } }));
    await createEvent(pohde, workshop({ start: '2031-08-05T09:00', end: '2031-08-05T10:00' }));
    await createEvent(pohde, workshop({ start: '2031-08-05T09:00', end: '2031-08-05T11:00' }));
    const window = 'from=2031-08-01&to=2031-08-31';
    const all = (await list(window)).items.map((item) => `${item.id}/${item.occurrence.recurrenceId}`);
    expect(all).toHaveLength(7);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: EventList = await list(`${window}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((item) => `${item.id}/${item.occurrence.recurrenceId}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    const starts = (await list(window)).items.map((item) => item.occurrence.startsAt);
    expect([...starts].sort()).toEqual(starts);
  });
});

describe("an event's occurrences", () => {
  it('lists the occurrences of one series in a window, cancelled and moved ones marked', async () => {
    const { event } = await createEvent(
      await bearerFor('pohde'),
      workshop({
        start: '2031-09-02T13:00',
        end: '2031-09-02T14:00',
        recurrence: { rrule: 'FREQ=WEEKLY;COUNT=4', exceptions: [{ occurrence: '2031-09-09T13:00', kind: 'cancelled' }, { occurrence: '2031-09-16T13:00', kind: 'moved', start: '2031-09-17T10:00', end: '2031-09-17T11:00' }] },
      }),
    );
    const response = await request(`/api/events/${event.id}/occurrences?from=2031-09-01&to=2031-10-01`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: { recurrenceId: string; start: string; status: string; moved: boolean }[] };
    expect(body.items.map((o) => [o.recurrenceId, o.start, o.status, o.moved])).toEqual([
      ['2031-09-02T13:00', '2031-09-02T13:00:00+03:00', 'published', false],
      ['2031-09-09T13:00', '2031-09-09T13:00:00+03:00', 'cancelled', false],
      ['2031-09-16T13:00', '2031-09-17T10:00:00+03:00', 'published', true],
      ['2031-09-23T13:00', '2031-09-23T13:00:00+03:00', 'published', false],
    ]);
    expect((await request(`/api/events/${event.id}/occurrences?from=2031-09-01&to=2031-10-01&limit=1`).then((r) => r.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('is 404 for drafts and unknown events', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ status: 'draft' }));
    expect((await request(`/api/events/${event.id}/occurrences`)).status).toBe(404);
    expect((await request('/api/events/no-such-event/occurrences')).status).toBe(404);
  });
});
