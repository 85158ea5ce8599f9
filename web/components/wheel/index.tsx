import { useState } from 'preact/hooks';
import type { AnnualClock } from '../../api';
import { counted, fill, useI18n, withLanguage } from '../../i18n';
import { type ChosenEvent, chosenDay, chosenText } from '../clock-events';
import { CATEGORY_NAMES, type ClockCategory } from '../../../worker/shared/clock-categories';
import { type ArcLabel, angleOfDate, arcOf, assignLanes, groupDays, layoutLabels, pointAt, sectorPath, spreadAngles } from '../../../worker/shared/wheel';

export type ClockItem = AnnualClock['items'][number];
type Ring = AnnualClock['clock']['rings'][number];
type ClockEvent = ClockItem['events'][number];
export type Contrast = 'normal' | 'high';

const SIZE = 760;
const C = SIZE / 2;
const MONTH_OUTER = 352;
const MONTH_INNER = 318;
/** Events that realise items sit on their dates between the rings and the months. */
const EVENT_TRACK = 309;
const EVENT_SIZE = 6;
const RINGS_OUTER = 300;
/**
 * The events of chosen networks and types have a band of their own just
 * inside the event track; the rings give it room only when it is shown.
 */
const CHOSEN_TRACK = 292;
const CHOSEN_SIZE = 6.5;
const CHOSEN_RINGS_OUTER = 283;
/** Chosen-event markers closer than this (degrees) share one: at most 360 / CHOSEN_GAP + 1 on the wheel, about 120. */
export const CHOSEN_GAP = ((2 * CHOSEN_SIZE + 2) / CHOSEN_TRACK) * (180 / Math.PI);
const RINGS_INNER = 80;
/** Callouts that find no room on their arc go outside the months. */
const CALLOUT_TRACK = 367;
const BADGE = 8;
const RING_TINTS = ['#eef3f8', '#f6f1f8', '#fbf3ec', '#edf6f3', '#f3f4f5'];

/** Colours of the high-contrast palette, one per category, each at least 7:1 against white text. */
const HIGH_CONTRAST: Record<ClockCategory, string> = {
  talous: '#1a1a1a',
  hyvinvointikertomus: '#003d99',
  tiedonkeruu: '#005a1e',
  yhteistyo: '#5c1a99',
  verkosto: '#8f2d00',
  jarjestot: '#7a003d',
  muu: '#3d3d3d',
};

/** Categories differ by pattern as well as by colour (WCAG 1.4.1); 'muu' is plain. */
const PATTERNS: Record<ClockCategory, string | null> = {
  talous: 'M-2 2L2 -2M0 8L8 0M6 10L10 6',
  hyvinvointikertomus: 'M2 2h0.01M6 6h0.01',
  tiedonkeruu: 'M0 4H8',
  yhteistyo: 'M0 4H8M4 0V8',
  verkosto: 'M-2 6L2 10M0 0L8 8M6 -2L10 2',
  jarjestot: 'M4 0V8',
  muu: null,
};

