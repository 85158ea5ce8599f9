/**
 * Where a request comes from, as far as the worker can know it: the
 * address that sign-in limits count by, and whether the request was made
 * on this machine (local development).
 */
import type { Context } from 'hono';
import { isLoopbackAddress } from '../domain/url-guard';
import type { AppEnv } from '../env';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An address as proxies write it: without brackets, quotes or port. */
function bareAddress(text: string): string {
  const value = text.trim().replace(/^"(.*)"$/, '$1');
  const bracketed = /^\[([^\]]*)\](?::\d+)?$/.exec(value);
  if (bracketed) return bracketed[1]!;
  return /^[\d.]+:\d+$/.test(value) ? value.replace(/:\d+$/, '') : value;
}

/** Every address that a proxy on the way says the request was made for (X-Forwarded-For, Forwarded, X-Real-IP, CF-Connecting-IP). */
function forwardedFor(c: Context<AppEnv>): string[] {
  const list = (name: string) => (c.req.header(name) ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  const forwarded = list('Forwarded').flatMap((element) =>
    element.split(';').flatMap((pair) => {
      const [name, value] = pair.split('=');
      return name?.trim().toLowerCase() === 'for' && value !== undefined ? [value] : [];
    }),
  );
  return [...list('X-Forwarded-For'), ...forwarded, ...list('X-Real-IP'), ...list('CF-Connecting-IP')].map(bareAddress);
}

/**
 * Whether the request was made on this machine: it was sent to a loopback
 * host, and every address that a proxy on the way names is loopback too.
 * The host alone is not enough: a development proxy that listens on the
 * network (`vite --host`) forwards a remote client's request to loopback,
 * and the client chooses the Host header. The proxy (web/vite.config.ts)
 * says whom it forwards for, which the client cannot choose; Cloudflare
 * sets CF-Connecting-IP itself. `wrangler dev` listens on localhost only.
 */
export function fromThisMachine(c: Context<AppEnv>): boolean {
  return LOOPBACK_HOSTS.has(new URL(c.req.url).hostname) && forwardedFor(c).every(isLoopbackAddress);
}

/**
 * The address that sign-in attempts are counted by. CF-Connecting-IP is
 * believed only when the request came through Cloudflare (`request.cf` is
 * present), which sets the header itself; without it anybody could name
 * any address, and such requests share one count. Cloudflare never sends
 * a request for a loopback host, so those are local development, where
 * miniflare gives `request.cf` to every request and passes a client's own
 * CF-Connecting-IP on: they all count as one address too.
 */
export function clientAddress(c: Context<AppEnv>): string {
  if (LOOPBACK_HOSTS.has(new URL(c.req.url).hostname)) return 'this-machine';
  const header = c.req.header('CF-Connecting-IP');
  return c.req.raw.cf !== undefined && header ? header : 'unknown';
}
