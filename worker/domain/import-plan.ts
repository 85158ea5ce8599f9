/**
 * What an import would do: each event of the source, with the organiser's
 * mapping, compared with what the same source gave before (by UID). The
 * preview shows the plan; the import carries it out. No HTTP, no SQL.
 */
import { EventInput } from './event-input';
import type { FieldIssue } from './errors';
import { type KnownReferences, referenceIssues } from './events';
import type { ParsedCalendar, SourceEvent } from './ics-import';
import { sha256Hex } from './tokens';

/** What the organiser chooses for every event of a source. */
export interface ImportMapping {
  organisation: string;
  type: string;
  networks: string[];
  municipalities: string[];
}

export type PlanStatus = 'new' | 'changed' | 'unchanged' | 'unparseable' | 'gone';

export interface PlanItem {
  /** The source's UID; null when the VEVENT has none. */
  uid: string | null;
  status: PlanStatus;
  title: string | null;
  /** Why an event cannot be imported (unparseable). */
  reason: string | null;
  /** The Hytekello event the UID became earlier. */
  eventId: string | null;
  /** The event as it would be written (new, changed, unchanged). */
  input: EventInput | null;
  /** Whether the source has it cancelled. */
  cancelled: boolean;
  fingerprint: string | null;
}

/** The fingerprint of an event that left its source and was cancelled. */
export const GONE = 'gone';

export const CANCELLED_IN_SOURCE = { fi: 'Peruttu lähdekalenterissa.', sv: 'Inställt i källkalendern.', en: 'Cancelled in the source calendar.' };
export const GONE_FROM_SOURCE = { fi: 'Poistunut lähdekalenterista.', sv: 'Borttaget ur källkalendern.', en: 'Removed from the source calendar.' };

/** The Hytekello input of a source event under a mapping. */
export function sourceEventInput(event: SourceEvent, mapping: ImportMapping): EventInput {
  return {
    status: 'published',
    title: { fi: event.title, sv: null, en: null },
    description: { fi: event.description || null },
    type: mapping.type,
    timeZone: event.timeZone,
    allDay: event.allDay,
    start: event.start,
    end: event.end,
    recurrence: event.recurrence,
    location: event.place ? { place: event.place } : null,
    onlineUrl: event.onlineUrl,
    organisations: [mapping.organisation],
    networks: mapping.networks,
    municipalities: mapping.municipalities,
  };
}

/** Issues of the mapping itself (references that do not exist), named by the mapping's fields. */
export function mappingIssues(mapping: ImportMapping, known: KnownReferences): FieldIssue[] {
  const probe: EventInput = { title: { fi: 'x' }, type: mapping.type, start: '2026-01-01T00:00', end: '2026-01-01T01:00', organisations: [mapping.organisation], networks: mapping.networks, municipalities: mapping.municipalities };
  return referenceIssues(probe, known).map((issue) => (issue.field.startsWith('organisations') ? { ...issue, field: 'organisation', message: issue.message.replace('`organisations[0]`', '`organisation`') } : issue));
}

/** Every rule an imported event must keep, as for one made by hand. */
function inputIssues(input: EventInput): string[] {
  const result = EventInput.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.') || 'event'}: ${issue.message}`);
}

/**
 * The plan of an import. `linked` is what the source's UIDs became before;
 * with `cancelMissing` (a URL source, read whole), events whose UID is no
 * longer in the source are `gone` and will be cancelled.
 */
export async function planImport(parsed: ParsedCalendar, mapping: ImportMapping, linked: ReadonlyMap<string, { eventId: string; fingerprint: string }>, cancelMissing: boolean): Promise<PlanItem[]> {
  const items: PlanItem[] = [];
  const seen = new Set<string>();
  for (const event of parsed.events) {
    seen.add(event.uid);
    const earlier = linked.get(event.uid);
    const input = sourceEventInput(event, mapping);
    const issues = inputIssues(input);
    if (issues.length > 0) {
      items.push({ uid: event.uid, status: 'unparseable', title: event.title, reason: issues.join('; '), eventId: earlier?.eventId ?? null, input: null, cancelled: event.cancelled, fingerprint: null });
      continue;
    }
    const fingerprint = await sha256Hex(JSON.stringify({ input, cancelled: event.cancelled }));
    const status: PlanStatus = !earlier ? 'new' : earlier.fingerprint === fingerprint ? 'unchanged' : 'changed';
    items.push({ uid: event.uid, status, title: event.title, reason: null, eventId: earlier?.eventId ?? null, input, cancelled: event.cancelled, fingerprint });
  }
  for (const problem of parsed.unparseable) {
    if (problem.uid) seen.add(problem.uid);
    items.push({ uid: problem.uid, status: 'unparseable', title: problem.title, reason: problem.reason, eventId: problem.uid ? (linked.get(problem.uid)?.eventId ?? null) : null, input: null, cancelled: false, fingerprint: null });
  }
  if (cancelMissing) {
    for (const [uid, earlier] of linked) {
      if (!seen.has(uid) && earlier.fingerprint !== GONE) {
        items.push({ uid, status: 'gone', title: null, reason: null, eventId: earlier.eventId, input: null, cancelled: true, fingerprint: GONE });
      }
    }
  }
  return items;
}

/** How many items of each status. */
export function planSummary(items: readonly { status: PlanStatus }[]): Record<PlanStatus, number> {
  const summary: Record<PlanStatus, number> = { new: 0, changed: 0, unchanged: 0, unparseable: 0, gone: 0 };
  for (const item of items) summary[item.status]++;
  return summary;
}

/**
 * Work units of a step: one is about the CPU of reading, planning and
 * writing one single event (about 1.2 ms in V8 on the benchmark machine);
 * a series without end or with COUNT=1000 about seven (its occurrences are
 * worked out and stored), each exception a tenth more; a preview writes
 * nothing and costs about one an event. A step stops once it has spent
 * STEP_BUDGET, so it holds about eight single events, or one series; the
 * figures are in BENCHMARKS.md (scripts/bench-imports.ts).
 */
export const STEP_BUDGET = 8;
const SERIES_UNITS = 6;
const EXCEPTION_UNITS = 0.1;

/** The work units of one planned item (null: an event gone from the source, cancelled). */
export function itemCost(item: PlanItem | null, writes: boolean): number {
  if (item === null) return writes ? 2 : 0.2;
  const exceptions = item.input?.recurrence?.exceptions?.length ?? 0;
  if (!writes || (item.status !== 'new' && item.status !== 'changed')) return 1 + exceptions * EXCEPTION_UNITS * 0.2;
  return 1 + (item.input?.recurrence ? SERIES_UNITS : 0) + exceptions * EXCEPTION_UNITS;
}
