/**
 * Fetches an organisation's iCalendar feed for import: only public http(s)
 * addresses, redirects followed by hand with each hop checked again, a
 * time limit for the whole fetch and a size limit on the body.
 */
import { calendarUrl } from './domain/url-guard';

export const FETCH_TIMEOUT_MS = 10_000;
export const MAX_CALENDAR_BYTES = 2 * 1024 * 1024;
export const MAX_REDIRECTS = 3;

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
  let current = checked(address, options);
  try {
    for (let hop = 0; ; hop++) {
      const response = await fetch(current, { redirect: 'manual', signal, headers: { Accept: 'text/calendar, */*;q=0.5', 'User-Agent': 'Hytekello calendar import' } });
      if (response.status >= 300 && response.status < 400) {
        const location = response.headers.get('Location');
        await response.body?.cancel();
        if (!location) throw new CalendarFetchError(`the calendar address answered ${response.status} without a Location`);
        if (hop >= MAX_REDIRECTS) throw new CalendarFetchError(`the calendar address redirects more than ${MAX_REDIRECTS} times`);
        current = checked(new URL(location, current).toString(), options);
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

function checked(address: string, options: FetchOptions): string {
  const verdict = calendarUrl(address, options.allowLoopback);
  if ('problem' in verdict) throw new CalendarFetchError(`the calendar address ${verdict.problem}`);
  return verdict.url.toString();
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
