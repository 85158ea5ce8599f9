/**
 * Text that reaches the iCalendar output cannot add properties or
 * components: whatever organisers type (line breaks, folding tricks,
 * `BEGIN:VEVENT`, semicolons, non-ASCII), two independent parsers read back
 * exactly one event with exactly that text (fast-check).
 */
import fc from 'fast-check';
import ICAL from 'ical.js';
import nodeIcal, { type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { eventOccurrences, prepareEvent } from '../../worker/domain/events';
import { escapeHtml } from '../../worker/domain/markup';
import { syndicationFeed } from '../../worker/domain/syndication';
import { Temporal } from '../../worker/domain/time';
import { type TermNames, calendarOf } from '../../worker/domain/ical';
import { EventInput } from '../../worker/domain/event-input';
import type { Event } from '../../worker/shared/events';

const names: TermNames = { eventTypes: new Map([['tyopaja', { fi: 'Työpaja', sv: null, en: null }]]), networks: new Map(), organisations: new Map(), municipalities: new Map() };

const tricky = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.constantFrom(
    'Otsikko\r\nBEGIN:VEVENT\r\nUID:evil\r\nEND:VEVENT',
    'a\nDTSTART:19990101T000000Z',
    '\r\n ',
    ' jatkuu taitettuna\r\n\tkuin jatkorivi',
    'END:VCALENDAR',
    'X;Y:Z,W\\',
    'ä'.repeat(200),
    '🎉'.repeat(90),
  ),
);

/** What the schema makes of a text: the API would refuse what it refuses. */
function accepted(input: EventInput): EventInput | null {
  const result = EventInput.safeParse(input);
  return result.success ? (result.data as EventInput) : null;
}

describe('iCalendar output', () => {
  it('keeps a backslash followed by n as typed (found by the property below)', () => {
    const { spanStart: _s, spanEnd: _e, ...draft } = prepareEvent({ title: { fi: 'C:\\new \\n' }, type: 'tyopaja', start: '2026-10-06T09:00', end: '2026-10-06T12:00' }, 'pohde', 'published');
    const event: Event = { ...draft, id: 'backslash', sequence: 0, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
    const text = calendarOf([event], { name: 'x', language: 'fi', origin: 'https://hytekello.test', uidDomain: 'hytekello', names });
    expect(text).toContain('SUMMARY:C:\\\\new \\\\n\r\n');
    expect(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!.getFirstPropertyValue('summary')).toBe('C:\\new \\n');
  });

  it('cannot be made to carry extra properties or events by any text', () => {
    fc.assert(
      fc.property(tricky, tricky, tricky, (title, description, place) => {
        const input = accepted({ title: { fi: title.trim() || 'x' }, description: { fi: description }, type: 'tyopaja', start: '2026-10-06T09:00', end: '2026-10-06T12:00', location: { place } });
        // Refused input never reaches a feed; what is accepted must come out intact.
        fc.pre(input !== null);
        const { spanStart: _s, spanEnd: _e, ...draft } = prepareEvent(input!, 'pohde', 'published');
        const event: Event = { ...draft, id: 'fuzz', sequence: 0, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
        const text = calendarOf([event], { name: 'Fuzz', language: 'fi', origin: 'https://hytekello.test', uidDomain: 'hytekello', names });

        const vevents = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
        expect(vevents).toHaveLength(1);
        expect(vevents[0]!.getFirstPropertyValue('summary')).toBe(event.title.fi);
        expect(vevents[0]!.getFirstPropertyValue('uid')).toBe('fuzz@hytekello');
        expect(vevents[0]!.getAllProperties('dtstart')).toHaveLength(1);
        // Line breaks come out as iCalendar's \n, whichever form they went in.
        expect(String(vevents[0]!.getFirstPropertyValue('description') ?? '')).toContain(event.description.fi.replace(/\r\n?/g, '\n'));
        if (event.location?.place) expect(String(vevents[0]!.getFirstPropertyValue('location'))).toContain(event.location.place);

        const parsed = Object.values(nodeIcal.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
        expect(parsed).toHaveLength(1);
        // node-ical still sees exactly this one event. Its texts are not compared: it reads an escaped backslash before
        // 'n' (RFC 5545 `\\n`) as a line break, and loses SUMMARY when a folded DESCRIPTION carries `END:VEVENT`;
        // ical.js above, Thunderbird's parser, reads every text exactly.
        expect(parsed[0]!.uid).toBe('fuzz@hytekello');
        for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
      }),
      { numRuns: 300 },
    );
  });
});

describe('RSS and Atom output', () => {
  // The hostile titles of the fuzz suite (test/fuzz.test.ts), and random text.
  const hostile = fc.oneof(
    tricky,
    fc.constantFrom('<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', 'javascript:alert(1)', 'data:text/html,<b>x</b>', ']]><img src=x onerror=alert(1)>', '&lt;img src=x&gt;', '\u202eevil\u202c', "'; DROP TABLE events; --"),
  );

  it('write every title, place and description as text: no markup of theirs reaches a reader', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, fc.constantFrom('rss' as const, 'atom' as const), (title, place, description, format) => {
        const input = accepted({ title: { fi: title.trim() || 'x' }, description: { fi: description }, type: 'tyopaja', start: '2026-10-06T09:00', end: '2026-10-06T12:00', location: { place } });
        fc.pre(input !== null);
        const { spanStart: _s, spanEnd: _e, ...draft } = prepareEvent(input!, 'pohde', 'published');
        const event = { ...draft, id: 'fuzz', sequence: 0, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
        const occurrence = eventOccurrences(event, Temporal.Instant.from('2026-01-01T00:00:00Z'), Temporal.Instant.from('2027-01-01T00:00:00Z'));
        const text = syndicationFeed(occurrence, { format, language: 'fi', title: 'Hytekello', origin: 'https://hytekello.test', self: `https://hytekello.test/feed.${format}`, names, updated: new Date(0) });
        // What a reader takes as HTML: CDATA contents, and text with its entities decoded once. Only our <p> and <br>.
        const html = [...text.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]!).join('').replaceAll(']]]]><![CDATA[>', ']]>');
        expect(html.replace(/<\/?(p|br)>/g, ''), text).not.toMatch(/[<>]/);
        expect(html).toContain(escapeHtml(event.title.fi));
      }),
      { numRuns: 200 },
    );
  });
});
