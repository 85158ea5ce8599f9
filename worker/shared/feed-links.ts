/**
 * Subscription links of a feed, for the subscribe dialog and for anyone
 * who builds feed URLs: the https URL (copy into any client), webcal://
 * (opens the system calendar app), and one-click Google and Outlook.
 */

export interface FeedFilters {
  network?: string[];
  type?: string[];
  municipality?: string[];
  organisation?: string[];
  lang?: 'fi' | 'sv' | 'en';
}

export interface FeedLinks {
  https: string;
  webcal: string;
  google: string;
  outlook: string;
}

/** Links to /calendar.ics with the filters, e.g. feedLinks('https://hytekello.fi', { network: ['kulttuurihyvinvointi'] }). */
export function feedLinks(origin: string, filters: FeedFilters, name = 'Hytekello'): FeedLinks {
  const query = new URLSearchParams();
  for (const key of ['network', 'type', 'municipality', 'organisation'] as const) {
    for (const value of filters[key] ?? []) query.append(key, value);
  }
  if (filters.lang && filters.lang !== 'fi') query.set('lang', filters.lang);
  const path = `/calendar.ics${query.size > 0 ? `?${query}` : ''}`;
  const https = `${origin.replace(/\/$/, '')}${path}`;
  const webcal = https.replace(/^https?:/, 'webcal:');
  return {
    https,
    webcal,
    // Google subscribes to a webcal URL given as cid; Outlook on the web takes the https URL.
    google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
    outlook: `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(https)}&name=${encodeURIComponent(name)}`,
  };
}
