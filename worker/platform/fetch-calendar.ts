/**
 * Fetches an organisation's iCalendar feed for import: only public http(s)
 * addresses, host names only when they do not resolve into a private
 * network, redirects followed by hand with each hop checked again, a time
 * limit for the whole fetch and a size limit on the body.
 */
import { blockedHost, calendarUrl } from '../domain/url-guard';

export const FETCH_TIMEOUT_MS = 10_000;
export const MAX_CALENDAR_BYTES = 2 * 1024 * 1024;
export const MAX_REDIRECTS = 3;
// Workers have no resolver of their own; DNS over HTTPS tells what a name points at.
export const DNS_OVER_HTTPS = 'https://cloudflare-dns.com/dns-query';
const DNS_TIMEOUT_MS = 3_000;

/** A feed that could not be fetched; the message is shown to the organiser as the source's error. */
export class CalendarFetchError extends Error {}

export interface FetchOptions {
  /** Local development only: the worker itself runs on loopback and may read a feed served there. */
  allowLoopback?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
}

/** The text of the calendar at `address` (http, https or webcal), or a CalendarFetchError saying why not. */
export async function fetchCalendar(address: string, options: FetchOptions = {}): Promise<string> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? FETCH_TIMEOUT_MS);
  let current = await checked(address, options, signal);
  try {
    for (let hop = 0; ; hop++) {
      const response = await fetch(current, { redirect: 'manual', signal, headers: { Accept: 'text/calendar, */*;q=0.5', 'User-Agent': 'Hytekello calendar import' } });
      if (response.status >= 300 && response.status < 400) {
        const location = response.headers.get('Location');
        await response.body?.cancel();
        if (!location) throw new CalendarFetchError(`the calendar address answered ${response.status} without a Location`);
        if (hop >= MAX_REDIRECTS) throw new CalendarFetchError(`the calendar address redirects more than ${MAX_REDIRECTS} times`);
        current = await checked(new URL(location, current).toString(), options, signal);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new CalendarFetchError(`the calendar address answered ${response.status} ${response.statusText}`.trim());
      }
      return await readLimited(response, options.maxBytes ?? MAX_CALENDAR_BYTES);
    }
  } catch (error) {
    if (error instanceof CalendarFetchError) throw error;
    if (signal.aborted) throw new CalendarFetchError(`the calendar address did not answer within ${(options.timeoutMs ?? FETCH_TIMEOUT_MS) / 1000} s`);
    throw new CalendarFetchError(`the calendar could not be fetched: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function checked(address: string, options: FetchOptions, signal: AbortSignal): Promise<string> {
  const verdict = calendarUrl(address, options.allowLoopback);
  if ('problem' in verdict) throw new CalendarFetchError(`the calendar address ${verdict.problem}`);
  const host = verdict.url.hostname;
  // IP literals were judged above, and localhost (allowed in local development only) needs no look-up.
  const named = !host.startsWith('[') && !/^[\d.]+$/.test(host) && host !== 'localhost' && !host.endsWith('.localhost');
  if (named) {
    for (const resolved of (await resolvedAddresses(host, signal)) ?? []) {
      const blocked = blockedHost(resolved.includes(':') ? `[${resolved}]` : resolved, options.allowLoopback);
      if (blocked) throw new CalendarFetchError(`the calendar address ${host} resolves to an address that is not fetched: ${blocked.replace(/^points at /, '')}`);
    }
  }
  return verdict.url.toString();
}

/**
 * The IPv4 and IPv6 addresses a name resolves to, or null when that cannot
 * be told (no answer in time, e.g. a machine offline): then the fetch goes
 * ahead, as the runtime resolves the name itself.
 */
async function resolvedAddresses(host: string, signal: AbortSignal): Promise<string[] | null> {
  const lookup = async (type: 'A' | 'AAAA') => {
    const response = await fetch(`${DNS_OVER_HTTPS}?name=${encodeURIComponent(host)}&type=${type}`, {
      headers: { Accept: 'application/dns-json' },
      signal: AbortSignal.any([signal, AbortSignal.timeout(DNS_TIMEOUT_MS)]),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return null;
    }
    const answer = (await response.json()) as { Answer?: { type: number; data: string }[] };
    return (answer.Answer ?? []).filter((record) => record.type === 1 || record.type === 28).map((record) => record.data);
  };
  try {
    const [v4, v6] = await Promise.all([lookup('A'), lookup('AAAA')]);
    return v4 === null && v6 === null ? null : [...(v4 ?? []), ...(v6 ?? [])];
  } catch {
    if (signal.aborted) throw new CalendarFetchError('the calendar address did not answer in time');
    return null;
  }
}

/** The body as UTF-8 text, read chunk by chunk and abandoned once it passes `maxBytes`. */
async function readLimited(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('Content-Length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new CalendarFetchError(`the calendar is larger than ${maxBytes / 1024 / 1024} MB`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new CalendarFetchError(`the calendar is larger than ${maxBytes / 1024 / 1024} MB`);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
