import type { Actor } from './domain/access';

export interface Bindings {
  DB: D1Database;
  ASSETS: Fetcher;
  /** Public origin for links in feeds and documents; empty means the request's origin. */
  PUBLIC_ORIGIN?: string;
  /** Right-hand side of iCalendar UIDs; never change it once calendars subscribe. */
  UID_DOMAIN?: string;
  /** Cloudflare Access team domain, e.g. 'https://pohde.cloudflareaccess.com'; empty when Access is not in front. */
  ACCESS_TEAM_DOMAIN?: string;
  /** The Access application's AUD tag. */
  ACCESS_AUD?: string;
  /**
   * 'enabled' turns on the development sign-in (any known person, no
   * password). Only `npm start` passes it, and it works only on loopback.
   */
  DEV_SIGN_IN?: string;
}

export interface Variables {
  /** Who is asking, when the request carries a session, an Access token or an API token. */
  actor?: Actor;
  /** What a route's `authorise` check found for its handler (see auth.ts). */
  authorised?: unknown;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
