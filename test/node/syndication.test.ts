/**
 * RSS, Atom and JSON Feed are written directly (worker/domain/syndication.ts);
 * they were written with the `feed` library before. The library is the
 * reference here: for any texts, times and languages both give the same
 * document, and the XML parses back to the texts given.
 */
import fc from 'fast-check';
import { Feed } from 'feed';
import { describe, expect, it } from 'vitest';
import { xml2js } from 'xml-js';
import { localized, type TermNames } from '../../worker/domain/ical';
import { escapeHtml } from '../../worker/domain/markup';
import { type SyndicationOccurrence, type SyndicationOptions, syndicationFeed } from '../../worker/domain/syndication';
import { DEFAULT_TIME_ZONE } from '../../worker/domain/time';
import type { Language } from '../../worker/shared/languages';

const names: TermNames = {
  eventTypes: new Map([
    ['tyopaja', { fi: 'Työpaja', sv: 'Verkstad', en: 'Workshop' }],
    ['seminaari', { fi: 'Seminaari', sv: null, en: null }],
  ]),
  networks: new Map(),
  organisations: new Map(),
  municipalities: new Map(),
};

/** The module as it was, through the `feed` library (and an Intl formatter per item). */
function throughLibrary(occurrences: SyndicationOccurrence[], options: SyndicationOptions): string {
  const { language, origin } = options;
  const locale = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' }[language];
  const cancelledWord = { fi: 'PERUTTU', sv: 'INSTÄLLT', en: 'CANCELLED' }[language];
  const when = (o: SyndicationOccurrence['occurrence'], allDay: boolean) => {
    if (allDay) {
      const day = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' });
      const first = new Date(`${o.start}T00:00:00Z`);
      return o.start === o.end ? day.format(first) : day.formatRange(first, new Date(`${o.end}T00:00:00Z`));
    }
    return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: DEFAULT_TIME_ZONE }).formatRange(new Date(o.startsAt), new Date(o.endsAt));
  };
  const asHtml = (paragraphs: string[]) =>
    paragraphs
      .flatMap((text) => text.split(/\n{2,}/))
      .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\r?\n/g, '<br>')}</p>`)
      .join('');
  const asText = (text: string) => (options.format === 'json' ? text : escapeHtml(text));
  const feed = new Feed({
    title: options.title,
    id: options.self,
    link: `${origin}/${language === 'fi' ? '' : `?lang=${language}`}`,
    language,
    updated: options.updated,
    copyright: '',
    generator: 'Hytekello',
    feedLinks: { [options.format]: options.self },
  });
  for (const event of occurrences) {
    const o = event.occurrence;
    const cancelled = o.status === 'cancelled';
    const query = new URLSearchParams();
    if (language !== 'fi') query.set('lang', language);
    if (o.recurrenceId) query.set('occurrence', o.recurrenceId);
    const title = localized(event.title, language);
    const place = [o.place ?? event.location?.place, event.location?.address].filter(Boolean).join(', ');
    const summary = [when(o, event.allDay), place, event.onlineUrl ? 'Teams / online' : null].filter(Boolean).join(' · ');
    const type = names.eventTypes.get(event.type);
    feed.addItem({
      title: asText(cancelled ? `${cancelledWord}: ${title}` : title),
      id: `${origin}/events/${event.id}${o.recurrenceId ? `#${o.recurrenceId}` : ''}`,
      link: `${origin}/events/${event.id}${query.size ? `?${query}` : ''}`,
      date: new Date(event.updatedAt),
      published: new Date(o.startsAt),
      description: asText(summary),
      content: asHtml([summary, cancelled && event.cancelReasons ? localized(event.cancelReasons, language) : null, localized(event.description, language)].filter((text): text is string => Boolean(text))),
      category: type ? [{ name: localized(type, language) }] : [],
    });
  }
  if (options.format === 'rss') return feed.rss2();
  if (options.format === 'atom') return feed.atom1();
  return feed.json1();
}

const text = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('<script>alert(1)</script>', ']]><img src=x onerror=alert(1)>', '&lt;b&gt; & &amp;', 'Rivi\n\nToinen\r\nkolmas', '"lainaus" \'heittomerkki\''),
);
// Titles are never empty (EventInput); the library left an empty one out.
const title = text.filter((t) => t !== '');
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
// Instants of 2020–2035, so that both summer and winter time and their changes come up.
const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 11, 31) }).map((ms) => Math.floor(ms / 60_000) * 60_000);

const occurrence: fc.Arbitrary<SyndicationOccurrence> = fc
  .record({
    id: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/),
    title: fc.record({ fi: title, sv: maybe(title), en: maybe(title) }),
    description: fc.record({ fi: text, sv: maybe(text), en: maybe(text) }),
    type: fc.constantFrom('tyopaja', 'seminaari', 'tuntematon'),
    allDay: fc.boolean(),
    start: instant,
    minutes: fc.integer({ min: 0, max: 60 * 24 * 4 }),
    place: maybe(text),
    location: maybe(fc.record({ place: maybe(text), address: maybe(text) })),
    onlineUrl: maybe(fc.constant('https://teams.example/meet')),
    cancelled: fc.boolean(),
    cancelReasons: maybe(fc.record({ fi: text, sv: maybe(text), en: maybe(text) })),
    recurs: fc.boolean(),
    updated: instant,
  })
  .map((r) => {
    const startsAt = new Date(r.start).toISOString();
    const endsAt = new Date(r.start + r.minutes * 60_000).toISOString();
    const day = (iso: string) => iso.slice(0, 10);
    return {
      id: r.id,
      status: r.cancelled ? 'cancelled' : 'published',
      title: r.title,
      type: r.type,
      allDay: r.allDay,
      timeZone: DEFAULT_TIME_ZONE,
      description: r.description,
      location: r.location,
      onlineUrl: r.onlineUrl,
      cancelReasons: r.cancelReasons,
      updatedAt: new Date(r.updated).toISOString(),
      occurrence: {
        recurrenceId: r.recurs ? (r.allDay ? day(startsAt) : startsAt.replace('.000Z', '').replace('Z', '')) : null,
        start: r.allDay ? day(startsAt) : startsAt,
        end: r.allDay ? day(endsAt) : endsAt,
        startsAt,
        endsAt,
        status: r.cancelled ? 'cancelled' : 'published',
        moved: false,
        place: r.place,
      },
    } as SyndicationOccurrence;
  });

const options = fc.record({
  format: fc.constantFrom('rss' as const, 'atom' as const, 'json' as const),
  language: fc.constantFrom<Language>('fi', 'sv', 'en'),
  title: fc.constantFrom('Hytekello', 'Hytekello — Kulttuurihyvinvointiverkosto', 'Hytekello — Oulu & Kalajoki <2>'),
  query: fc.constantFrom('', '?municipality=oulu', '?network=a&type=b&lang=sv'),
  updated: instant,
});

describe('RSS, Atom and JSON Feed written directly', () => {
  it('are the documents the feed library wrote, for any texts, times and languages', () => {
    fc.assert(
      fc.property(fc.array(occurrence, { maxLength: 6 }), options, (occurrences, o) => {
        const given: SyndicationOptions = {
          format: o.format,
          language: o.language,
          title: o.title,
          origin: 'https://hytekello.test',
          self: `https://hytekello.test/feed.${o.format}${o.query}`,
          names,
          updated: new Date(o.updated),
        };
        expect(syndicationFeed(occurrences, given)).toBe(throughLibrary(occurrences, given));
      }),
      { numRuns: 300 },
    );
  });

  it('write names with an entity or a < in them as they are, where the library read "&amp;" as "&" and left "<" in attributes', () => {
    const tricky: TermNames = { ...names, eventTypes: new Map([['tyopaja', { fi: 'Paja &amp; <pieni> "x"', sv: null, en: null }]]) };
    const event: SyndicationOccurrence = {
      id: 'e1', status: 'published', title: { fi: 'T', sv: null, en: null }, type: 'tyopaja', allDay: false, timeZone: DEFAULT_TIME_ZONE,
      description: { fi: 'D', sv: null, en: null }, location: null, onlineUrl: null, cancelReasons: null, updatedAt: '2026-01-01T00:00:00.000Z',
      occurrence: { recurrenceId: null, start: '2026-10-06T09:00:00+03:00', end: '2026-10-06T12:00:00+03:00', startsAt: '2026-10-06T06:00:00Z', endsAt: '2026-10-06T09:00:00Z', status: 'published', moved: false, place: null },
    };
    const base = { language: 'fi' as const, title: 'A &amp; B', origin: 'https://hytekello.test', names: tricky, updated: new Date(0) };
    type Element = { name?: string; attributes?: Record<string, string>; elements?: Element[]; text?: string };
    const find = (element: Element, name: string): Element[] => [...(element.name === name ? [element] : []), ...(element.elements ?? []).flatMap((child) => find(child, name))];
    const rss = xml2js(syndicationFeed([event], { ...base, format: 'rss', self: 'https://hytekello.test/feed.rss?a=1&amp;b=2' })) as Element;
    expect(find(rss, 'category')[0]!.elements![0]!.text).toBe('Paja &amp; <pieni> "x"');
    expect(find(rss, 'title')[0]!.elements![0]!.text).toBe('A &amp; B');
    expect(find(rss, 'atom:link')[0]!.attributes!.href).toBe('https://hytekello.test/feed.rss?a=1&amp;b=2');
    const atom = xml2js(syndicationFeed([event], { ...base, format: 'atom', self: 'https://hytekello.test/feed.atom' })) as Element;
    expect(find(atom, 'category')[0]!.attributes!.label).toBe('Paja &amp; <pieni> "x"');
  });
});
