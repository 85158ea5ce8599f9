/**
 * Subscription links of a feed, for the subscribe dialog and for anyone
 * who builds feed URLs: the https URL (copy into any client), webcal://
 * (opens the system calendar app), and one-click Google and Outlook (personal
 * Outlook.com and Microsoft 365 work accounts live on different hosts).
 */
import type { Language } from './languages';

/** Reminders the subscribe dialog offers (?alarm=); the feed takes any duration up to four weeks. */
export const REMINDERS = ['PT15M', 'PT1H', 'P1D'] as const;

export interface FeedFilters {
  network?: string[];
  type?: string[];
  municipality?: string[];
  organisation?: string[];
  lang?: Language;
  /** A reminder before each event (?alarm=), e.g. 'PT1H'; none when not given. */
  alarm?: (typeof REMINDERS)[number];
}

export interface FeedLinks {
  https: string;
  webcal: string;
  google: string;
  outlook: string;
  office: string;
}

/** Links to /calendar.ics with the filters, e.g. feedLinks('https://hytekello.fi', { network: ['kulttuurihyvinvointi'] }). */
export function feedLinks(origin: string, filters: FeedFilters, name = 'Hytekello'): FeedLinks {
  const query = new URLSearchParams();
  for (const key of ['network', 'type', 'municipality', 'organisation'] as const) {
    for (const value of filters[key] ?? []) query.append(key, value);
  }
  if (filters.lang && filters.lang !== 'fi') query.set('lang', filters.lang);
  if (filters.alarm) query.set('alarm', filters.alarm);
  const url = (parameters: URLSearchParams) => `${origin.replace(/\/$/, '')}/calendar.ics${parameters.size > 0 ? `?${parameters}` : ''}`;
  const https = url(query);
  const webcal = https.replace(/^https?:/, 'webcal:');
  // Google Calendar drops STATUS:CANCELLED events outright: its feed keeps them as free time titled "Peruttu:".
  const marked = new URLSearchParams(query);
  marked.set('cancelled', 'mark');
  return {
    https,
    webcal,
    // Google subscribes to a webcal URL given as cid; Outlook on the web takes the https URL.
    google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(url(marked).replace(/^https?:/, 'webcal:'))}`,
    outlook: `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(https)}&name=${encodeURIComponent(name)}`,
    office: `https://outlook.office.com/calendar/0/addfromweb?url=${encodeURIComponent(https)}&name=${encodeURIComponent(name)}`,
  };
}
