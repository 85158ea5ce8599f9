/**
 * Who is asking: an API token (Authorization: Bearer), Cloudflare Access
 * (Cf-Access-Jwt-Assertion), or a session cookie — in that order. And the
 * guard that keeps other sites from writing with a signed-in browser.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { verifyAccessJwt } from './access-jwt';
import { findPersonActor, findSessionActor } from '../db/accounts';
import { findActiveToken } from '../db/tokens';
import { type Actor, requireActor, tokenActor } from '../domain/access';
import { ForbiddenError, UnauthorizedError } from '../domain/errors';
import { bearerToken, hashToken } from '../domain/tokens';
import type { AppEnv } from '../env';
import { SESSION_DAYS } from '../services/sign-in';

export const SESSION_COOKIE = 'hyk_session';

async function actorOf(c: Context<AppEnv>): Promise<Actor | undefined> {
  const authorization = c.req.header('Authorization');
  if (authorization !== undefined) {
    const token = bearerToken(authorization);
    if (!token) throw new UnauthorizedError('the Authorization header must be "Bearer <token>"');
    const owner = await findActiveToken(c.env.DB, await hashToken(token), new Date());
    if (!owner) throw new UnauthorizedError('the token is unknown or revoked');
    return tokenActor(owner.tokenId, owner.organisation, owner.kind);
  }
  const assertion = c.req.header('Cf-Access-Jwt-Assertion');
  if (assertion && c.env.ACCESS_TEAM_DOMAIN && c.env.ACCESS_AUD) {
    const email = await verifyAccessJwt(assertion, { teamDomain: c.env.ACCESS_TEAM_DOMAIN, audience: c.env.ACCESS_AUD });
    if (!email) throw new UnauthorizedError('the Cloudflare Access token is not valid for this application');
    const actor = await findPersonActor(c.env.DB, email, 'access');
    if (!actor) throw new ForbiddenError(`${email} is not known to Hytekello; ask an administrator to add you`);
    return actor;
  }
  const session = getCookie(c, SESSION_COOKIE);
  if (session) return (await findSessionActor(c.env.DB, await hashToken(session), new Date().toISOString())) ?? undefined;
  return undefined;
}

/** Sets `c.var.actor` when the request is signed in; a bad credential is a 401, none is anonymous. */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticateRequest(c, next) {
    const actor = await actorOf(c);
    if (actor) c.set('actor', actor);
    await next();
  };
}

/**
 * Route middleware that runs before the route's validators (zod-openapi
 * puts a route's `middleware` first), so that whoever may not do a thing
 * gets 401, 403, or 404 for what they may not see, whatever they sent:
 * nobody learns the rules of a write they may not make. `check` reads
 * the raw path and query; what it returns (the event to edit, say) is
 * kept for the handler, which reads it with `authorised(c)`.
 */
export function authorise<T>(check: (actor: Actor, c: Context<AppEnv>) => T | Promise<T>): MiddlewareHandler<AppEnv> {
  return async function authoriseFirst(c, next) {
    c.set('authorised', await check(requireActor(c.get('actor')), c));
    await next();
  };
}

/**
 * `authorise` for a read that shows more to some who ask (a clock's drafts):
 * the check runs, before the validators, only when `wanted` says more is asked.
 */
export function authoriseWhen<T>(wanted: (c: Context<AppEnv>) => boolean, check: (actor: Actor, c: Context<AppEnv>) => T | Promise<T>): MiddlewareHandler<AppEnv> {
  return async function authoriseWhenAsked(c, next) {
    if (wanted(c)) c.set('authorised', await check(requireActor(c.get('actor')), c));
    await next();
  };
}

/** What the route's `authorise` check found. */
export const authorised = <T>(c: Context<AppEnv>): T => c.get('authorised') as T;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A browser sends cookies (and Access its header) with requests that other
 * sites start, so a write that does not come with a bearer token must come
 * from this site: Origin, when present, is ours, and Fetch Metadata does not
 * say cross-site. JSON-only bodies already stop plain HTML forms; this also
 * stops scripts elsewhere.
 */
export function sameOriginWrites(): MiddlewareHandler<AppEnv> {
  return async function refuseCrossSiteWrites(c, next) {
    if (SAFE_METHODS.has(c.req.method) || c.req.header('Authorization') !== undefined) return next();
    const origin = c.req.header('Origin');
    const ours = new Set([new URL(c.req.url).origin, c.env.PUBLIC_ORIGIN].filter(Boolean));
    const site = c.req.header('Sec-Fetch-Site');
    if ((origin !== undefined && !ours.has(origin)) || site === 'cross-site' || site === 'same-site') {
      throw new ForbiddenError('a write from another site is refused; sign in on this site or use an API token');
    }
    return next();
  };
}

/** Hands the browser its session cookie: HttpOnly, Secure, SameSite=Lax. */
export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/', maxAge: SESSION_DAYS * 24 * 60 * 60 });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
}

export const sessionCookieOf = (c: Context<AppEnv>): string | undefined => getCookie(c, SESSION_COOKIE);
