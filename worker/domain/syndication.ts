/**
 * Upcoming events as RSS 2.0, Atom 1.0 and JSON Feed 1, for municipal
 * websites and newsletters. The only module that knows those formats.
 */
import type { Event, EventBrief, EventOccurrence } from '../shared/events';
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

/** What a feed item shows of an occurrence's event (a whole Event has it all). */
export type SyndicationEvent = Omit<EventBrief, 'occurrence'> &
  Pick<Event, 'description' | 'onlineUrl' | 'cancelReasons' | 'updatedAt'> & { location: { place: string | null; address: string | null } | null };

/** An occurrence of an event, as a feed lists it. */
export type SyndicationOccurrence = SyndicationEvent & Pick<EventOccurrence, 'occurrence'>;

/** How many upcoming occurrences a feed lists. */
export const SYNDICATION_ITEMS = 50;

const CANCELLED: Record<Language, string> = { fi: 'PERUTTU', sv: 'INSTÄLLT', en: 'CANCELLED' };
const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/**
 * The two formatters of each language, made once per isolate: making an Intl
 * formatter costs about 0.3 ms (locale and zone data), using one a few µs, and
 * a feed of 50 items made 50 of them (BENCHMARKS.md, the built RSS feed).
 */
const formatters = new Map<Language, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function formattersOf(language: Language) {
  let made = formatters.get(language);
  if (!made) {
    const locale = LOCALES[language];
    made = {
      day: new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }),
      time: new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: DEFAULT_TIME_ZONE }),
    };
    formatters.set(language, made);
  }
  return made;
}

