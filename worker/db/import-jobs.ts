/** SQL for import jobs: the calendar cut into event groups, steps that hold a lease, and what was done to each event. */
import type { AuditActor } from '../domain/access';
import type { EventGroup } from '../domain/ics-import';
import type { ImportMapping, PlanStatus } from '../domain/import-plan';
import { type Entry, numberedColumns } from './columns';
import type { ImportedEvent } from './imports';

export type JobKind = 'preview' | 'import' | 'sync';
export type JobState = 'running' | 'done' | 'failed';
export type Outcome = 'created' | 'updated' | 'cancelled' | 'none' | 'failed';

export interface ImportJob {
  id: number;
  kind: JobKind;
  organisation: string;
  sourceId: number | null;
  url: string;
  mapping: ImportMapping;
  actor: AuditActor;
  calendarZone: string;
  zones: Record<string, string>;
  state: JobState;
  total: number;
  position: number;
  error: string | null;
  createdAt: string;
  steppedAt: string;
  finishedAt: string | null;
}

interface JobRow {
  id: number;
  kind: JobKind;
  organisation: string;
  source_id: number | null;
  url: string;
  mapping_json: string;
  actor_json: string;
  calendar_zone: string;
  zones_json: string;
  state: JobState;
  total: number;
  position: number;
  error: string | null;
  created_at: string;
  stepped_at: string;
  finished_at: string | null;
}

const SELECT_JOB = `SELECT j.id, j.kind, o.slug AS organisation, j.source_id, j.url, j.mapping_json, j.actor_json, j.calendar_zone, j.zones_json,
  j.state, j.total, j.position, j.error, j.created_at, j.stepped_at, j.finished_at
FROM import_jobs j JOIN organisations o ON o.id = j.organisation_id`;

function rowToJob(row: JobRow): ImportJob {
  return {
    id: row.id,
    kind: row.kind,
    organisation: row.organisation,
    sourceId: row.source_id,
    url: row.url,
    mapping: JSON.parse(row.mapping_json),
    actor: JSON.parse(row.actor_json),
    calendarZone: row.calendar_zone,
    zones: JSON.parse(row.zones_json),
    state: row.state,
    total: row.total,
    position: row.position,
    error: row.error,
    createdAt: row.created_at,
    steppedAt: row.stepped_at,
    finishedAt: row.finished_at,
  };
}

export interface NewJob {
  kind: JobKind;
  organisation: string;
  sourceId: number | null;
  url: string;
  mapping: ImportMapping;
  actor: AuditActor;
  calendarZone: string;
  zones: Record<string, string>;
  groups: EventGroup[];
}

/** The running import or sync of a source, if any. */
export async function runningJobOf(db: D1Database, sourceId: number): Promise<ImportJob | null> {
  const row = await db.prepare(`${SELECT_JOB} WHERE j.source_id = ?1 AND j.state = 'running' AND j.kind <> 'preview'`).bind(sourceId).first<JobRow>();
  return row ? rowToJob(row) : null;
}

/**
 * Stores a job with its event groups, in one batch (the groups go in as one
 * JSON value, so the worker builds no statement per event). Returns null
 * when the source already has an import or sync running.
 */
export async function createJob(db: D1Database, job: NewJob, now: string): Promise<ImportJob | null> {
  const items = JSON.stringify(job.groups.map((group) => [group.uid, group.title, group.text]));
  try {
    const [inserted] = await db.batch([
      db
        .prepare(
          `INSERT INTO import_jobs (kind, organisation_id, source_id, url, mapping_json, actor_json, calendar_zone, zones_json, state, total, created_at, stepped_at)
           SELECT ?1, id, ?3, ?4, ?5, ?6, ?7, ?8, 'running', ?9, ?10, ?10 FROM organisations WHERE slug = ?2`,
        )
        .bind(job.kind, job.organisation, job.sourceId, job.url, JSON.stringify(job.mapping), JSON.stringify(job.actor), job.calendarZone, JSON.stringify(job.zones), job.groups.length, now),
      db
        .prepare(
          `INSERT INTO import_job_items (job_id, position, uid, title, text)
           SELECT last_insert_rowid(), CAST(key AS INTEGER), value ->> 0, value ->> 1, value ->> 2 FROM json_each(?1)`,
        )
        .bind(items),
    ]);
    return findJob(db, Number(inserted!.meta.last_row_id));
  } catch (error) {
    if (error instanceof Error && /UNIQUE constraint failed: import_jobs\.source_id/.test(error.message)) return null;
    throw error;
  }
}

export async function findJob(db: D1Database, id: number): Promise<ImportJob | null> {
  const row = await db.prepare(`${SELECT_JOB} WHERE j.id = ?1`).bind(id).first<JobRow>();
  return row ? rowToJob(row) : null;
}

/** Recent jobs of these organisations (every one when null), newest first. */
export async function listJobs(db: D1Database, organisations: string[] | null, limit: number): Promise<ImportJob[]> {
  const { results } = await db
    .prepare(`${SELECT_JOB} WHERE ?1 IS NULL OR o.slug IN (SELECT value FROM json_each(?1)) ORDER BY j.id DESC LIMIT ?2`)
    .bind(organisations === null ? null : JSON.stringify(organisations), limit)
    .all<JobRow>();
  return results.map(rowToJob);
}

