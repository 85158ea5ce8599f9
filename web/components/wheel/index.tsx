import type { AnnualClock } from '../../api';
import { useI18n } from '../../i18n';
import { CATEGORY_NAMES } from '../../../worker/shared/clock-categories';
import { angleOfDate, arcOf, assignLanes, pointAt, sectorPath } from '../../../worker/shared/wheel';

export type ClockItem = AnnualClock['items'][number];
type Ring = AnnualClock['clock']['rings'][number];

const SIZE = 720;
const C = SIZE / 2;
const MONTH_OUTER = 352;
const MONTH_INNER = 318;
const RINGS_OUTER = 312;
const RINGS_INNER = 96;
const RING_TINTS = ['#eef3f8', '#f6f1f8', '#fbf3ec', '#edf6f3', '#f3f4f5'];

/** "1.9.–30.9.2030"-style text of an occurrence, for labels and the table. */
export function spanText(i18n: ReturnType<typeof useI18n>, occurrence: { start: string; end: string }): string {
  return occurrence.start === occurrence.end ? i18n.day(occurrence.start) : `${i18n.day(occurrence.start)} – ${i18n.day(occurrence.end)}`;
}

/**
 * The annual clock as an SVG wheel: months around, rings as bands, items as
 * arcs in lanes of their ring, a marker for today. Every item is a button
 * that can be focused with the keyboard and is announced with its name and span.
 */
export function Wheel(props: {
  items: ClockItem[];
  rings: Ring[];
  wheelStart: string;
  startMonth: number;
  today: string;
  selected: number | null;
  onSelect: (id: number) => void;
  title: string;
}) {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const { items, rings, wheelStart, startMonth, today, selected, onSelect } = props;
  const band = (RINGS_OUTER - RINGS_INNER) / Math.max(rings.length, 1);
  const [startYear] = wheelStart.split('-').map(Number) as [number];
  const months = Array.from({ length: 12 }, (_, i) => ((startMonth - 1 + i) % 12) + 1);
  const monthStart = (month: number) => `${month >= startMonth ? startYear : startYear + 1}-${String(month).padStart(2, '0')}-01`;
  const todayArc = arcOf({ start: today, end: today }, wheelStart);
  const yearLabel = startMonth === 1 ? String(startYear) : `${startYear}–${startYear + 1}`;

  return (
    <svg class="wheel" viewBox={`0 0 ${SIZE} ${SIZE}`} role="group" aria-label={props.title} xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif">
      {months.map((month) => {
        const from = angleOfDate(monthStart(month), startMonth);
        const to = month === months[11] ? 360 : angleOfDate(monthStart((month % 12) + 1), startMonth);
        return (
          <g key={month} aria-hidden="true">
            <path d={sectorPath(C, C, MONTH_INNER, MONTH_OUTER, from, to)} fill={month % 2 ? '#00508c' : '#003a66'} />
            <line x1={pointAt(C, C, RINGS_INNER, from)[0]} y1={pointAt(C, C, RINGS_INNER, from)[1]} x2={pointAt(C, C, RINGS_OUTER, from)[0]} y2={pointAt(C, C, RINGS_OUTER, from)[1]} stroke="#c4ccd4" stroke-width="1" />
          </g>
        );
      })}
      {/* Labels after all sectors, so that no sector covers a label. */}
      {months.map((month) => {
        const from = angleOfDate(monthStart(month), startMonth);
        const to = month === months[11] ? 360 : angleOfDate(monthStart((month % 12) + 1), startMonth);
        const middle = (from + to) / 2;
        const [x, y] = pointAt(C, C, (MONTH_OUTER + MONTH_INNER) / 2, middle);
        // Along the band, and never upside down.
        const turn = middle > 90 && middle < 270 ? middle + 180 : middle;
        return (
          <text key={month} x={x} y={y} transform={`rotate(${turn.toFixed(2)} ${x.toFixed(2)} ${y.toFixed(2)})`} fill="#ffffff" font-size="15" font-weight="600" text-anchor="middle" dominant-baseline="central" aria-hidden="true">
            {i18n.monthShort(month)}
          </text>
        );
      })}
      {rings.map((ring, index) => {
        const outer = RINGS_OUTER - index * band;
        const inner = outer - band;
        const arcs = items
          .filter((item) => item.ring === ring.slug)
          .flatMap((item) => item.occurrences.map((occurrence) => ({ item, occurrence, arc: arcOf(occurrence, wheelStart) })))
          .filter((entry): entry is { item: ClockItem; occurrence: { start: string; end: string }; arc: { from: number; to: number } } => entry.arc !== null);
        const lanes = assignLanes(arcs.map((entry) => entry.arc));
        const laneCount = Math.max(1, ...lanes.map((lane) => lane + 1));
        const lane = band / laneCount;
        return (
          <g key={ring.slug} aria-label={pick(ring.name)} role="group">
            <path d={sectorPath(C, C, inner, outer, 0, 360)} fill={RING_TINTS[index % RING_TINTS.length]} stroke="#c4ccd4" aria-hidden="true" />
            {arcs.map(({ item, occurrence, arc }, i) => {
              const laneOuter = outer - lanes[i]! * lane - 1.5;
              const label = `${pick(item.title)}: ${spanText(i18n, occurrence)}`;
              return (
                <path
                  key={`${item.id}/${occurrence.start}`}
                  class={item.id === selected ? 'wheel-item selected' : 'wheel-item'}
                  d={sectorPath(C, C, laneOuter - lane + 3, laneOuter, arc.from + 0.3, Math.max(arc.to - 0.3, arc.from + 1))}
                  fill={item.colour}
                  stroke="#ffffff"
                  stroke-width="1"
                  role="button"
                  // Lower case: SVG attributes are case-sensitive, and "tabIndex" would not make it focusable.
                  tabindex={0}
                  aria-label={label}
                  aria-pressed={item.id === selected}
                  onClick={() => onSelect(item.id)}
                  onFocus={() => onSelect(item.id)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      onSelect(item.id);
                    }
                  }}
                >
                  <title>{label}</title>
                </path>
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
      <text x={C} y={C - 8} text-anchor="middle" font-size="34" font-weight="700" fill="#1c1e21">
        {yearLabel}
      </text>
      {todayArc && (
        <text x={C} y={C + 24} text-anchor="middle" font-size="15" fill="#a4001d">
          {t.today}: {i18n.day(today)}
        </text>
      )}
    </svg>
  );
}

/** What the colours mean: the categories of the items shown, each with the colour of its items. */
export function CategoryLegend({ items }: { items: ClockItem[] }) {
  const { t, language } = useI18n();
  const categories = [...new Map(items.map((item) => [item.category, item.colour])).entries()];
  return (
    <div class="legend">
      <p class="legend-title">{t.categoriesLegend}</p>
      <ul>
        {categories.map(([category, colour]) => (
          <li key={category}>
            <span class="swatch" style={{ background: colour }} aria-hidden="true" /> {CATEGORY_NAMES[category][language]}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The rings as a legend, outermost first, with their tints. */
export function RingLegend({ rings }: { rings: Ring[] }) {
  const { t, pick } = useI18n();
  return (
    <div class="legend">
      <p class="legend-title">{t.ringsLegend}</p>
      <ol>
        {rings.map((ring, index) => (
          <li key={ring.slug}>
            <span class="swatch" style={{ background: RING_TINTS[index % RING_TINTS.length] }} aria-hidden="true" /> {pick(ring.name)}
          </li>
        ))}
      </ol>
    </div>
  );
}
