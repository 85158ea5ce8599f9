/** The calendar's state in the URL, so that a filtered view can be shared and bookmarked. */
import type { EventFilters } from './api';
import { HELSINKI, wallClock } from './intl';

export type View = 'list' | 'month';

export interface CalendarState extends EventFilters {
  view: View;
  /** 'YYYY-MM' of the month view. */
  month: string | null;
  past: boolean;
}

const LISTS = ['network', 'type', 'municipality', 'organisation'] as const;

export function readState(search: string): CalendarState {
  const query = new URLSearchParams(search);
  const list = (key: string) => query.getAll(key).filter((value) => /^[a-z0-9-]{1,60}$/.test(value));
  const month = query.get('month');
  return {
    network: list('network'),
    type: list('type'),
    municipality: list('municipality'),
    organisation: list('organisation'),
    q: query.get('q') ?? '',
    view: query.get('view') === 'month' ? 'month' : 'list',
    month: month && /^\d{4}-\d{2}$/.test(month) ? month : null,
    past: query.get('past') === '1',
  };
}

/** The URL search of a state; defaults are left out so URLs stay short. */
export function writeState(state: CalendarState, language: string): string {
  const query = new URLSearchParams();
  for (const key of LISTS) for (const value of state[key]) query.append(key, value);
  if (state.q.trim()) query.set('q', state.q.trim());
  if (state.view === 'month') query.set('view', 'month');
  if (state.view === 'month' && state.month) query.set('month', state.month);
  if (state.past && state.view === 'list') query.set('past', '1');
  if (language !== 'fi') query.set('lang', language);
  const text = query.toString();
  return text ? `?${text}` : '';
}

export function hasFilters(state: CalendarState): boolean {
  return LISTS.some((key) => state[key].length > 0) || state.q.trim() !== '';
}

/** 'YYYY-MM-DD' of a date in Finland. */
export function finnishDate(date: Date): string {
  const { year, month, day } = wallClock(date.getTime(), HELSINKI)!;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function addMonths(month: string, months: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, m - 1 + months, 1));
  return date.toISOString().slice(0, 7);
}