/**
 * Takes the job for one step until `until`; false when it is not running
 * or another step holds it. Being stepped moves a job to the back of the
 * Cron Trigger's queue.
 */
export async function claimJob(db: D1Database, id: number, now: string, until: string): Promise<boolean> {
  const result = await db
    .prepare("UPDATE import_jobs SET lease_until = ?3, stepped_at = ?2 WHERE id = ?1 AND state = 'running' AND (lease_until IS NULL OR lease_until < ?2)")
    .bind(id, now, until)
    .run();
  return result.meta.changes > 0;
}

/** Lets go of a job after a step, with how far it got (never backwards). */
export async function releaseJob(db: D1Database, id: number, position: number, now: string): Promise<void> {
  await db.prepare('UPDATE import_jobs SET position = max(position, ?2), lease_until = NULL, stepped_at = ?3 WHERE id = ?1').bind(id, position, now).run();
}

/** Ends a job; its calendar text is no longer needed. */
export async function finishJob(db: D1Database, id: number, state: 'done' | 'failed', error: string | null, now: string): Promise<void> {
  await db.batch([
    db.prepare("UPDATE import_jobs SET state = ?2, error = ?3, finished_at = ?4, lease_until = NULL, stepped_at = ?4 WHERE id = ?1 AND state = 'running'").bind(id, state, error, now),
    db.prepare('DELETE FROM import_job_items WHERE job_id = ?1').bind(id),
  ]);
}

export interface JobItem {
  position: number;
  group: EventGroup;
}

/** The next event groups of a job from `position` on. */
export async function jobItems(db: D1Database, id: number, position: number, limit: number): Promise<JobItem[]> {
  const { results } = await db
    .prepare('SELECT position, uid, title, text FROM import_job_items WHERE job_id = ?1 AND position >= ?2 ORDER BY position LIMIT ?3')
    .bind(id, position, limit)
    .all<{ position: number; uid: string | null; title: string | null; text: string }>();
  return results.map((row) => ({ position: row.position, group: { uid: row.uid, title: row.title, text: row.text } }));
}

/** The results already written from `from` on ("position/seq"), so that a repeated step skips them. */
export async function writtenResults(db: D1Database, id: number, from: number): Promise<Set<string>> {
  const { results } = await db.prepare('SELECT position, seq FROM import_job_results WHERE job_id = ?1 AND position >= ?2').bind(id, from).all<{ position: number; seq: number }>();
  return new Set(results.map((row) => `${row.position}/${row.seq}`));
}

/** What a source's UIDs became, for these UIDs only. */
export async function linkedEvents(db: D1Database, sourceId: number | null, uids: string[]): Promise<Map<string, ImportedEvent>> {
  if (sourceId === null || uids.length === 0) return new Map();
  const { results } = await db
    .prepare('SELECT uid, event_id, fingerprint FROM imported_events WHERE source_id = ?1 AND uid IN (SELECT value FROM json_each(?2))')
    .bind(sourceId, JSON.stringify(uids))
    .all<{ uid: string; event_id: string; fingerprint: string }>();
  return new Map(results.map((row) => [row.uid, { eventId: row.event_id, fingerprint: row.fingerprint }]));
}

