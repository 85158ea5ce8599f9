/**
 * Geometry of the annual-clock wheel, in plain date arithmetic (no Temporal)
 * so that the web UI can use it without a polyfill: a date's angle on a
 * wheel that starts at the top with a given month, an occurrence's arc, and
 * lanes for overlapping arcs.
 */

const DAY = 86_400_000;

function utc(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}

/** 'YYYY-MM-DD' of the first day of the wheel year that contains `date`. */
export function wheelStartOf(date: string, startMonth = 1): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const wheelYear = month >= startMonth ? year : year - 1;
  return `${wheelYear}-${String(startMonth).padStart(2, '0')}-01`;
}

function wheelLength(wheelStart: string): { start: number; end: number; days: number } {
  const start = utc(wheelStart);
  const [year, month] = wheelStart.split('-').map(Number) as [number, number];
  const end = Date.UTC(year + 1, month - 1, 1);
  return { start, end, days: Math.round((end - start) / DAY) };
}

/**
 * The angle of the start of a day, in degrees clockwise from the top, on a
 * wheel whose year begins with `startMonth`. Leap years have 366 days.
 */
export function angleOfDate(date: string, startMonth = 1): number {
  const { start, days } = wheelLength(wheelStartOf(date, startMonth));
  return ((utc(date) - start) / DAY / days) * 360;
}

/**
 * The arc of an occurrence (first and last day, inclusive) on the wheel year
 * that begins on `wheelStart`: from the start of its first day to the end
 * of its last, clipped to the wheel year; null when it does not touch it.
 */
export function arcOf(span: { start: string; end: string }, wheelStart: string): { from: number; to: number } | null {
  const wheel = wheelLength(wheelStart);
  const first = utc(span.start);
  const afterLast = utc(span.end) + DAY;
  if (afterLast <= wheel.start || first >= wheel.end) return null;
  const clip = (t: number) => Math.min(Math.max(t, wheel.start), wheel.end);
  const angle = (t: number) => ((clip(t) - wheel.start) / DAY / wheel.days) * 360;
  return { from: angle(first), to: angle(afterLast) };
}

/**
 * Lanes for arcs in one ring: each arc gets the first lane where it does
 * not overlap an arc already there (arcs taken in start order). Returns
 * the lane of each arc, in the input order.
 */
export function assignLanes(arcs: readonly { from: number; to: number }[]): number[] {
  const order = arcs.map((arc, index) => ({ arc, index })).sort((a, b) => a.arc.from - b.arc.from || b.arc.to - a.arc.to);
  const laneEnds: number[] = [];
  const lanes = new Array<number>(arcs.length);
  for (const { arc, index } of order) {
    let lane = laneEnds.findIndex((end) => end <= arc.from);
    if (lane < 0) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = arc.to;
    lanes[index] = lane;
  }
  return lanes;
}

/** A point on a circle at an angle (degrees clockwise from the top). */
export function pointAt(cx: number, cy: number, radius: number, angle: number): [number, number] {
  const radians = (angle * Math.PI) / 180;
  return [cx + radius * Math.sin(radians), cy - radius * Math.cos(radians)];
}

/** SVG path of a ring sector between two radii and two angles; a whole ring when they are 360° apart. */
export function sectorPath(cx: number, cy: number, inner: number, outer: number, from: number, to: number): string {
  const f = (n: number) => n.toFixed(2);
  if (to - from >= 360) {
    // An arc cannot end where it starts: a whole ring is two half rings, the inner one drawn the other way round (the hole).
    const circle = (r: number, sweep: 0 | 1) => `M${f(cx)} ${f(cy - r)}A${r} ${r} 0 1 ${sweep} ${f(cx)} ${f(cy + r)}A${r} ${r} 0 1 ${sweep} ${f(cx)} ${f(cy - r)}Z`;
    return circle(outer, 1) + circle(inner, 0);
  }
  const large = to - from > 180 ? 1 : 0;
  const [x1, y1] = pointAt(cx, cy, outer, from);
  const [x2, y2] = pointAt(cx, cy, outer, to);
  const [x3, y3] = pointAt(cx, cy, inner, to);
  const [x4, y4] = pointAt(cx, cy, inner, from);
  return `M${f(x1)} ${f(y1)}A${outer} ${outer} 0 ${large} 1 ${f(x2)} ${f(y2)}L${f(x3)} ${f(y3)}A${inner} ${inner} 0 ${large} 0 ${f(x4)} ${f(y4)}Z`;
}

/** A region of the wheel in polar terms: between two radii and two angles (degrees). */
export interface PolarBox {
  inner: number;
  outer: number;
  from: number;
  to: number;
}

function overlaps(a: PolarBox, b: PolarBox): boolean {
  if (a.outer <= b.inner || b.outer <= a.inner) return false;
  // Angles wrap at the top of the wheel.
  return [-360, 0, 360].some((shift) => a.from + shift < b.to && b.from < a.to + shift);
}

/** An item's arc in its lane, with the names it may carry, longest first. */
export interface LabelArc {
  from: number;
  to: number;
  inner: number;
  outer: number;
  names: string[];
}

export type ArcLabel =
  | { kind: 'text'; text: string; fontSize: number; radius: number; box: PolarBox }
  | { kind: 'callout'; number: number; angle: number; radius: number; box: PolarBox };

