/**
 * Upcoming events as RSS 2.0, Atom 1.0 and JSON Feed 1, for municipal
 * websites and newsletters. The only module that knows those formats
 * (through the `feed` library, which escapes and dates them correctly).
 */
import { Feed } from 'feed';
import type { EventOccurrence } from '../shared/events';
import type { Language } from '../shared/languages';
import { type TermNames, localized } from './ical';
import { DEFAULT_TIME_ZONE } from './time';
import { escapeHtml } from './markup';

export type SyndicationFormat = 'rss' | 'atom' | 'json';

export const SYNDICATION_TYPES: Record<SyndicationFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** How many upcoming occurrences a feed lists. */
export const SYNDICATION_ITEMS = 50;

const CANCELLED: Record<Language, string> = { fi: 'PERUTTU', sv: 'INSTÄLLT', en: 'CANCELLED' };
const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** "ti 6.10.2026 klo 9.00–12.00" in the reader's language, in Finnish time. */
function when(occurrence: EventOccurrence['occurrence'], allDay: boolean, language: Language): string {
  const locale = LOCALES[language];
  const start = new Date(occurrence.startsAt);
  const end = new Date(occurrence.endsAt);
  if (allDay) {
    const day = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' });
    const first = new Date(`${occurrence.start}T00:00:00Z`);
    const last = new Date(`${occurrence.end}T00:00:00Z`);
    return occurrence.start === occurrence.end ? day.format(first) : day.formatRange(first, last);
  }
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: DEFAULT_TIME_ZONE }).formatRange(start, end);
}


/** Plain text as the HTML that feed readers expect of `content`: escaped, in paragraphs; nothing typed becomes markup. */
const asHtml = (paragraphs: string[]) =>
  paragraphs
    .flatMap((text) => text.split(/\n{2,}/))
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\r?\n/g, '<br>')}</p>`)
    .join('');

export interface SyndicationOptions {
  format: SyndicationFormat;
  language: Language;
  /** The feed's title, e.g. the iCalendar feed's name for the same selection. */
  title: string;
  origin: string;
  /** The URL of this feed itself. */
  self: string;
  names: TermNames;
  updated: Date;
}

/** A feed of the given occurrences (already chosen and ordered), each linking to its event page. */
export function syndicationFeed(occurrences: EventOccurrence[], options: SyndicationOptions): string {
  const { language, origin, names } = options;
  // The `feed` library writes an item's title and description as HTML (Atom type="html", RSS by custom) in CDATA,
  // as given: escaped here, an organiser's or an imported calendar's `<img onerror=…>` reaches readers as text.
  // JSON Feed's title and summary are plain text by definition.
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
    const link = `${origin}/events/${event.id}${query.size ? `?${query}` : ''}`;
    const title = localized(event.title, language);
    const place = [o.place ?? event.location?.place, event.location?.address].filter(Boolean).join(', ');
    const summary = [when(o, event.allDay, language), place, event.onlineUrl ? 'Teams / online' : null].filter(Boolean).join(' · ');
    const description = localized(event.description, language);
    const type = names.eventTypes.get(event.type);
    feed.addItem({
      title: asText(cancelled ? `${CANCELLED[language]}: ${title}` : title),
      id: `${origin}/events/${event.id}${o.recurrenceId ? `#${o.recurrenceId}` : ''}`,
      link,
      date: new Date(event.updatedAt),
      published: new Date(o.startsAt),
      description: asText(summary),
      content: asHtml([summary, cancelled && event.cancelReasons ? localized(event.cancelReasons, language) : null, description].filter((text): text is string => Boolean(text))),
      category: type ? [{ name: localized(type, language) }] : [],
    });
  }
  if (options.format === 'rss') return feed.rss2();
  if (options.format === 'atom') return feed.atom1();
  return feed.json1();
}