/** Events a source gave before that this job has not seen, so far not cancelled: gone from the source. */
export async function unseenLinkedEvents(db: D1Database, id: number, sourceId: number, gone: string, limit: number): Promise<{ uid: string; eventId: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT uid, event_id FROM imported_events
       WHERE source_id = ?2 AND fingerprint <> ?3 AND uid NOT IN (SELECT uid FROM import_job_results WHERE job_id = ?1 AND uid IS NOT NULL)
       ORDER BY uid LIMIT ?4`,
    )
    .bind(id, sourceId, gone, limit)
    .all<{ uid: string; event_id: string }>();
  return results.map((row) => ({ uid: row.uid, eventId: row.event_id }));
}

/** How many results the gone phase has written, for the next one's seq. */
export async function goneCount(db: D1Database, id: number, position: number): Promise<number> {
  return (await db.prepare('SELECT count(*) AS n FROM import_job_results WHERE job_id = ?1 AND position = ?2').bind(id, position).first<{ n: number }>())!.n;
}

export interface JobResult {
  position: number;
  seq: number;
  uid: string | null;
  status: PlanStatus;
  title: string | null;
  reason: string | null;
  eventId: string | null;
  cancelled: boolean;
  outcome: Outcome | null;
  /** A preview's event as it would be written. */
  event: unknown;
}

const RESULT_COLUMNS: Entry<{ id: number; result: JobResult }>[] = [
  { column: 'job_id', value: ({ id }) => id },
  { column: 'position', value: ({ result }) => result.position },
  { column: 'seq', value: ({ result }) => result.seq },
  { column: 'uid', value: ({ result }) => result.uid },
  { column: 'status', value: ({ result }) => result.status },
  { column: 'title', value: ({ result }) => result.title },
  { column: 'reason', value: ({ result }) => result.reason },
  { column: 'event_id', value: ({ result }) => result.eventId },
  { column: 'cancelled', value: ({ result }) => (result.cancelled ? 1 : 0) },
  { column: 'outcome', value: ({ result }) => result.outcome },
  { column: 'event_json', value: ({ result }) => (result.event === null ? null : JSON.stringify(result.event)) },
];
const RESULT = numberedColumns(RESULT_COLUMNS);
const INSERT_RESULT = `INSERT INTO import_job_results (${RESULT.names}) VALUES (${RESULT.values})`;
const GUARDED_RESULT = numberedColumns<{ id: number; result: JobResult; onlyIf: { eventId: string; revision: string } }>([
  ...RESULT_COLUMNS,
  { parameter: 'event', value: ({ onlyIf }) => onlyIf.eventId },
  { parameter: 'revision', value: ({ onlyIf }) => onlyIf.revision },
]);
const INSERT_RESULT_IF_WRITTEN = `INSERT INTO import_job_results (${GUARDED_RESULT.names}) SELECT ${GUARDED_RESULT.values}
  WHERE EXISTS (SELECT 1 FROM events WHERE id = ${GUARDED_RESULT.at('event')} AND revision = ${GUARDED_RESULT.at('revision')})`;

/**
 * The row of a result. `onlyIf` is a guard of the same batch (an update
 * happened: the event has the write's revision); a plain insert otherwise,
 * which fails the whole batch when a step wrote the result already.
 */
export function resultStatement(db: D1Database, id: number, result: JobResult, onlyIf?: { eventId: string; revision: string }): D1PreparedStatement {
  if (!onlyIf) return db.prepare(INSERT_RESULT).bind(...RESULT.bind({ id, result }));
  return db.prepare(INSERT_RESULT_IF_WRITTEN).bind(...GUARDED_RESULT.bind({ id, result, onlyIf }));
}

/** A result written on its own (nothing else changes with it); none when a step wrote it already. */
export async function recordResult(db: D1Database, id: number, result: JobResult): Promise<void> {
  await db.batch([resultStatement(db, id, result)]).catch((error: unknown) => {
    if (!isDuplicateResult(error)) throw error;
  });
}

/** Whether a batch failed because its result row was written already (by a repeated or concurrent step). */
export const isDuplicateResult = (error: unknown): boolean => error instanceof Error && /UNIQUE constraint failed: import_job_results\./.test(error.message);

interface ResultRow {
  position: number;
  seq: number;
  uid: string | null;
  status: PlanStatus;
  title: string | null;
  reason: string | null;
  event_id: string | null;
  cancelled: number;
  outcome: Outcome | null;
  event_json: string | null;
}

/** Every result of a job, in the order of the file, the gone ones last. */
export async function jobResults(db: D1Database, id: number): Promise<JobResult[]> {
  const { results } = await db
    .prepare('SELECT position, seq, uid, status, title, reason, event_id, cancelled, outcome, event_json FROM import_job_results WHERE job_id = ?1 ORDER BY position, seq')
    .bind(id)
    .all<ResultRow>();
  return results.map((row) => ({
    position: row.position,
    seq: row.seq,
    uid: row.uid,
    status: row.status,
    title: row.title,
    reason: row.reason,
    eventId: row.event_id,
    cancelled: row.cancelled === 1,
    outcome: row.outcome,
    event: row.event_json === null ? null : JSON.parse(row.event_json),
  }));
}

/** How many results of each status and outcome so far. */
export async function resultCounts(db: D1Database, id: number): Promise<{ status: PlanStatus; outcome: Outcome | null; n: number }[]> {
  const { results } = await db.prepare('SELECT status, outcome, count(*) AS n FROM import_job_results WHERE job_id = ?1 GROUP BY status, outcome').bind(id).all<{ status: PlanStatus; outcome: Outcome | null; n: number }>();
  return results;
}

/** Running jobs, least recently stepped first, not held by a step: the Cron Trigger's queue. */
export async function jobsToContinue(db: D1Database, now: string, limit: number): Promise<ImportJob[]> {
  const { results } = await db
    .prepare(`${SELECT_JOB} WHERE j.state = 'running' AND (j.lease_until IS NULL OR j.lease_until < ?1) ORDER BY j.stepped_at, j.id LIMIT ?2`)
    .bind(now, limit)
    .all<JobRow>();
  return results.map(rowToJob);
}

/** Running jobs started before `before`: they ran too long. */
export async function staleJobs(db: D1Database, before: string): Promise<ImportJob[]> {
  const { results } = await db.prepare(`${SELECT_JOB} WHERE j.state = 'running' AND j.created_at < ?1`).bind(before).all<JobRow>();
  return results.map(rowToJob);
}

/** Forgets jobs that ended before `before`, with their results. */
export async function removeFinishedJobs(db: D1Database, before: string): Promise<void> {
  await db.prepare("DELETE FROM import_jobs WHERE state <> 'running' AND finished_at < ?1").bind(before).run();
}
