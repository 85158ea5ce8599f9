/**
 * Import and sync of calendars, as jobs of bounded steps. Starting one
 * cuts the calendar into event groups (string work only) and stores them;
 * each step reads a few groups, plans them against what the source gave
 * before, and writes each event the way a hand-made one is written
 * (prepareEvent, insertEvent, updateEvent): one batch per event with its
 * audit row, its import record and its job result, so that no event is
 * ever half written and a step run twice writes nothing twice. A step
 * stops when its work units (domain/import-plan.ts itemCost) reach the
 * budget; the client's next request or the Cron Trigger continues.
 */
import { findEvent, insertEvent, updateEvent, withoutRevision } from '../db/events';
import {
  type ImportJob,
  type JobKind,
  type JobResult,
  type Outcome,
  claimJob,
  createJob,
  finishJob,
  findJob,
  goneCount,
  isDuplicateResult,
  jobItems,
  jobResults,
  jobsToContinue,
  linkedEvents,
  recordResult,
  releaseJob,
  removeFinishedJobs,
  resultCounts,
  resultStatement,
  runningJobOf,
  staleJobs,
  unseenLinkedEvents,
  writtenResults,
} from '../db/import-jobs';
import { type ImportSource, findSource, fingerprintStatement, linkStatement, listSyncedSources, markSyncStarted, recordSync } from '../db/imports';
import { type AuditActor, SYSTEM_ACTOR } from '../domain/access';
import { ValidationError } from '../domain/errors';
import { type EventDraft, eventToInput, nextSequence, prepareEvent } from '../domain/events';
import { type CalendarParts, isUnreadableCalendar, parseGroup, splitCalendar } from '../domain/ics-import';
import { CANCELLED_IN_SOURCE, GONE, GONE_FROM_SOURCE, type ImportMapping, type PlanItem, STEP_BUDGET, itemCost, planImport, planSummary } from '../domain/import-plan';
import { newEventId, newRevision } from '../domain/ids';
import { fetchCalendar } from '../platform/fetch-calendar';

/** A calendar text cut into its parts, or a 422 naming the field it came in. */
export function splitOrRefuse(text: string, field: 'ics' | 'url'): CalendarParts {
  try {
    return splitCalendar(text);
  } catch (error) {
    if (isUnreadableCalendar(error)) throw new ValidationError([{ field, rule: 'icalendar', message: `\`${field}\`: ${error.message}` }]);
    throw error;
  }
}

const messageOf = (error: unknown) => (error instanceof ValidationError ? error.issues.map((i) => i.message).join('; ') : error instanceof Error ? error.message : String(error));

/** How long a step holds its job: a step killed half-way lets another continue after this. */
const LEASE_MS = 60_000;
/** Event groups read per step at most; the budget usually stops it first. */
const MAX_ITEMS_PER_STEP = 100;

export interface StartedJob {
  kind: JobKind;
  organisation: string;
  /** null: the preview of a first import, with no source yet. */
  source: ImportSource | null;
  mapping: ImportMapping;
  actor: AuditActor;
  parts: CalendarParts;
}

/**
 * Stores a job and runs its first step. Null when the source has an import
 * or sync running already (one at a time, or both would create its new events).
 */
export async function startJob(db: D1Database, start: StartedJob): Promise<ImportJob | null> {
  const now = new Date().toISOString();
  const job = await createJob(
    db,
    {
      kind: start.kind,
      organisation: start.organisation,
      sourceId: start.source?.id ?? null,
      url: start.source?.url ?? '',
      mapping: start.mapping,
      actor: start.actor,
      calendarZone: start.parts.calendarZone,
      zones: start.parts.zones,
      groups: start.parts.groups,
    },
    now,
  );
  if (!job) return null;
  // A sync moves its source to the back of the sync queue when it starts, whatever happens next.
  if (start.kind !== 'preview' && job.url) await markSyncStarted(db, job.sourceId!, now);
  await stepJob(db, job.id);
  return findJob(db, job.id);
}