export interface LabelOptions {
  /** Width of a text at a font size, in the wheel's units. */
  measure: (text: string, fontSize: number) => number;
  maxFont: number;
  minFont: number;
  /** Radius of a numbered callout's badge. */
  badge: number;
  /** Where callouts go that find no room on their arc: a track outside the rings. */
  outerTrack: number;
  /** Places no label may cover (today's marker). */
  obstacles?: PolarBox[];
}

const degrees = (length: number, radius: number) => (length / radius) * (180 / Math.PI);

/**
 * Labels of the wheel's arcs, none covering another. Each arc gets the
 * first of its names that fits along it, in its own lane (lanes never
 * overlap, so such labels cannot collide); an arc where none fits gets a
 * numbered callout, numbered clockwise from the top, on the arc when
 * there is room and otherwise on the outer track next to its angle.
 */
export function layoutLabels(arcs: readonly LabelArc[], options: LabelOptions): ArcLabel[] {
  const { measure, maxFont, minFont, badge } = options;
  const labels: (ArcLabel | null)[] = arcs.map((arc) => {
    const largest = Math.min(maxFont, (arc.outer - arc.inner) * 0.62);
    const radius = (arc.inner + arc.outer) / 2;
    const room = (((arc.to - arc.from) * Math.PI) / 180) * radius - 8;
    const middle = (arc.from + arc.to) / 2;
    // The full name in a smaller font before the short name, and both before a callout.
    for (const name of arc.names) {
      for (let fontSize = largest; fontSize >= minFont; fontSize -= 1) {
        // A little slack: the browser's font may be wider than the measuring one.
        const width = measure(name, fontSize) * 1.05;
        if (width <= room) {
          const half = degrees(width / 2, radius);
          return { kind: 'text', text: name, fontSize, radius, box: { inner: arc.inner, outer: arc.outer, from: middle - half, to: middle + half } };
        }
      }
    }
    return null;
  });
  const taken: PolarBox[] = [...(options.obstacles ?? []), ...labels.flatMap((label) => (label ? [label.box] : []))];
  const badgeBox = (radius: number, angle: number): PolarBox => {
    const half = degrees(badge + 1.5, radius);
    return { inner: radius - badge - 1.5, outer: radius + badge + 1.5, from: angle - half, to: angle + half };
  };
  const free = (box: PolarBox) => !taken.some((other) => overlaps(box, other));
  const waiting = arcs
    .map((arc, index) => ({ arc, index }))
    .filter(({ index }) => labels[index] === null)
    .sort((a, b) => a.arc.from + a.arc.to - (b.arc.from + b.arc.to) || b.arc.outer - a.arc.outer);
  waiting.forEach(({ arc, index }, order) => {
    const middle = (arc.from + arc.to) / 2;
    const candidates: [number, number][] = [];
    const radius = (arc.inner + arc.outer) / 2;
    if (arc.outer - arc.inner >= 2 * badge + 1) {
      const margin = degrees(badge + 1.5, radius);
      const step = degrees(badge, radius);
      for (let offset = 0; middle - offset >= arc.from + margin || offset === 0; offset += step) {
        for (const angle of offset === 0 ? [middle] : [middle - offset, middle + offset]) {
          if (angle - margin >= arc.from - 0.01 && angle + margin <= arc.to + 0.01) candidates.push([radius, angle]);
        }
        if (offset > 360) break;
      }
    }
    const step = degrees(badge, options.outerTrack);
    for (let offset = 0; offset <= 180; offset += step) candidates.push([options.outerTrack, middle + offset], [options.outerTrack, middle - offset]);
    const [r, angle] = candidates.find(([r, a]) => free(badgeBox(r, a))) ?? candidates[candidates.length - 1]!;
    const box = badgeBox(r, angle);
    taken.push(box);
    labels[index] = { kind: 'callout', number: order + 1, angle: ((angle % 360) + 360) % 360, radius: r, box };
  });
  return labels as ArcLabel[];
}

/** Points in order around the wheel, moved apart clockwise where they would be closer than `gap` degrees. */
export function spreadAngles(angles: readonly number[], gap: number): number[] {
  const order = angles.map((angle, index) => ({ angle, index })).sort((a, b) => a.angle - b.angle);
  const spread = new Array<number>(angles.length);
  let last = -Infinity;
  for (const { angle, index } of order) {
    last = Math.max(angle, last + gap);
    spread[index] = last;
  }
  return spread;
}

/**
 * Days on one track of the wheel gathered into markers, in order around it:
 * each day is one marker, and a day closer than `gap` degrees (a marker's
 * width) to the first day of the marker before it joins that marker. So
 * there are never more than 360 / gap + 1 markers, whatever the number of
 * days, and each stays on its own dates.
 *
 * @example groupDays([{ angle: 10 }, { angle: 11 }, { angle: 40 }], 3) // [[{ angle: 10 }, { angle: 11 }], [{ angle: 40 }]]
 */
export function groupDays<T extends { angle: number }>(days: readonly T[], gap: number): T[][] {
  const groups: T[][] = [];
  for (const day of [...days].sort((a, b) => a.angle - b.angle)) {
    const last = groups[groups.length - 1];
    if (last && day.angle - last[0]!.angle < gap) last.push(day);
    else groups.push([day]);
  }
  return groups;
}