/** The colour an item is drawn in. */
export function itemColour(item: Pick<ClockItem, 'colour' | 'category'>, contrast: Contrast): string {
  return contrast === 'high' ? HIGH_CONTRAST[item.category] : item.colour;
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const value = parseInt(hex.slice(i, i + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Black or white text, whichever contrasts more with the background (at least 4.5:1 for any colour). */
function textOn(background: string): string {
  const l = luminance(background);
  return (1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#000000');
}

let canvas: CanvasRenderingContext2D | null | undefined;
/** Width of a label as the browser draws it, or an estimate where there is no canvas. */
function measure(text: string, fontSize: number): number {
  if (canvas === undefined) canvas = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!canvas) return text.length * fontSize * 0.62;
  canvas.font = `600 ${fontSize}px system-ui, sans-serif`;
  return canvas.measureText(text).width;
}

/** "1.9.–30.9.2030"-style text of an occurrence, for labels and the table. */
export function spanText(i18n: ReturnType<typeof useI18n>, occurrence: { start: string; end: string }): string {
  return occurrence.start === occurrence.end ? i18n.day(occurrence.start) : `${i18n.day(occurrence.start)} – ${i18n.day(occurrence.end)}`;
}

/** The names an item may carry on the wheel in the page's language, longest first. */
export function labelNames(i18n: ReturnType<typeof useI18n>, item: Pick<ClockItem, 'title' | 'shortTitle'>): string[] {
  const title = i18n.pick(item.title);
  // A short name in the title's language: Finnish where the title falls back to Finnish.
  const short = item.shortTitle[i18n.language] ?? (i18n.langOf(item.title) === 'fi' || i18n.language === 'fi' ? item.shortTitle.fi : null);
  return short && short !== title ? [title, short] : [title];
}

/** The day of an event on the wheel: the date of its (first) start. */
export const eventDay = (event: ClockEvent) => event.start.slice(0, 10);

/** A decision or one of its preparation steps, a day on the wheel: of an item, or of an event that realises it. */
export interface PlanDay {
  key: string;
  item: ClockItem;
  /** Set when the decision is made at this event (on the day of its occurrence). */
  event: ClockEvent | null;
  kind: 'decision' | 'step';
  title: ClockItem['title'];
  decision: ClockItem['title'];
  date: string;
  workingDaysBefore: number | null;
}

/** The decisions of the items shown and of their events, and their steps on days in `[from, to)`, in date order, each once. */
export function planDays(items: ClockItem[], from: string, to: string): PlanDay[] {
  const days: PlanDay[] = [];
  const add = (owner: string, item: ClockItem, event: ClockEvent | null, plan: ClockItem['plans'][number]) => {
    const decision = plan.decision.title;
    days.push({ key: `${owner}/${plan.decision.date}/decision`, item, event, kind: 'decision', title: decision, decision, date: plan.decision.date, workingDaysBefore: null });
    plan.steps.forEach((step, index) => days.push({ key: `${owner}/${plan.decision.date}/${index}`, item, event, kind: 'step', title: step.title, decision, date: step.date, workingDaysBefore: step.workingDaysBefore }));
  };
  for (const item of items) {
    for (const plan of item.plans) add(String(item.id), item, null, plan);
    for (const event of item.events) for (const plan of event.plans) add(`event:${event.id}`, item, event, plan);
  }
  const seen = new Set<string>();
  return days.filter((day) => day.date >= from && day.date < to && !seen.has(day.key) && seen.add(day.key)).sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
}

/** Whether any item shown, or any of its events, has a decision to plan back from. */
export const hasPlans = (items: ClockItem[]): boolean => items.some((item) => item.plans.length > 0 || item.events.some((event) => event.plans.length > 0));

/** How a plan day is announced: "Valmisteluvaihe: Lautakunta – 27.11.2026 (25 työpäivää ennen päätöstä: …)"; a decision names its item, or the event where it is made. */
export function planDayText(i18n: ReturnType<typeof useI18n>, day: PlanDay): string {
  const { t, pick } = i18n;
  if (day.kind === 'decision') return `${t.planDecision}: ${pick(day.title)} – ${i18n.day(day.date)} (${pick(day.event?.title ?? day.item.title)})`;
  return `${t.planStep}: ${pick(day.title)} – ${i18n.day(day.date)} (${day.workingDaysBefore} ${t.daysBefore}: ${pick(day.decision)})`;
}

/** The events of the items shown that fall in the wheel year, each once, in date order. */
export function wheelEvents(items: ClockItem[], wheelStart: string): { event: ClockEvent; item: ClockItem }[] {
  const seen = new Map<string, { event: ClockEvent; item: ClockItem }>();
  for (const item of items) for (const event of item.events) if (!seen.has(event.id) && arcOf({ start: eventDay(event), end: eventDay(event) }, wheelStart)) seen.set(event.id, { event, item });
  return [...seen.values()].sort((a, b) => a.event.start.localeCompare(b.event.start));
}

/** A marker of chosen events: one day's, or a few days' that lie closer together than a marker is wide. */
interface ChosenMarker {
  key: string;
  first: string;
  last: string;
  angle: number;
  events: ChosenEvent[];
  /** How it is announced: the event and its date, or "3 tapahtumaa 14.10.2026". */
  text: string;
  /** Its tip on hover and focus: the text and, for several, the first titles. */
  tip: string;
}

function chosenGroups(events: ChosenEvent[], middleOf: (day: string) => number): Omit<ChosenMarker, 'text' | 'tip'>[] {
  const byDay = new Map<string, ChosenEvent[]>();
  for (const event of events) byDay.set(chosenDay(event), [...(byDay.get(chosenDay(event)) ?? []), event]);
  const groups = groupDays([...byDay.entries()].map(([day, list]) => ({ day, list, angle: middleOf(day) })), CHOSEN_GAP);
  const angles = spreadAngles(groups.map((group) => (group[0]!.angle + group[group.length - 1]!.angle) / 2), CHOSEN_GAP);
  return groups.map((group, i) => ({ key: group[0]!.day, first: group[0]!.day, last: group[group.length - 1]!.day, angle: angles[i]!, events: group.flatMap((day) => day.list) }));
}

/** Path of a circular arc for text to run along; counter-clockwise on the lower half, so that text is never upside down. */
function textArc(radius: number, from: number, to: number): string {
  const reversed = (from + to) / 2 > 90 && (from + to) / 2 < 270;
  const [start, end] = reversed ? [to, from] : [from, to];
  const [x1, y1] = pointAt(C, C, radius, start);
  const [x2, y2] = pointAt(C, C, radius, end);
  return `M${x1.toFixed(2)} ${y1.toFixed(2)}A${radius} ${radius} 0 ${to - from > 180 ? 1 : 0} ${reversed ? 0 : 1} ${x2.toFixed(2)} ${y2.toFixed(2)}`;
}

interface PlacedArc {
  item: ClockItem;
  occurrence: { start: string; end: string };
  arc: { from: number; to: number };
  inner: number;
  outer: number;
  ringIndex: number;
}

/**
 * Where every arc and its label go: rings as bands as wide as their lanes
 * need (a ring where items overlap gets more room), lanes where items
 * overlap, labels that never cover each other.
 */
function layout(items: ClockItem[], rings: Ring[], wheelStart: string, names: (item: ClockItem) => string[], today: { from: number } | null, ringsOuter: number) {
  const perRing = rings.map((ring) => {
    const arcs = items
      .filter((item) => item.ring === ring.slug)
      .flatMap((item) => item.occurrences.map((occurrence) => ({ item, occurrence, arc: arcOf(occurrence, wheelStart) })))
      .filter((entry): entry is Omit<PlacedArc, 'inner' | 'outer' | 'ringIndex'> => entry.arc !== null);
    const lanes = assignLanes(arcs.map((entry) => entry.arc));
    return { arcs, lanes, laneCount: Math.max(1, ...lanes.map((l) => l + 1)) };
  });
  // An empty ring keeps a narrow band, so that the rings stay where the legend says.
  const weights = perRing.map((ring) => (ring.arcs.length === 0 ? 0.5 : ring.laneCount));
  const unit = (ringsOuter - RINGS_INNER) / Math.max(1, weights.reduce((a, b) => a + b, 0));
  const bands: { inner: number; outer: number }[] = [];
  let edge = ringsOuter;
  for (const weight of weights) bands.push({ outer: edge, inner: (edge -= weight * unit) });
  const placed: PlacedArc[] = perRing.flatMap(({ arcs, lanes, laneCount }, ringIndex) => {
    const { outer, inner } = bands[ringIndex]!;
    const lane = (outer - inner) / laneCount;
    // An arc widens into the lanes inside it that are free along its whole span.
    const widths = arcs.map((entry, i) => {
      let width = 1;
      while (lanes[i]! + width < laneCount && !arcs.some((other, j) => lanes[j] === lanes[i]! + width && other.arc.from < entry.arc.to && entry.arc.from < other.arc.to)) width++;
      return width;
    });
    return arcs.map((entry, i) => ({ ...entry, outer: outer - lanes[i]! * lane - 1.5, inner: outer - (lanes[i]! + widths[i]!) * lane + 1.5, ringIndex }));
  });
  const todayBox = today ? [{ inner: MONTH_OUTER, outer: MONTH_OUTER + 12, from: today.from - 1.5, to: today.from + 1.5 }] : [];
  const labels = layoutLabels(
    placed.map((p) => ({ from: p.arc.from, to: p.arc.to, inner: p.inner, outer: p.outer, names: names(p.item) })),
    { measure, maxFont: 14, minFont: 9.5, badge: BADGE, outerTrack: CALLOUT_TRACK, obstacles: todayBox },
  );
  return { bands, placed, labels };
}

/**
 * The annual clock as an SVG wheel: months around, rings as bands, items as
 * arcs in lanes of their ring with their names on them (or a numbered
 * callout where an arc is too short), the events that realise items on
 * their dates, and a marker for today. Every item is a button that can be
 * focused with the keyboard and is announced with its name and span; every
 * event a link to its page; every month a button that opens its list.
 */
export function Wheel(props: {
  items: ClockItem[];
  rings: Ring[];
  wheelStart: string;
  startMonth: number;
  today: string;
  selected: number | null;
  onSelect: (id: number) => void;
  onOpenMonth: (month: string) => void;
  openMonth: string | null;
  contrast: Contrast;
  title: string;
  /** Events of the chosen networks and types in the wheel year, in a band of their own; a day's events share a marker. */
  chosen?: ChosenEvent[];
  /** Opens a month's list (a marker of several chosen events does). */
  onShowMonth?: (month: string) => void;
}) {
  const i18n = useI18n();
  const { t, pick, language } = i18n;
  const { items, rings, wheelStart, startMonth, today, selected, onSelect, contrast } = props;
  const high = contrast === 'high';
  const [tip, setTip] = useState<{ text: string; x: number; y: number } | null>(null);
  const [startYear] = wheelStart.split('-').map(Number) as [number];
  const months = Array.from({ length: 12 }, (_, i) => ((startMonth - 1 + i) % 12) + 1);
  const monthKey = (month: number) => `${month >= startMonth ? startYear : startYear + 1}-${String(month).padStart(2, '0')}`;
  const todayArc = arcOf({ start: today, end: today }, wheelStart);
  const yearLabel = startMonth === 1 ? String(startYear) : `${startYear}–${startYear + 1}`;
  const chosen = (props.chosen ?? []).filter((event) => arcOf({ start: chosenDay(event), end: chosenDay(event) }, wheelStart));
  const ringsOuter = chosen.length > 0 ? CHOSEN_RINGS_OUTER : RINGS_OUTER;
  const { bands, placed, labels } = layout(items, rings, wheelStart, (item) => labelNames(i18n, item), todayArc, ringsOuter);
  const events = wheelEvents(items, wheelStart);
  const plans = planDays(items, wheelStart, `${Number(wheelStart.slice(0, 4)) + 1}${wheelStart.slice(4)}`);
  const middleOf = (day: string) => {
    const arc = arcOf({ start: day, end: day }, wheelStart)!;
    return (arc.from + arc.to) / 2;
  };
  // Events and plan days share the track between the rings and the months, moved apart where they would touch.
  const markerAngles = spreadAngles([...events.map(({ event }) => middleOf(eventDay(event))), ...plans.map((day) => middleOf(day.date))], ((2 * EVENT_SIZE + 3) / EVENT_TRACK) * (180 / Math.PI));
  const eventAngles = markerAngles.slice(0, events.length);
  const planAngles = markerAngles.slice(events.length);
  const categories = [...new Set(items.map((item) => item.category))];
  const chosenMarkers: ChosenMarker[] = chosenGroups(chosen, middleOf).map((marker) => {
    if (marker.events.length === 1) {
      const text = chosenText(i18n, marker.events[0]!);
      return { ...marker, text, tip: text };
    }
    const text = fill(counted(t.chosenDay, marker.events.length), { date: marker.first === marker.last ? i18n.day(marker.first) : `${i18n.day(marker.first)} – ${i18n.day(marker.last)}` });
    const titles = marker.events.slice(0, 3).map((event) => pick(event.title));
    return { ...marker, text, tip: `${text}: ${titles.join(', ')}${marker.events.length > 3 ? ', …' : ''}` };
  });

  return (
    <div class="wheel-frame">
      <svg class={high ? 'wheel high-contrast' : 'wheel'} viewBox={`0 0 ${SIZE} ${SIZE}`} role="group" aria-label={props.title} xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif">
        <defs>
          {categories.map((category) => {
            const pattern = PATTERNS[category];
            return (
              pattern && (
                <pattern key={category} id={`wheel-pattern-${category}`} patternUnits="userSpaceOnUse" width="8" height="8">
                  <path d={pattern} stroke="#000000" stroke-opacity="0.45" stroke-width="3" stroke-linecap="round" />
                  <path d={pattern} stroke="#ffffff" stroke-opacity="0.8" stroke-width="1.4" stroke-linecap="round" />
                </pattern>
              )
            );
          })}
        </defs>
        {months.map((month) => {
          const key = monthKey(month);
          const from = angleOfDate(`${key}-01`, startMonth);
          const to = month === months[11] ? 360 : angleOfDate(`${monthKey((month % 12) + 1)}-01`, startMonth);
          const name = i18n.month(Number(key.slice(0, 4)), month);
          return (
            <g key={month}>
              <path
                class={props.openMonth === key ? 'wheel-month open' : 'wheel-month'}
                d={sectorPath(C, C, MONTH_INNER, MONTH_OUTER, from, to)}
                fill={high ? '#000000' : month % 2 ? '#00508c' : '#003a66'}
                stroke={high ? '#ffffff' : 'none'}
                role="button"
                tabindex={0}
                aria-label={`${t.openMonth}: ${name}`}
                aria-pressed={props.openMonth === key}
                onClick={() => props.onOpenMonth(key)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    props.onOpenMonth(key);
                  }
                }}
              >
                <title>{`${t.openMonth}: ${name}`}</title>
              </path>
              <line x1={pointAt(C, C, RINGS_INNER, from)[0]} y1={pointAt(C, C, RINGS_INNER, from)[1]} x2={pointAt(C, C, ringsOuter, from)[0]} y2={pointAt(C, C, ringsOuter, from)[1]} stroke={high ? '#000000' : '#c4ccd4'} stroke-width="1" aria-hidden="true" />
            </g>
          );
        })}
        {/* Labels after all sectors, so that no sector covers a label. */}
        {months.map((month) => {
          const key = monthKey(month);
          const from = angleOfDate(`${key}-01`, startMonth);
          const to = month === months[11] ? 360 : angleOfDate(`${monthKey((month % 12) + 1)}-01`, startMonth);
          const middle = (from + to) / 2;
          const [x, y] = pointAt(C, C, (MONTH_OUTER + MONTH_INNER) / 2, middle);
          // Along the band, and never upside down.
          const turn = middle > 90 && middle < 270 ? middle + 180 : middle;
          return (
            <text key={month} x={x} y={y} transform={`rotate(${turn.toFixed(2)} ${x.toFixed(2)} ${y.toFixed(2)})`} fill="#ffffff" font-size="15" font-weight="600" text-anchor="middle" dominant-baseline="central" aria-hidden="true" pointer-events="none">
              {i18n.monthShort(month)}
            </text>
          );
        })}
        {rings.map((ring, index) => {
          const { inner, outer } = bands[index]!;
          return (
            <g key={ring.slug} aria-label={pick(ring.name)} role="group">
              <path d={sectorPath(C, C, inner, outer, 0, 360)} fill={high ? '#ffffff' : RING_TINTS[index % RING_TINTS.length]} stroke={high ? '#000000' : '#c4ccd4'} aria-hidden="true" />
              {placed.map((p, i) => {
                if (p.ringIndex !== index) return null;
                const label = `${pick(p.item.title)}: ${spanText(i18n, p.occurrence)}`;
                const d = sectorPath(C, C, p.inner, p.outer, p.arc.from + 0.3, Math.max(p.arc.to - 0.3, p.arc.from + 1));
                return (
                  <g key={`${p.item.id}/${p.occurrence.start}`}>
                    <path
                      class={p.item.id === selected ? 'wheel-item selected' : 'wheel-item'}
                      data-item={p.item.id}
                      data-label={i}
                      d={d}
                      fill={itemColour(p.item, contrast)}
                      stroke={high ? '#000000' : '#ffffff'}
                      stroke-width="1"
                      role="button"
                      // Lower case: SVG attributes are case-sensitive, and "tabIndex" would not make it focusable.
                      tabindex={0}
                      aria-label={label}
                      aria-pressed={p.item.id === selected}
                      onClick={() => onSelect(p.item.id)}
                      onFocus={() => onSelect(p.item.id)}
                      onKeyDown={(event) => {
                        if (event.key === 'Enter' || event.key === ' ') {
                          event.preventDefault();
                          onSelect(p.item.id);
                        }
                      }}
                    >
                      <title>{`${label} (${CATEGORY_NAMES[p.item.category][language]})`}</title>
                    </path>
                    {PATTERNS[p.item.category] && <path d={d} fill={`url(#wheel-pattern-${p.item.category})`} pointer-events="none" aria-hidden="true" />}
                  </g>
                );
              })}
            </g>
          );
        })}
        {todayArc && (
          <g aria-hidden="true">
            <line x1={pointAt(C, C, RINGS_INNER - 8, todayArc.from)[0]} y1={pointAt(C, C, RINGS_INNER - 8, todayArc.from)[1]} x2={pointAt(C, C, MONTH_OUTER + 6, todayArc.from)[0]} y2={pointAt(C, C, MONTH_OUTER + 6, todayArc.from)[1]} stroke="#a4001d" stroke-width="3" />
            <circle cx={pointAt(C, C, MONTH_OUTER + 6, todayArc.from)[0]} cy={pointAt(C, C, MONTH_OUTER + 6, todayArc.from)[1]} r="5" fill="#a4001d" />
          </g>
        )}
        <g class="wheel-labels" aria-hidden="true" pointer-events="none">
          {placed.map((p, i) => <ArcLabelView key={i} index={i} label={labels[i]!} placed={p} colour={itemColour(p.item, contrast)} />)}
        </g>
        <g class="wheel-events" role="group" aria-label={t.eventsLegend}>
          {events.map(({ event, item }, i) => {
            const [x, y] = pointAt(C, C, EVENT_TRACK, eventAngles[i]!);
            const when = event.allDay ? i18n.day(event.start) : i18n.date(event.startsAt);
            const text = `${pick(event.title)} – ${when}${event.status === 'cancelled' ? ` (${t.cancelled})` : ''}`;
            const show = () => setTip({ text, x, y });
            return (
              <a key={event.id} class="wheel-event" href={withLanguage(`/events/${event.id}`, language)} data-event={event.id} aria-label={text} onFocus={show} onBlur={() => setTip(null)} onMouseEnter={show} onMouseLeave={() => setTip(null)}>
                <title>{text}</title>
                <path
                  d={`M${x} ${y - EVENT_SIZE}L${x + EVENT_SIZE} ${y}L${x} ${y + EVENT_SIZE}L${x - EVENT_SIZE} ${y}Z`}
                  fill={event.status === 'cancelled' ? '#ffffff' : itemColour(item, contrast)}
                  stroke="#1c1e21"
                  stroke-width="1.5"
                />
              </a>
            );
          })}
        </g>
        {chosenMarkers.length > 0 && (
          <g class="wheel-chosen-events" role="group" aria-label={t.chosenEvents}>
            <path d={sectorPath(C, C, CHOSEN_TRACK - CHOSEN_SIZE - 2, CHOSEN_TRACK + CHOSEN_SIZE + 2, 0, 360)} fill={high ? '#ffffff' : '#f7f7f2'} stroke={high ? '#000000' : '#c4ccd4'} aria-hidden="true" />
            {chosenMarkers.map((marker) => {
              const [x, y] = pointAt(C, C, CHOSEN_TRACK, marker.angle);
              const first = marker.events[0]!;
              const show = () => setTip({ text: marker.tip, x, y });
              const hide = () => setTip(null);
              if (marker.events.length === 1) {
                return (
                  <a key={marker.key} class="wheel-chosen" href={withLanguage(`/events/${first.id}`, language)} data-chosen={marker.key} data-count="1" aria-label={marker.text} onFocus={show} onBlur={hide} onMouseEnter={show} onMouseLeave={hide}>
                    <title>{marker.text}</title>
                    <circle cx={x} cy={y} r={CHOSEN_SIZE - 1.5} fill={high ? '#000000' : '#1c1e21'} stroke="#ffffff" stroke-width="1.5" />
                  </a>
                );
              }
              const open = () => props.onShowMonth?.(marker.first.slice(0, 7));
              return (
                <g key={marker.key} class="wheel-chosen" data-chosen={marker.key} data-count={marker.events.length} role="button" tabindex={0} aria-label={marker.text} onFocus={show} onBlur={hide} onMouseEnter={show} onMouseLeave={hide} onClick={open} onKeyDown={(event) => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    open();
                  }
                }}>
                  <title>{marker.text}</title>
                  <circle cx={x} cy={y} r={CHOSEN_SIZE} fill="#ffffff" stroke="#1c1e21" stroke-width="1.5" />
                  <text x={x} y={y} font-size={marker.events.length > 99 ? 6 : 8} font-weight="700" fill="#1c1e21" text-anchor="middle" dominant-baseline="central" aria-hidden="true" pointer-events="none">
                    {marker.events.length}
                  </text>
                </g>
              );
            })}
          </g>
        )}
        {plans.length > 0 && (
          <g class="wheel-plans" role="group" aria-label={t.planLegend}>
            {plans.map((day, i) => {
              const [x, y] = pointAt(C, C, EVENT_TRACK, planAngles[i]!);
              const text = planDayText(i18n, day);
              const show = () => setTip({ text, x, y });
              const size = EVENT_SIZE;
              const shape = day.kind === 'decision' ? `M${x} ${y - size - 1}L${x + size + 1} ${y + size}L${x - size - 1} ${y + size}Z` : `M${x - size + 1} ${y - size + 1}H${x + size - 1}V${y + size - 1}H${x - size + 1}Z`;
              return (
                <path
                  key={day.key}
                  class={`wheel-plan wheel-plan-${day.kind}`}
                  data-plan={day.key}
                  data-date={day.date}
                  d={shape}
                  fill={itemColour(day.item, contrast)}
                  stroke="#1c1e21"
                  stroke-width="1.5"
                  role="button"
                  tabindex={0}
                  aria-label={text}
                  onFocus={() => (show(), onSelect(day.item.id))}
                  onBlur={() => setTip(null)}
                  onMouseEnter={show}
                  onMouseLeave={() => setTip(null)}
                  onClick={() => onSelect(day.item.id)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      onSelect(day.item.id);
                    }
                  }}
                >
                  <title>{text}</title>
                </path>
              );
            })}
          </g>
        )}
        <text x={C} y={C - 8} text-anchor="middle" font-size="34" font-weight="700" fill="#1c1e21">
          {yearLabel}
        </text>
        {todayArc && (
          <text x={C} y={C + 24} text-anchor="middle" font-size="15" fill="#a4001d">
            {t.today}: {i18n.day(today)}
          </text>
        )}
      </svg>
      {tip && (
        <p class="wheel-tip" aria-hidden="true" style={{ left: `${(tip.x / SIZE) * 100}%`, top: `${(tip.y / SIZE) * 100}%` }}>
          {tip.text}
        </p>
      )}
      <CalloutLegend placed={placed} labels={labels} contrast={contrast} />
    </div>
  );
}

