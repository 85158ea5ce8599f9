import type { TokenOwner } from './db/tokens';

export interface Bindings {
  DB: D1Database;
  ASSETS: Fetcher;
  /** Public origin for links in feeds and documents; empty means the request's origin. */
  PUBLIC_ORIGIN?: string;
  /** Right-hand side of iCalendar UIDs; never change it once calendars subscribe. */
  UID_DOMAIN?: string;
}

export interface Variables {
  /** The organisation writing through an API token, when the request has one. */
  writer?: TokenOwner;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
