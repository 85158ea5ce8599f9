/**
 * HTTP mapping shared by every route: problem+json answers (RFC 9457),
 * ETag headers, If-Match checks.
 */
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { DomainError, type ErrorKind, type FieldIssue, PreconditionFailedError, PreconditionRequiredError, TooManyRequestsError, ValidationError } from '../domain/errors';
import type { Precondition } from '../domain/patch';
import { zodIssues } from '../domain/validation';
import type { AppEnv } from '../env';
import { Problem as ProblemSchema, type Problem } from '../shared/problems';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition failed',
  413: 'Content too large',
  415: 'Unsupported media type',
  422: 'Invalid input',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

export function problemResponse(status: number, detail: string, code: string, errors?: FieldIssue[], headers: Record<string, string> = {}, extensions: Partial<Problem> = {}): Response {
  const body: Problem = { type: `https://hytekello.fi/problems/${code}`, title: TITLES[status] ?? 'Error', status, detail, ...(errors ? { errors } : {}), ...extensions };
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json; charset=utf-8', ...headers } });
}

/** The zod-openapi hook: a failed request validation becomes a problem naming every field. */
export function validationHook(result: { success: boolean; error?: ZodError; target?: string }, _c: Context): Response | undefined {
  if (result.success || !result.error) return undefined;
  throw new ValidationError(zodIssues(result.error), result.target === 'json' ? 'body' : 'request');
}

/**
 * Whether an error says that D1 could not answer right now (overloaded,
 * network, timeout, reset), as opposed to a fault in a query.
 */
export function databaseUnavailable(error: unknown): boolean {
  const message = error instanceof Error ? `${error.message} ${error.cause instanceof Error ? error.cause.message : ''}` : String(error);
  return /overloaded|network connection lost|timed? ?out|timeout|reset because|temporarily unavailable|storage operation exceeded/i.test(message);
}

/**
 * Whether a write failed because a row it refers to was deleted after the
 * request's checks read it: a person erased, a session or token revoked,
 * while their request was under way. D1 rolls the batch back.
 */
export function referenceGone(error: unknown): boolean {
  const message = error instanceof Error ? `${error.message} ${error.cause instanceof Error ? error.cause.message : ''}` : String(error);
  return /FOREIGN KEY constraint failed/i.test(message);
}

/** The one place where a domain error becomes an HTTP status. */
const STATUS_OF_KIND: Record<ErrorKind, 400 | 401 | 403 | 404 | 409 | 412 | 415 | 422 | 428 | 429> = {
  'bad-request': 400,
  invalid: 422,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  stale: 412,
  'if-match-required': 428,
  'unsupported-media-type': 415,
  'too-many-requests': 429,
};

const statusOf = (error: DomainError) => STATUS_OF_KIND[error.kind];

export const onError: ErrorHandler<AppEnv> = (error) => {
  if (error instanceof ValidationError) return problemResponse(statusOf(error), error.message, error.code, error.issues);
  if (databaseUnavailable(error)) {
    return problemResponse(503, 'the database did not answer; nothing was changed, try again in a moment', 'unavailable', undefined, { 'Retry-After': '5' });
  }
  if (referenceGone(error)) {
    return problemResponse(409, 'something this write refers to (a person, a token, an organisation) was removed while it was under way; nothing was changed', 'reference-gone');
  }
  if (error instanceof DomainError) {
    const headers: Record<string, string> = error.kind === 'unauthorized' ? { 'WWW-Authenticate': 'Bearer realm="hytekello"' } : {};
    if (error instanceof TooManyRequestsError) headers['Retry-After'] = String(error.retryAfter);
    const extensions = error instanceof PreconditionFailedError && error.lastChange ? { lastChange: error.lastChange } : {};
    return problemResponse(statusOf(error), error.message, error.code, undefined, headers, extensions);
  }
  if (error instanceof HTTPException) {
    const detail = error.status === 400 && /json/i.test(error.message) ? 'the body is not valid JSON' : error.message || (TITLES[error.status] ?? 'error');
    if (error.status === 415) return problemResponse(415, 'send the body as application/json', 'unsupported-media-type');
    return problemResponse(error.status, detail, error.status === 413 ? 'too-large' : 'bad-request');
  }
  console.error(error);
  return problemResponse(500, 'something went wrong on our side; nothing was changed', 'internal');
};

/** Who may call a write, for route descriptions: an API token, or a signed-in browser. */
export const writeSecurity: Record<string, string[]>[] = [{ bearerAuth: [] }, { sessionCookie: [] }];

/** An OpenAPI response of problem+json, for route descriptions. */
export const problemSpec = (description: string) => ({ content: { 'application/problem+json': { schema: ProblemSchema } }, description });

/** The error responses of an edit guarded by If-Match, for route descriptions. */
export function editProblemSpecs(entity: string, forbidden: string) {
  return {
    401: problemSpec('Not signed in, or no valid token'),
    403: problemSpec(forbidden),
    404: problemSpec(`No such ${entity}`),
    412: problemSpec(`The ${entity} was changed meanwhile`),
    422: problemSpec('The edit breaks a rule; nothing was written'),
    428: problemSpec('If-Match is missing'),
  };
}

export const quoteEtag = (revision: string) => `"${revision}"`;


/** The origin of links in feeds and pages: PUBLIC_ORIGIN, or the request's. */
export function publicOrigin(c: Context<AppEnv>): string {
  return c.env.PUBLIC_ORIGIN || new URL(c.req.url).origin;
}

/** The right-hand side of iCalendar UIDs. */
export function uidDomain(c: Context<AppEnv>): string {
  return c.env.UID_DOMAIN || 'hytekello';
}

/** The If-Match of an edit: 428 when it is missing, 412 when it does not name the stored revision. */
export function assertIfMatch(header: string | undefined, revision: string, entity: string, id: string): void {
  if (!header) throw new PreconditionRequiredError();
  if (!etagMatches(header, revision)) throw new PreconditionFailedError(entity, id);
}

/** What an If-Match header says of the stored revision, for a service to judge. */
export function preconditionOf(header: string | undefined, revision: string): Precondition {
  if (!header) return 'missing';
  return etagMatches(header, revision) ? 'current' : 'stale';
}

/** Whether an If-Match / If-None-Match header names this revision ('*' names any). */
export function etagMatches(header: string | undefined, revision: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const value = tag.trim().replace(/^W\//, '');
    return value === '*' || value === quoteEtag(revision);
  });
}