/**
 * One step of a job, if no other step holds it: event groups from its
 * position until the budget is spent, then, when all are read, the events
 * gone from a URL source, then the end. Returns the job as it is now.
 */
export async function stepJob(db: D1Database, id: number, budget = STEP_BUDGET): Promise<ImportJob | null> {
  const nowMs = Date.now();
  if (!(await claimJob(db, id, new Date(nowMs).toISOString(), new Date(nowMs + LEASE_MS).toISOString()))) return findJob(db, id);
  const job = (await findJob(db, id))!;
  let position = job.position;
  try {
    let spent = 0;
    if (position < job.total) {
      const items = await jobItems(db, id, position, MAX_ITEMS_PER_STEP);
      const written = await writtenResults(db, id, position);
      for (const item of items) {
        if (spent >= budget) break;
        spent += await runItem(db, job, item.position, item.group, written);
        position = item.position + 1;
      }
    }
    if (position >= job.total && spent < budget) {
      const source = job.sourceId === null ? null : await findSource(db, job.sourceId);
      const cancelMissing = source !== null && source.url !== '';
      const remaining = cancelMissing ? await runGone(db, job, source, budget - spent) : 0;
      if (remaining === 0) await finish(db, job);
    }
  } catch (error) {
    // Not an event's fault (those are results): the database or a bug. Recorded; the job ends.
    await finishJob(db, id, 'failed', messageOf(error), new Date().toISOString());
    if (job.kind !== 'preview' && job.url && job.sourceId !== null) await recordSync(db, job.sourceId, job.createdAt, messageOf(error));
    return findJob(db, id);
  }
  await releaseJob(db, id, position, new Date().toISOString());
  return findJob(db, id);
}

/** Reads, plans and writes one event group; returns its work units. */
async function runItem(db: D1Database, job: ImportJob, position: number, group: { uid: string | null; title: string | null; text: string }, written: Set<string>): Promise<number> {
  const parsed = parseGroup(job, group);
  const keys = [...parsed.events.map((event) => event.uid), ...parsed.unparseable.flatMap((problem) => (problem.uid ? [problem.uid] : []))];
  const linked = await linkedEvents(db, job.sourceId, keys);
  const plan = await planImport(parsed, job.mapping, linked, false);
  let cost = 0;
  for (const [seq, item] of plan.entries()) {
    cost += itemCost(item, job.kind !== 'preview');
    if (written.has(`${position}/${seq}`)) continue;
    await runPlanItem(db, job, position, seq, item);
  }
  return Math.max(cost, 1);
}

/**
 * The source knows its own organiser only: organisations that joined the
 * event in Hytekello (accepted co-organisers) stay when the source changes it.
 */
function keepCoOrganisers(draft: EventDraft, before: readonly string[]): EventDraft {
  return { ...draft, organisations: [...draft.organisations, ...before.filter((organisation) => !draft.organisations.includes(organisation))] };
}

/** Writes (or, in a preview, records) one planned event with its result. */
async function runPlanItem(db: D1Database, job: ImportJob, position: number, seq: number, item: PlanItem): Promise<void> {
  const base: JobResult = { position, seq, uid: item.uid, status: item.status, title: item.title, reason: item.reason, eventId: item.eventId, cancelled: item.cancelled, outcome: null, event: null };
  if (job.kind === 'preview') return recordResult(db, job.id, { ...base, event: item.input });
  const source = { id: job.sourceId!, organisation: job.organisation };
  try {
    const done = await applyItem(db, job, source, item, base);
    if (done) await recordResult(db, job.id, { ...base, ...done });
  } catch (error) {
    if (isDuplicateResult(error)) return; // an earlier or concurrent step wrote this event and its result
    await recordResult(db, job.id, { ...base, outcome: 'failed', reason: messageOf(error) });
  }
}

/**
 * Writes one planned event, its result row in the same batch; returns the
 * result to record apart when the batch had none (nothing to write, or a
 * write that did not happen).
 */
