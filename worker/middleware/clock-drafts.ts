/**
 * Reading a clock with its drafts (`drafts=include`): only the clock's
 * editors may, judged before the query is validated, so that whoever may
 * not gets 401/403 first. Shared by the annual and the council-term clock.
 */
import type { Context } from 'hono';
import type { DraftView } from '../domain/clock';
import type { AppEnv } from '../env';
import { draftsAllowed } from '../services/clock';
import { authoriseWhen } from './auth';
import { problemSpec } from './http';

export const withClockDrafts = authoriseWhen(
  (c) => c.req.query('drafts') !== undefined,
  (actor, c) => draftsAllowed(c.env.DB, actor, c.req.query('clock')),
);

/** What the request may see: drafts only when `withClockDrafts` allowed them. */
export const draftsOf = (c: Context<AppEnv>): DraftView => (c.get('authorised') === 'with-drafts' ? 'with-drafts' : 'public');

/**
 * Asked again on every use, so that an organiser who has just saved an item
 * sees it at once; an answer with drafts is for the one who asked.
 */
export const clockCacheControl = (drafts: DraftView): string => (drafts === 'public' ? 'public, no-cache' : 'private, no-store');

/** The error answers of a clock read that may include drafts, for route descriptions. */
export const clockReadProblems = {
  400: problemSpec('A parameter is invalid'),
  401: problemSpec('drafts=include without signing in'),
  403: problemSpec('drafts=include by someone who may not edit this clock'),
  404: problemSpec('No such clock'),
};
