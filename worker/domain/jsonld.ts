/**
 * schema.org Event data of an event page (JSON-LD), so that search engines
 * and other services understand the event: time, status, attendance mode,
 * place and organisers.
 */
import type { Event } from '../shared/events';
import type { Language } from '../shared/languages';
import { type TermNames, localized } from './ical';
import { parseDate, parseWallClock, zoned } from './time';

function offsetDateTime(event: Event, text: string, isEnd: boolean): string {
  if (event.allDay) {
    const date = parseDate(text);
    // schema.org takes a date for all-day events; the end date is the last day.
    return date ? date.toString() : text;
  }
  const local = parseWallClock(text, event.timeZone);
  return local ? zoned(local, event.timeZone).toString({ timeZoneName: 'never', smallestUnit: 'second' }) : isEnd ? event.endsAt : event.startsAt;
}

export function eventJsonLd(event: Event, names: TermNames, origin: string, language: Language): Record<string, unknown> {
  const physical = event.location && (event.location.place || event.location.address);
  const mode = physical && event.onlineUrl ? 'MixedEventAttendanceMode' : event.onlineUrl ? 'OnlineEventAttendanceMode' : 'OfflineEventAttendanceMode';
  const places: Record<string, unknown>[] = [];
  if (physical) {
    const municipality = event.location?.municipality ? names.municipalities.get(event.location.municipality) : undefined;
    places.push({
      '@type': 'Place',
      name: event.location?.place ?? event.location?.address,
      address: {
        '@type': 'PostalAddress',
        ...(event.location?.address ? { streetAddress: event.location.address } : {}),
        ...(municipality ? { addressLocality: localized(municipality, language) } : {}),
        addressCountry: 'FI',
      },
    });
  }
  if (event.onlineUrl) places.push({ '@type': 'VirtualLocation', url: event.onlineUrl });
  const description = localized(event.description, language);
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: localized(event.title, language),
    ...(description ? { description } : {}),
    url: `${origin}/events/${event.id}`,
    startDate: offsetDateTime(event, event.start, false),
    endDate: offsetDateTime(event, event.end, true),
    eventStatus: `https://schema.org/${event.status === 'cancelled' ? 'EventCancelled' : 'EventScheduled'}`,
    eventAttendanceMode: `https://schema.org/${mode}`,
    location: places.length === 1 ? places[0] : places,
    organizer: event.organisations.map((slug) => {
      const name = names.organisations.get(slug);
      return { '@type': 'Organization', name: name ? localized(name, language) : slug };
    }),
    inLanguage: event.languages,
    ...(event.registration?.url ? { offers: { '@type': 'Offer', url: event.registration.url, price: 0, priceCurrency: 'EUR', availability: 'https://schema.org/InStock', ...(event.registration.deadline ? { validThrough: offsetDateTime({ ...event, allDay: !!parseDate(event.registration.deadline) }, event.registration.deadline, true) } : {}) } } : {}),
  };
}

/** JSON for inside a <script> element: '<' escaped so that no text can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}