async function applyItem(db: D1Database, job: ImportJob, source: { id: number; organisation: string }, item: PlanItem, base: JobResult): Promise<Pick<JobResult, 'eventId' | 'outcome' | 'reason'> | null> {
  const ctx = () => ({ revision: newRevision(), now: new Date().toISOString(), actor: job.actor });
  if (item.status === 'new') {
    const draft = prepareEvent(item.input!, source.organisation, item.cancelled ? 'cancelled' : 'published', item.cancelled ? CANCELLED_IN_SOURCE : null);
    const id = newEventId();
    await insertEvent(db, id, draft, ctx(), undefined, [linkStatement(db, source.id, item.uid!, id, item.fingerprint!), resultStatement(db, job.id, { ...base, eventId: id, outcome: 'created' })]);
    return null;
  }
  if (item.status === 'changed' || item.status === 'gone') {
    const before = await findEvent(db, item.eventId!);
    if (!before) return { eventId: item.eventId, outcome: 'failed', reason: 'the event is no longer in Hytekello' };
    const draft =
      item.status === 'gone'
        ? prepareEvent(eventToInput(withoutRevision(before)), source.organisation, 'cancelled', GONE_FROM_SOURCE)
        : keepCoOrganisers(prepareEvent(item.input!, source.organisation, item.cancelled ? 'cancelled' : 'published', item.cancelled ? CANCELLED_IN_SOURCE : null), before.organisations);
    const write = ctx();
    const action = draft.status === 'cancelled' && before.status !== 'cancelled' ? 'cancel' : 'update';
    const outcome: Outcome = action === 'cancel' ? 'cancelled' : 'updated';
    const saved = await updateEvent(db, before, before.revision, draft, nextSequence(before, draft), action, write, [
      fingerprintStatement(db, source.id, item.uid!, before.id, item.status === 'gone' ? GONE : item.fingerprint!, write.revision),
      resultStatement(db, job.id, { ...base, eventId: before.id, outcome }, { eventId: before.id, revision: write.revision }),
    ]);
    if (!saved) return { eventId: before.id, outcome: 'failed', reason: 'the event was changed meanwhile; import again' };
    return null;
  }
  return { eventId: item.eventId, outcome: 'none', reason: item.reason };
}

/** Cancels (or, in a preview, lists) events gone from a URL source, within the budget; returns how many may remain. */
async function runGone(db: D1Database, job: ImportJob, source: ImportSource, budget: number): Promise<number> {
  const gone = await unseenLinkedEvents(db, job.id, source.id, GONE, Math.max(1, Math.floor(budget / itemCost(null, job.kind !== 'preview'))));
  let seq = await goneCount(db, job.id, job.total);
  for (const { uid, eventId } of gone) {
    const item: PlanItem = { uid, status: 'gone', title: null, reason: null, eventId, input: null, cancelled: true, fingerprint: GONE };
    await runPlanItem(db, job, job.total, seq++, item);
  }
  return gone.length;
}

/** What a sync records when some events could not be written; null when all were. */
export const writeFailures = (failed: number): string | null => (failed > 0 ? `${failed} event${failed === 1 ? '' : 's'} could not be written` : null);

async function finish(db: D1Database, job: ImportJob): Promise<void> {
  await finishJob(db, job.id, 'done', null, new Date().toISOString());
  // The URL was read and its events brought up to date: that is its latest sync.
  if (job.kind !== 'preview' && job.url && job.sourceId !== null) {
    const failed = (await resultCounts(db, job.id)).reduce((sum, row) => sum + (row.outcome === 'failed' ? row.n : 0), 0);
    await recordSync(db, job.sourceId, job.createdAt, writeFailures(failed));
  }
}

export interface JobProgress {
  /** Event groups (VEVENTs of one UID) read so far, of all. */
  processed: number;
  total: number;
  summary: ReturnType<typeof planSummary>;
  outcomes: Record<Outcome, number>;
}

