/**
 * Any event the API accepts is read by real parsers as the API reports it
 * (issue 14, fast-check): random valid events in every accepted zone (or an
 * alias of it), all-day and timed, series with removed, cancelled and
 * moved occurrences, texts of every Unicode class that passes validation,
 * long lines and `,;\` are written through the API with real D1; each
 * one's .ics and the network's feed are read by ical.js and node-ical,
 * which must give the occurrences (instants, all-day dates, cancellations)
 * that the API gives, and ical.js the texts. Python's icalendar and vobject
 * read the same kind of feeds in test/node/python-parsers.test.ts.
 */
import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { canonicalTimeZone } from '../worker/domain/zones';
import type { EventInput, OccurrenceList } from '../worker/shared/events';
import { FEED_ZONES, WINDOW, apiInstances, eventInputs, icalJsInstances, nodeIcalInstances, readAlikeByEveryClient } from './feed-readers';
import { bearerFor, createEvent, request } from './helpers';

// Every name the API takes: the canonical ones and their aliases, in any case.
const NAMES = FEED_ZONES;

describe('feeds of random valid events', () => {
  it('are read by ical.js and node-ical with the occurrences and texts the API reports', async () => {
    const authorization = await bearerFor('pohde');
    const written: { id: string; input: EventInput }[] = [];
    await fc.assert(
      fc.asyncProperty(eventInputs(NAMES), fc.boolean(), async (generated, upperCase) => {
        const input = { ...generated, timeZone: upperCase ? generated.timeZone!.toUpperCase() : generated.timeZone };
        const zone = canonicalTimeZone(input.timeZone!)!;
        fc.pre(readAlikeByEveryClient(input, zone));
        const { event } = await createEvent(authorization, input);
        expect(event.timeZone).toBe(zone);
        written.push({ id: event.id, input });
        const items = ((await (await request(`/api/events/${event.id}/occurrences?from=${WINDOW.from}&to=${WINDOW.to}&limit=500`)).json()) as OccurrenceList).items;
        const api = apiInstances(items, event.allDay);

        const text = await (await request(`/events/${event.id}.ics`)).text();
        const context = `${JSON.stringify(input)}\n${text}`;
        // (A series may have every occurrence removed: then none anywhere.)
        expect(icalJsInstances(text, [event.id]).get(event.id) ?? [], `ical.js\n${context}`).toEqual(api);
        expect(nodeIcalInstances(text, [event.id]).get(event.id) ?? [], `node-ical\n${context}`).toEqual(api);

        // ical.js reads every text exactly, and every TZID has its VTIMEZONE.
        const calendar = new ICAL.Component(ICAL.parse(text));
        const master = calendar.getAllSubcomponents('vevent')[0]!;
        expect(master.getFirstPropertyValue('summary')).toBe(event.title.fi);
        // Line breaks come out as iCalendar's \n, whichever form they went in.
        expect(String(master.getFirstPropertyValue('description'))).toContain(event.description.fi.replace(/\r\n?/g, '\n'));
        if (event.location?.place) expect(master.getFirstPropertyValue('location')).toBe(event.location.place);
        const defined = calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'));
        for (const [, tzid] of text.replaceAll('\r\n ', '').matchAll(/;TZID=([^:;]+)/g)) expect(defined).toContain(tzid);
        for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
      }),
      // No shrinking: a failure is reported as found (shrinking long texts through the API takes minutes).
      { numRuns: 150, endOnFailure: true },
    );

    // All of them in one feed, as a subscriber gets them: the same occurrences, one VTIMEZONE per zone.
    const text = await (await request('/calendar.ics?network=osallisuus')).text();
    const ids = written.map((w) => w.id);
    const byIcalJs = icalJsInstances(text, ids);
    const byNodeIcal = nodeIcalInstances(text, ids);
    for (const { id } of written) {
      const event = (await (await request(`/api/events/${id}`)).json()) as { allDay: boolean };
      const items = ((await (await request(`/api/events/${id}/occurrences?from=${WINDOW.from}&to=${WINDOW.to}&limit=500`)).json()) as OccurrenceList).items;
      const api = apiInstances(items, event.allDay);
      const blocks = text.split('BEGIN:VEVENT').filter((block) => block.includes(`UID:${id}`)).join('BEGIN:VEVENT') + '\n' + JSON.stringify([...byIcalJs.keys()].filter((k) => k.startsWith(id) || id.startsWith(k)));
      expect(byIcalJs.get(id) ?? [], `${id}\n${blocks}`).toEqual(api);
      expect(byNodeIcal.get(id) ?? [], id).toEqual(api);
    }
    const zones = [...text.matchAll(/^TZID:(.*)\r$/gm)].map((m) => m[1]);
    expect(zones.length).toBe(new Set(zones).size);
  });
});
