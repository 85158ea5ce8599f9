/**
 * EventInput as the worker validates it: every rule between fields, those
 * the browser checks as one types (worker/shared/event-rules.ts) and those
 * that need the worker's libraries: the recurrence expansion (that `start`
 * is the rule's first occurrence, that exceptions name occurrences, at most
 * MAX_OCCURRENCES before UNTIL) and the IANA zone data. The organiser's
 * form shows the worker's 422 for those beside their fields.
 */
import { type EventInput as SharedEventInput, eventInput } from '../shared/events';
import { SERVER_CHECKS } from './events';

export const EventInput = eventInput(SERVER_CHECKS);
export type EventInput = SharedEventInput;