/** How far a job is: groups read, and what was planned and done so far. */
export async function jobProgress(db: D1Database, job: ImportJob): Promise<JobProgress> {
  const counts = await resultCounts(db, job.id);
  const summary = planSummary([]);
  const outcomes: Record<Outcome, number> = { created: 0, updated: 0, cancelled: 0, none: 0, failed: 0 };
  for (const row of counts) {
    summary[row.status] += row.n;
    if (row.outcome) outcomes[row.outcome] += row.n;
  }
  return { processed: job.state === 'running' ? job.position : job.total, total: job.total, summary, outcomes };
}

/** Every result of a finished job. */
export const resultsOf = (db: D1Database, job: ImportJob) => jobResults(db, job.id);

// ------------------------------------------------------------------ the Cron Trigger

/** Sources whose sync is started per scheduled run; the least recently synced go first, the rest next time. */
export const SOURCES_PER_RUN = 10;
/** Steps one job may take in one scheduled run: a long calendar cannot starve the others. */
export const STEPS_PER_JOB_PER_RUN = 3;
/** Steps of all jobs in one scheduled run. */
export const STEPS_PER_RUN = 20;
/** A job still running after this long has failed; a finished one is forgotten after it too. */
const JOB_LIFETIME_MS = 86_400_000;

/** Starts the sync of a URL source: fetch, cut, store, first step. A source that cannot be read is recorded with the error. */
export async function startSync(db: D1Database, source: ImportSource, actor: AuditActor, options: { allowLoopback?: boolean } = {}): Promise<{ job: ImportJob | null; error: string | null }> {
  const now = new Date().toISOString();
  const running = await runningJobOf(db, source.id);
  if (running) return { job: running, error: null };
  let parts: CalendarParts;
  try {
    parts = splitOrRefuse(await fetchCalendar(source.url, options), 'url');
  } catch (error) {
    await recordSync(db, source.id, now, messageOf(error));
    return { job: null, error: messageOf(error) };
  }
  const job = await startJob(db, { kind: 'sync', organisation: source.organisation, source, mapping: source.mapping, actor, parts });
  return { job: job ?? (await runningJobOf(db, source.id)), error: null };
}

/**
 * The scheduled run: ends jobs that ran too long (recorded on their
 * source), starts the syncs that are due, then continues running jobs round
 * robin, least recently stepped first, at most STEPS_PER_JOB_PER_RUN steps
 * each and STEPS_PER_RUN in all.
 */
export async function syncScheduled(db: D1Database, nowMs = Date.now()): Promise<void> {
  const now = new Date(nowMs).toISOString();
  for (const job of await staleJobs(db, new Date(nowMs - JOB_LIFETIME_MS).toISOString())) {
    const error = 'the import did not finish within a day';
    await finishJob(db, job.id, 'failed', error, now);
    if (job.kind !== 'preview' && job.url && job.sourceId !== null) await recordSync(db, job.sourceId, job.createdAt, error);
  }
  await removeFinishedJobs(db, new Date(nowMs - JOB_LIFETIME_MS).toISOString());
  for (const source of await listSyncedSources(db, SOURCES_PER_RUN)) await startSync(db, source, SYSTEM_ACTOR);
  await continueJobs(db);
}

/** Continues running jobs, round robin; returns the steps taken. */
export async function continueJobs(db: D1Database, stepsPerJob = STEPS_PER_JOB_PER_RUN, steps = STEPS_PER_RUN): Promise<number> {
  const taken = new Map<number, number>();
  let done = 0;
  while (done < steps) {
    const queue = (await jobsToContinue(db, new Date().toISOString(), steps)).filter((job) => (taken.get(job.id) ?? 0) < stepsPerJob);
    if (queue.length === 0) break;
    for (const job of queue) {
      if (done >= steps) break;
      await stepJob(db, job.id);
      taken.set(job.id, (taken.get(job.id) ?? 0) + 1);
      done++;
    }
  }
  return done;
}