/** An item's name along its arc, or its numbered callout. */
function ArcLabelView({ index, label, placed, colour }: { index: number; label: ArcLabel; placed: PlacedArc; colour: string }) {
  if (label.kind === 'text') {
    const id = `wheel-label-path-${index}`;
    return (
      <g class="wheel-label" data-label={index}>
        <path id={id} d={textArc(label.radius, placed.arc.from, placed.arc.to)} fill="none" />
        {/* A halo of the arc's own colour keeps the text clear of the category's pattern. */}
        <text font-size={label.fontSize.toFixed(2)} font-weight="600" fill={textOn(colour)} stroke={colour} stroke-width="3" paint-order="stroke" stroke-linejoin="round" dominant-baseline="central">
          <textPath href={`#${id}`} startOffset="50%" text-anchor="middle">
            {label.text}
          </textPath>
        </text>
      </g>
    );
  }
  const [x, y] = pointAt(C, C, label.radius, label.angle);
  return (
    <g class="wheel-callout" data-label={index}>
      <circle cx={x} cy={y} r={BADGE} fill="#ffffff" stroke="#1c1e21" stroke-width="1.5" />
      <text x={x} y={y} font-size="10" font-weight="700" fill="#1c1e21" text-anchor="middle" dominant-baseline="central">
        {label.number}
      </text>
    </g>
  );
}