/** "ti 6.10.2026 klo 9.00–12.00" in the reader's language, in Finnish time. */
function when(occurrence: EventOccurrence['occurrence'], allDay: boolean, language: Language): string {
  const { day, time } = formattersOf(language);
  if (allDay) {
    const first = new Date(`${occurrence.start}T00:00:00Z`);
    const last = new Date(`${occurrence.end}T00:00:00Z`);
    return occurrence.start === occurrence.end ? day.format(first) : day.formatRange(first, last);
  }
  return time.formatRange(new Date(occurrence.startsAt), new Date(occurrence.endsAt));
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

/**
 * The format of the bodies written here, part of their ETags: raise it when
 * the output changes, so that kept bodies are built again.
 */
export const SYNDICATION_FORMAT = 2;

/** One item of a feed, the same in every format. */
interface Item {
  title: string;
  /** the event page's URL */
  link: string;
  id: string;
  updated: Date;
  published: Date;
  summary: string;
  /** escaped HTML */
  content: string;
  category: string | null;
}

function itemsOf(occurrences: SyndicationOccurrence[], { language, origin, names }: SyndicationOptions): Item[] {
  return occurrences.map((event) => {
    const o = event.occurrence;
    const cancelled = o.status === 'cancelled';
    const query: string[] = [];
    if (language !== 'fi') query.push(`lang=${language}`);
    if (o.recurrenceId) query.push(`occurrence=${encodeURIComponent(o.recurrenceId)}`);
    const title = localized(event.title, language);
    const place = [o.place ?? event.location?.place, event.location?.address].filter(Boolean).join(', ');
    const summary = [when(o, event.allDay, language), place, event.onlineUrl ? 'Teams / online' : null].filter(Boolean).join(' · ');
    const description = localized(event.description, language);
    const type = names.eventTypes.get(event.type);
    return {
      title: cancelled ? `${CANCELLED[language]}: ${title}` : title,
      link: `${origin}/events/${event.id}${query.length ? `?${query.join('&')}` : ''}`,
      id: `${origin}/events/${event.id}${o.recurrenceId ? `#${o.recurrenceId}` : ''}`,
      updated: new Date(event.updatedAt),
      published: new Date(o.startsAt),
      summary,
      content: asHtml([summary, cancelled && event.cancelReasons ? localized(event.cancelReasons, language) : null, description].filter((text): text is string => Boolean(text))),
      category: type ? localized(type, language) : null,
    };
  });
}

/** XML character data. */
const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** An XML attribute's value, between double quotes. */
const xmlAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
/** A CDATA section; `]]>` inside is split across two. */
const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
const RSS_DOCS = 'https://validator.w3.org/feed/docs/rss2.html';

function rss(items: Item[], options: SyndicationOptions, home: string): string {
  const out = [
    XML_DECLARATION,
    `<rss version="2.0"${items.length ? ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"' : ''} xmlns:atom="http://www.w3.org/2005/Atom">`,
    '    <channel>',
    `        <title>${xmlText(options.title)}</title>`,
    `        <link>${xmlText(home)}</link>`,
    '        <description></description>',
    `        <lastBuildDate>${options.updated.toUTCString()}</lastBuildDate>`,
    `        <docs>${RSS_DOCS}</docs>`,
    '        <generator>Hytekello</generator>',
    `        <language>${options.language}</language>`,
    `        <atom:link href="${xmlAttribute(options.self)}" rel="self" type="application/rss+xml"/>`,
  ];
  // Titles and descriptions are HTML by custom in RSS: written escaped (asText), in CDATA.
  for (const item of items) {
    out.push(
      '        <item>',
      `            <title>${cdata(escapeHtml(item.title))}</title>`,
      `            <link>${xmlText(item.link)}</link>`,
      `            <guid isPermaLink="false">${xmlText(item.id)}</guid>`,
      `            <pubDate>${item.published.toUTCString()}</pubDate>`,
      `            <description>${cdata(escapeHtml(item.summary))}</description>`,
      `            <content:encoded>${cdata(item.content)}</content:encoded>`,
    );
    if (item.category !== null) out.push(`            <category>${xmlText(item.category)}</category>`);
    out.push('        </item>');
  }
  out.push('    </channel>', '</rss>');
  return out.join('\n');
}

function atom(items: Item[], options: SyndicationOptions, home: string): string {
  const out = [
    XML_DECLARATION,
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `    <id>${xmlText(options.self)}</id>`,
    `    <title>${xmlText(options.title)}</title>`,
    `    <updated>${options.updated.toISOString()}</updated>`,
    '    <generator>Hytekello</generator>',
    `    <link rel="alternate" href="${xmlAttribute(home)}"/>`,
    `    <link rel="self" href="${xmlAttribute(options.self)}"/>`,
  ];
  // type="html": the title and summary are escaped HTML, in CDATA.
  for (const item of items) {
    out.push(
      '    <entry>',
      `        <title type="html">${cdata(escapeHtml(item.title))}</title>`,
      `        <id>${xmlText(item.id)}</id>`,
      `        <link href="${xmlAttribute(item.link)}"/>`,
      `        <updated>${item.updated.toISOString()}</updated>`,
      `        <summary type="html">${cdata(escapeHtml(item.summary))}</summary>`,
      `        <content type="html">${cdata(item.content)}</content>`,
    );
    if (item.category !== null) out.push(`        <category label="${xmlAttribute(item.category)}"/>`);
    out.push(`        <published>${item.published.toISOString()}</published>`, '    </entry>');
  }
  out.push('</feed>');
  return out.join('\n');
}

/** JSON Feed 1: the title and summary are plain text by definition, the content escaped HTML. */
function jsonFeed(items: Item[], options: SyndicationOptions, home: string): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1',
      title: options.title,
      home_page_url: home,
      feed_url: options.self,
      items: items.map((item) => ({
        id: item.id,
        content_html: item.content,
        url: item.link,
        title: item.title,
        summary: item.summary,
        date_modified: item.updated.toISOString(),
        date_published: item.published.toISOString(),
        tags: item.category === null ? [] : [item.category],
      })),
    },
    null,
    4,
  );
}

/**
 * A feed of the given occurrences (already chosen and ordered), each linking
 * to its event page. Written directly rather than through a feed library:
 * the three formats are a few fixed elements, and the library's object tree
 * and serialiser were most of a build's cost after the dates (BENCHMARKS.md).
 * The output is what the `feed` library wrote (a test compares the two), except
 * where the library's escaping was wrong: it read `&amp;` in a text as `&`,
 * and left `<` in an attribute as it was. Nothing an organiser or an imported
 * calendar typed becomes markup: titles and summaries are escaped HTML in CDATA.
 */
export function syndicationFeed(occurrences: SyndicationOccurrence[], options: SyndicationOptions): string {
  const items = itemsOf(occurrences, options);
  const home = `${options.origin}/${options.language === 'fi' ? '' : `?lang=${options.language}`}`;
  if (options.format === 'rss') return rss(items, options, home);
  if (options.format === 'atom') return atom(items, options, home);
  return jsonFeed(items, options, home);
}
