/**
 * D1 read replication through the Sessions API: every request works in
 * one D1 session, so its reads are consistent with each other, and a
 * client that just wrote reads its own write.
 *
 * - Reads (GET, HEAD) start `first-unconstrained`: the nearest replica
 *   answers, which is what public pages and polling calendars need.
 * - Writes start `first-primary`: their checks (revision, rights) read the
 *   primary, the same database the write goes to.
 * - A request that carries a bookmark (the `D1-Bookmark` header, or the
 *   cookie of that name that a browser got with its last write) starts
 *   from it: the replica that answers has at least everything up to it.
 * - Every answer carries the session's newest bookmark in `D1-Bookmark`;
 *   a write also sets it as a short-lived cookie, so the organiser's next
 *   page shows the change even when it is read from a replica.
 *
 * Without replication enabled (and in local development) every session
 * goes to the one database and bookmarks still flow; nothing else changes.
 */
import { getCookie, setCookie } from 'hono/cookie';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

export const BOOKMARK_HEADER = 'D1-Bookmark';
const BOOKMARK_COOKIE = 'd1-bookmark';
// Replicas catch up within seconds; after this the cookie is not needed.
const BOOKMARK_COOKIE_SECONDS = 60;
// D1 bookmarks are hexadecimal groups joined by '-'; anything else is ignored, not an error.
const BOOKMARK = /^[0-9a-f]{1,64}(-[0-9a-f]{1,64}){1,7}$/i;

/** The session constraint of a request: its bookmark, or where a session without one starts. */
export function sessionStart(method: string, bookmark: string | undefined): D1SessionBookmark | D1SessionConstraint {
  if (bookmark && BOOKMARK.test(bookmark)) return bookmark;
  return method === 'GET' || method === 'HEAD' ? 'first-unconstrained' : 'first-primary';
}

/** Runs the request with `DB` as a D1 session (see above) and answers with its bookmark. */
export function d1Session(): MiddlewareHandler<AppEnv> {
  return async function withD1Session(c, next) {
    const method = c.req.method;
    const session = c.env.DB.withSession(sessionStart(method, c.req.header(BOOKMARK_HEADER) ?? getCookie(c, BOOKMARK_COOKIE)));
    // The db layer needs prepare() and batch() only, which a session has; the
    // request's own copy of the bindings keeps other requests unaffected.
    c.env = { ...c.env, DB: session as unknown as D1Database };
    await next();
    const bookmark = session.getBookmark();
    if (!bookmark) return;
    c.header(BOOKMARK_HEADER, bookmark);
    if (method !== 'GET' && method !== 'HEAD' && c.res.status < 400) {
      setCookie(c, BOOKMARK_COOKIE, bookmark, { path: '/', httpOnly: true, secure: true, sameSite: 'Lax', maxAge: BOOKMARK_COOKIE_SECONDS });
    }
  };
}