/** Names of the items whose arcs are too short for them, by their callouts' numbers. */
function CalloutLegend({ placed, labels, contrast }: { placed: PlacedArc[]; labels: ArcLabel[]; contrast: Contrast }) {
  const i18n = useI18n();
  const callouts = placed
    .map((p, i) => ({ p, label: labels[i]! }))
    .flatMap(({ p, label }) => (label.kind === 'callout' ? [{ p, number: label.number }] : []))
    .sort((a, b) => a.number - b.number);
  if (callouts.length === 0) return null;
  return (
    <div class="legend callout-legend">
      <p class="legend-title">{i18n.t.calloutsLegend}</p>
      <ol>
        {callouts.map(({ p, number }) => (
          <li key={number} data-callout={number}>
            <span class="callout-number" aria-hidden="true">
              {number}
            </span>
            <span class="swatch" style={{ background: itemColour(p.item, contrast) }} aria-hidden="true" /> <span class="callout-name" lang={i18n.langOf(p.item.title)}>{i18n.pick(p.item.title)}</span>{' '}
            <span class="small">({spanText(i18n, p.occurrence)})</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** A legend swatch: the colour and the pattern of a category. */
function Swatch({ category, colour }: { category: ClockCategory; colour: string }) {
  return (
    <svg class="swatch" viewBox="0 0 16 16" aria-hidden="true">
      <rect width="16" height="16" fill={colour} />
      {PATTERNS[category] && <rect width="16" height="16" fill={`url(#wheel-pattern-${category})`} />}
    </svg>
  );
}

/** What the colours and patterns mean: the categories of the items shown. */
export function CategoryLegend({ items, contrast, chosen = false }: { items: ClockItem[]; contrast: Contrast; chosen?: boolean }) {
  const { t, language } = useI18n();
  const categories = [...new Map(items.map((item) => [item.category, itemColour(item, contrast)])).entries()];
  return (
    <div class="legend">
      <p class="legend-title">{t.categoriesLegend}</p>
      <ul>
        {categories.map(([category, colour]) => (
          <li key={category}>
            <Swatch category={category} colour={colour} /> {CATEGORY_NAMES[category][language]}
          </li>
        ))}
        <li>
          <svg class="swatch" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M8 2L14 8L8 14L2 8Z" fill="#ffffff" stroke="#1c1e21" stroke-width="1.5" />
          </svg>{' '}
          {t.eventMarker}
        </li>
        {chosen && (
          <li>
            <svg class="swatch" viewBox="0 0 16 16" aria-hidden="true">
              <circle cx="8" cy="8" r="6" fill="#ffffff" stroke="#1c1e21" stroke-width="1.5" />
            </svg>{' '}
            {t.chosenMarker}
          </li>
        )}
        {hasPlans(items) && (
          <li>
            <svg class="swatch" viewBox="0 0 32 16" aria-hidden="true" style={{ width: '2em' }}>
              <path d="M8 2L14 14L2 14Z" fill="#ffffff" stroke="#1c1e21" stroke-width="1.5" />
              <path d="M19 3H29V13H19Z" fill="#ffffff" stroke="#1c1e21" stroke-width="1.5" />
            </svg>{' '}
            {t.planMarker}
          </li>
        )}
      </ul>
    </div>
  );
}

/** The rings as a legend, outermost first, with their tints. */
export function RingLegend({ rings, contrast }: { rings: Ring[]; contrast: Contrast }) {
  const { t, pick } = useI18n();
  return (
    <div class="legend">
      <p class="legend-title">{t.ringsLegend}</p>
      <ol>
        {rings.map((ring, index) => (
          <li key={ring.slug}>
            <span class="swatch" style={{ background: contrast === 'high' ? '#ffffff' : RING_TINTS[index % RING_TINTS.length] }} aria-hidden="true" /> {index + 1}. {pick(ring.name)}
          </li>
        ))}
      </ol>
    </div>
  );
}
