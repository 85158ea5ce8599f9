import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { type AnnualClock, type CouncilTermClock, clockFeedUrl, getClock, getCouncilTerm, getTaxonomy, isProblem } from '../api';
import { Failed, Loading } from '../components/status';
import { DataTable } from '../components/data-table';
import { YearList } from '../components/year-list';
import { type ChosenEvent, ChosenEventList, ChosenEventsTable, EventChoices, chosenDay, loadChosenEvents } from '../components/clock-events';
import { CategoryLegend, type ClockItem, type Contrast, type PlanDay, RingLegend, Wheel, eventDay, planDayText, planDays, spanText } from '../components/wheel';
import { finnishDate } from '../filters';
import { type I18n, useI18n, withLanguage } from '../i18n';
import { usePageTitle } from '../use-page-title';
import { useResource } from '../use-resource';
import { sourceText } from '../../worker/shared/clock-sources';
import { wheelStartOf } from '../../worker/shared/wheel';

type View = 'wheel' | 'table' | 'term';

interface ClockState {
  view: View;
  year: number;
  startMonth: number;
  ring: string;
  organisation: string;
  clock: string | null;
  /** The month opened into a list, 'YYYY-MM'. */
  month: string | null;
  contrast: Contrast;
  /** Networks and event types whose events the wheel shows too. */
  network: string[];
  type: string[];
  /** The paper the wheel prints on, landscape. */
  paper: Paper;
}

type Paper = 'a4' | 'a3';

function readClockState(search: string, today: string): ClockState {
  const query = new URLSearchParams(search);
  const view = query.get('view');
  const year = Number(query.get('year'));
  const start = Number(query.get('start'));
  const startMonth = start >= 1 && start <= 12 ? start : 1;
  return {
    view: view === 'table' || view === 'term' ? view : 'wheel',
    // The default is the wheel year that contains today.
    year: year >= 2000 && year <= 2100 ? year : Number(wheelStartOf(today, startMonth).slice(0, 4)),
    startMonth,
    ring: query.get('ring') ?? '',
    organisation: query.get('organisation') ?? '',
    clock: query.get('clock'),
    month: /^\d{4}-(0[1-9]|1[0-2])$/.test(query.get('month') ?? '') ? query.get('month') : null,
    contrast: query.get('contrast') === 'high' ? 'high' : 'normal',
    network: query.getAll('network').filter((value) => /^[a-z0-9-]{1,60}$/.test(value)),
    type: query.getAll('type').filter((value) => /^[a-z0-9-]{1,60}$/.test(value)),
    paper: query.get('paper') === 'a3' ? 'a3' : 'a4',
  };
}

function writeClockState(path: string, state: ClockState, language: string): string {
  const query = new URLSearchParams();
  if (state.clock) query.set('clock', state.clock);
  if (state.view !== 'wheel') query.set('view', state.view);
  query.set('year', String(state.year));
  if (state.startMonth !== 1) query.set('start', String(state.startMonth));
  if (state.ring) query.set('ring', state.ring);
  if (state.organisation) query.set('organisation', state.organisation);
  if (state.month && state.view !== 'term') query.set('month', state.month);
  if (state.contrast === 'high') query.set('contrast', 'high');
  for (const network of state.network) query.append('network', network);
  for (const type of state.type) query.append('type', type);
  if (state.paper === 'a3') query.set('paper', 'a3');
  if (language !== 'fi') query.set('lang', language);
  return `${path}?${query}`;
}

/** Items of the wheel year: with a start month other than January it spans two calendar years. */
async function wheelItems(state: ClockState, signal: AbortSignal): Promise<AnnualClock> {
  const first = await getClock(state.year, state.clock, signal);
  if (state.startMonth === 1) return first;
  const second = await getClock(state.year + 1, state.clock, signal);
  const byId = new Map(first.items.map((item) => [item.id, { ...item, occurrences: [...item.occurrences], events: item.events.map((e) => ({ ...e })), plans: [...item.plans] }]));
  for (const item of second.items) {
    const known = byId.get(item.id);
    if (!known) byId.set(item.id, item);
    else {
      for (const o of item.occurrences) if (!known.occurrences.some((k) => k.start === o.start)) known.occurrences.push(o);
      for (const e of item.events) {
        const same = known.events.find((k) => k.id === e.id);
        // An event of both years has the decisions of each.
        if (!same) known.events.push(e);
        else same.plans = [...same.plans, ...e.plans.filter((p) => !same.plans.some((k) => k.decision.date === p.decision.date))];
      }
      for (const p of item.plans) if (!known.plans.some((k) => k.decision.date === p.decision.date)) known.plans.push(p);
    }
  }
  return { ...first, items: [...byId.values()] };
}

function repeatText(item: ClockItem, i18n: I18n): string {
  const { t } = i18n;
  return item.repeat === 'yearly' ? t.everyYear : item.repeat === 'odd-years' ? t.oddYears : item.repeat === 'even-years' ? t.evenYears : `${t.onceIn} ${item.onceYear}`;
}

/** A decision's preparation steps, earliest first, and the decision on its day. */
function PlanSteps({ plan }: { plan: ClockItem['plans'][number] }) {
  const i18n = useI18n();
  const { t, pick } = i18n;
  return (
    <ol class="plan-steps">
      {plan.steps.map((step) => (
        <li key={`${step.workingDaysBefore}/${step.date}`}>
          <span lang={i18n.langOf(step.title)}>{pick(step.title)}</span> – {i18n.day(step.date)} <span class="small">({step.workingDaysBefore} {t.daysBefore})</span>
        </li>
      ))}
      <li>
        <strong>
          {t.planDecision}: <span lang={i18n.langOf(plan.decision.title)}>{pick(plan.decision.title)}</span> – {i18n.day(plan.decision.date)}
        </strong>
      </li>
    </ol>
  );
}

function Details({ item, organisations }: { item: ClockItem | undefined; organisations: Map<string, string> }) {
  const i18n = useI18n();
  const { t, pick, language } = i18n;
  if (!item) return <p class="details-empty">{t.chooseItem}</p>;
  return (
    <div class="clock-details" aria-live="polite">
      <h2 lang={i18n.langOf(item.title)}>{pick(item.title)}</h2>
      <p>
        <strong>{t.period}:</strong> {item.occurrences.map((o) => spanText(i18n, o)).join(', ')} ({repeatText(item, i18n)})
      </p>
      {pick(item.description) && <p lang={i18n.langOf(item.description)}>{pick(item.description)}</p>}
      {item.responsibleOrganisation && (
        <p>
          <strong>{t.responsible}:</strong> {organisations.get(item.responsibleOrganisation) ?? item.responsibleOrganisation}
        </p>
      )}
      {item.source && (
        <p>
          <strong>{t.source}:</strong> {sourceText(item.source, i18n.language)}
        </p>
      )}
      {item.plans.length > 0 && (
        <>
          <h3>{t.planLegend}</h3>
          {item.plans.map((plan) => (
            <PlanSteps key={plan.decision.date} plan={plan} />
          ))}
        </>
      )}
      {item.links.length > 0 && (
        <ul>
          {item.links.map((link) => (
            <li key={link.url}>
              <a href={link.url}>{link.title}</a>
            </li>
          ))}
        </ul>
      )}
      <h3>{t.relatedEvents}</h3>
      {item.events.length === 0 ? (
        <p>{t.noRelatedEvents}</p>
      ) : (
        <ul>
          {item.events.map((event) => (
            <li key={event.id}>
              <a href={withLanguage(`/events/${event.id}`, language)} lang={i18n.langOf(event.title)}>{pick(event.title)}</a> – {event.allDay ? i18n.day(event.start) : i18n.date(event.startsAt)}
              {event.status === 'cancelled' && <span class="badge badge-cancelled">{t.cancelled}</span>}
              {event.plans.map((plan) => (
                <PlanSteps key={plan.decision.date} plan={plan} />
              ))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The months of the wheel year in order, 'YYYY-MM'. */
function wheelMonths(year: number, startMonth: number): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((startMonth - 1 + i) % 12) + 1;
    return `${month >= startMonth ? year : year + 1}-${String(month).padStart(2, '0')}`;
  });
}

/** A month opened into a list: the items that touch it and the events that realise them in it. */
function MonthList({ month, items, chosen, onSelect, onClose }: { month: string; items: ClockItem[]; chosen: ChosenEvent[] | null; onSelect?: (id: number) => void; onClose: () => void }) {
  const i18n = useI18n();
  const { t, pick, language } = i18n;
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const first = `${month}-01`;
  const last = `${month}-${String(new Date(Date.UTC(year, monthNumber, 0)).getUTCDate()).padStart(2, '0')}`;
  const touching = items.filter((item) => item.occurrences.some((o) => o.start <= last && o.end >= first));
  const events = items
    .flatMap((item) => item.events.map((event) => ({ event, item })))
    .filter(({ event }, index, all) => eventDay(event) >= first && eventDay(event) <= last && all.findIndex((other) => other.event.id === event.id) === index)
    .sort((a, b) => a.event.start.localeCompare(b.event.start));
  const plans = planDays(items, first, monthNumber === 12 ? `${year + 1}-01-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}-01`);
  const title = i18n.month(year, monthNumber);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a month takes the reader to its list.
  useEffect(() => heading.current?.focus(), [month]);
  return (
    <section class="month-list" aria-labelledby="month-list-title">
      <h2 id="month-list-title" tabIndex={-1} ref={heading}>
        {title}
      </h2>
      <p class="small">{t.monthTitle}</p>
      <h3>{t.monthItems}</h3>
      {touching.length === 0 ? (
        <p>{t.noMonthItems}</p>
      ) : (
        <ul>
          {touching.map((item) => (
            <li key={item.id}>
              {onSelect ? (
                <button type="button" class="link-button" onClick={() => onSelect(item.id)} lang={i18n.langOf(item.title)}>
                  {pick(item.title)}
                </button>
              ) : (
                <span lang={i18n.langOf(item.title)}>{pick(item.title)}</span>
              )}{' '}
              <span class="small">({item.occurrences.filter((o) => o.start <= last && o.end >= first).map((o) => spanText(i18n, o)).join(', ')})</span>
            </li>
          ))}
        </ul>
      )}
      {plans.length > 0 && (
        <>
          <h3>{t.planLegend}</h3>
          <ul>
            {plans.map((day) => (
              <li key={day.key} class={`plan-${day.kind}`}>
                {planDayText(i18n, day)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t.monthEvents}</h3>
      {events.length === 0 ? (
        <p>{t.noMonthEvents}</p>
      ) : (
        <ul>
          {events.map(({ event }) => (
            <li key={event.id}>
              <a href={withLanguage(`/events/${event.id}`, language)} lang={i18n.langOf(event.title)}>
                {pick(event.title)}
              </a>{' '}
              – {event.allDay ? i18n.day(event.start) : i18n.date(event.startsAt)}
              {event.status === 'cancelled' && <span class="badge badge-cancelled">{t.cancelled}</span>}
            </li>
          ))}
        </ul>
      )}
      {chosen && (
        <>
          <h3>{t.chosenEvents}</h3>
          {(() => {
            const inMonth = chosen.filter((event) => chosenDay(event) >= first && chosenDay(event) <= last);
            return inMonth.length === 0 ? <p>{t.noMonthEvents}</p> : <ChosenEventList events={inMonth} />;
          })()}
        </>
      )}
      <button type="button" onClick={onClose}>
        {t.closeMonth}
      </button>
    </section>
  );
}

/** Buttons that open a month of the wheel year into a list (the table view's way in). */
function MonthButtons({ months, open, onOpen }: { months: string[]; open: string | null; onOpen: (month: string | null) => void }) {
  const i18n = useI18n();
  return (
    <div class="segmented month-buttons" role="group" aria-label={i18n.t.showMonth}>
      {months.map((month) => {
        const [year, number] = month.split('-').map(Number) as [number, number];
        return (
          <button key={month} type="button" aria-pressed={open === month} onClick={() => onOpen(open === month ? null : month)}>
            {i18n.month(year, number).replace(/\s*\d{4}$/, '')}
            <span class="visually-hidden"> {year}</span>
          </button>
        );
      })}
    </div>
  );
}

/** A row of the clock's table: an item, or one of its decision's days (the decision and its preparation steps) under it. */
type ClockRow = { item: ClockItem; day: null } | { item: ClockItem; day: PlanDay };

function ClockTable({ clock, items, organisations }: { clock: AnnualClock; items: ClockItem[]; organisations: Map<string, string> }) {
  const i18n = useI18n();
  const { t, pick, language } = i18n;
  const ringName = (slug: string | null) => pick(clock.clock.rings.find((r) => r.slug === slug)?.name ?? { fi: '', sv: null, en: null });
  const rows = items.flatMap((item): ClockRow[] => [{ item, day: null }, ...planDays([item], `${clock.year}-01-01`, `${clock.year + 1}-01-01`).map((day) => ({ item, day }))]);
  return (
    <DataTable
      caption={`${t.clock} ${clock.year}`}
      captionShown
      rows={rows}
      rowKey={(row) => (row.day ? row.day.key : row.item.id)}
      rowAttributes={(row) => (row.day ? { class: `plan-row plan-${row.day.kind}` } : {})}
      columns={[
        { header: t.ring, cell: (row) => ringName(row.item.ring) },
        {
          header: t.item,
          rowHeader: true,
          cellAttributes: (row) => (row.day ? {} : { lang: i18n.langOf(row.item.title) }),
          cell: ({ item, day }) =>
            day ? (
              <>
                <span class="small">{day.kind === 'decision' ? t.planDecision : t.planStep}:</span> <span lang={i18n.langOf(day.title)}>{pick(day.title)}</span>
              </>
            ) : (
              pick(item.title)
            ),
        },
        {
          header: t.period,
          cell: ({ item, day }) =>
            day ? (
              <>
                {i18n.day(day.date)}
                {day.workingDaysBefore !== null && <span class="small"> ({day.workingDaysBefore} {t.daysBefore})</span>}
              </>
            ) : (
              `${item.occurrences.map((o) => spanText(i18n, o)).join(', ')} (${repeatText(item, i18n)})`
            ),
        },
        { header: t.responsible, cell: ({ item, day }) => (day || !item.responsibleOrganisation ? '' : (organisations.get(item.responsibleOrganisation) ?? item.responsibleOrganisation)) },
        {
          header: t.relatedEvents,
          cell: ({ item, day }) =>
            day
              ? day.event && (
                  // The decision is made at this event.
                  <a href={withLanguage(`/events/${day.event.id}`, language)} lang={i18n.langOf(day.event.title)}>
                    {pick(day.event.title)}
                  </a>
                )
              : item.events.map((event, index) => (
                  <span key={event.id}>
                    {index > 0 && ', '}
                    <a href={withLanguage(`/events/${event.id}`, language)} lang={i18n.langOf(event.title)}>
                      {pick(event.title)}
                    </a>
                  </span>
                )),
        },
      ]}
    />
  );
}

function TermView({ clock, ring, organisation }: { clock: string | null; ring: string; organisation: string }) {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const term = useResource(`council-term ${clock ?? ''}`, (signal) => getCouncilTerm(clock, signal));
  if (term.state === 'loading') return <Loading />;
  if (term.state === 'failed') return <Failed retry={term.retry} />;
  const data: CouncilTermClock = term.value;
  const items = data.items.filter((item) => (!ring || item.ring === ring) && (!organisation || item.responsibleOrganisation === organisation));
  const current = (year: number) => year === data.currentYear;
  return (
    <DataTable
      class="term-table"
      caption={`${t.councilTerm} ${data.term.name}`}
      captionShown
      rows={items}
      rowKey={(item) => item.id}
      columns={[
        {
          header: t.item,
          rowHeader: true,
          cell: (item) => (
            <>
              {pick(item.title)}
              {item.source && <span class="small source"> {sourceText(item.source, i18n.language)}</span>}
            </>
          ),
        },
        ...data.term.years.map((year) => {
          const on = (item: (typeof items)[number]) => year.year >= item.termYears.start && year.year <= item.termYears.end;
          return {
            header: (
              <>
                {year.year}. {t.year.toLowerCase()}
                <br />
                <span class="small">
                  {i18n.day(year.start)} – {i18n.day(year.end)}
                </span>
                {current(year.year) && (
                  <>
                    <br />
                    <span class="small">({t.currentTermYear})</span>
                  </>
                )}
              </>
            ),
            headerAttributes: current(year.year) ? { class: 'current', 'aria-current': 'true' as const } : {},
            class: (item: (typeof items)[number]) => [on(item) ? 'on' : '', current(year.year) ? 'current' : ''].filter(Boolean).join(' ') || undefined,
            cell: (item: (typeof items)[number]) =>
              on(item) && (
                <span class="bar" style={{ background: item.colour }}>
                  ✓<span class="visually-hidden"> {pick(item.title)}</span>
                </span>
              ),
          };
        }),
      ]}
    />
  );
}

/** Downloads the wheel as SVG, or drawn on a canvas as PNG. */
function exportWheel(svg: SVGSVGElement | null, format: 'svg' | 'png', name: string) {
  if (!svg) return;
  const text = new XMLSerializer().serializeToString(svg);
  const svgBlob = new Blob([text], { type: 'image/svg+xml' });
  const download = (blob: Blob, extension: string) => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${name}.${extension}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };
  if (format === 'svg') return download(svgBlob, 'svg');
  const image = new Image();
  image.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1440;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    canvas.toBlob((blob) => blob && download(blob, 'png'), 'image/png');
  };
  image.src = URL.createObjectURL(svgBlob);
}

export function ClockPage({ embedded = false }: { embedded?: boolean }) {
  const { url, path, route } = useLocation();
  const i18n = useI18n();
  const { t, pick, language } = i18n;
  const today = finnishDate(new Date());
  const state = readClockState(url.includes('?') ? url.slice(url.indexOf('?')) : '', today);
  const [selected, setSelected] = useState<number | null>(null);
  // The page's paper: @page rules cannot be chosen by a selector inside the page, but a named page (styles.css) can.
  useLayoutEffect(() => {
    document.documentElement.classList.toggle('print-a3', state.paper === 'a3');
    return () => document.documentElement.classList.remove('print-a3');
  }, [state.paper]);
  const wheelRef = useRef<HTMLDivElement>(null);
  const clock = useResource(JSON.stringify([state.year, state.startMonth, state.clock]), (signal) => wheelItems(state, signal));
  const taxonomy = useResource('taxonomy', () => getTaxonomy());
  const wheelStart = `${state.year}-${String(state.startMonth).padStart(2, '0')}-01`;
  const wheelEnd = `${state.year + 1}-${String(state.startMonth).padStart(2, '0')}-01`;
  const choosing = state.network.length > 0 || state.type.length > 0;
  const chosenLoad = useResource(JSON.stringify([state.network, state.type, wheelStart]), (signal) => loadChosenEvents(state, { from: wheelStart, to: wheelEnd }, signal));
  const chosen = choosing && chosenLoad.state === 'ready' ? chosenLoad.value : null;
  const organisations = new Map(taxonomy.state === 'ready' ? taxonomy.value.organisations.map((o) => [o.slug, pick(o.name)]) : []);
  const update = (next: Partial<ClockState>) => route(writeClockState(path, { ...state, ...next }, language));
  const clockMissing = clock.state === 'failed' && isProblem(clock.error, 404);
  const viewName = state.view === 'wheel' ? t.wheelView : state.view === 'table' ? t.tableView : t.termView;
  usePageTitle(clockMissing ? t.clockNotFound : clock.state === 'ready' ? `${pick(clock.value.clock.name)}: ${viewName}` : null);

  const controls = (
    <div class="clock-controls">
      <div class="segmented" role="group" aria-label={t.view}>
        {(['wheel', 'table', 'term'] as View[]).map((view) => (
          <button key={view} type="button" aria-pressed={state.view === view} onClick={() => update({ view })}>
            {view === 'wheel' ? t.wheelView : view === 'table' ? t.tableView : t.termView}
          </button>
        ))}
      </div>
      {state.view !== 'term' && (
        <div class="year-nav">
          <button type="button" onClick={() => update({ year: state.year - 1 })} aria-label={t.previousYear}>
            ‹
          </button>
          <span aria-live="polite">
            {t.year} {state.startMonth === 1 ? state.year : `${state.year}–${state.year + 1}`}
          </span>
          <button type="button" onClick={() => update({ year: state.year + 1 })} aria-label={t.nextYear}>
            ›
          </button>
        </div>
      )}
      {state.view === 'wheel' && (
        <div class="field inline-field">
          <label for="clock-start">{t.startMonth}</label>
          <select id="clock-start" value={String(state.startMonth)} onChange={(event) => update({ startMonth: Number(event.currentTarget.value) })}>
            {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => (
              <option key={month} value={String(month)}>
                {i18n.month(2024, month).replace(/\s*\d{4}$/, '')}
              </option>
            ))}
          </select>
        </div>
      )}
      {clock.state === 'ready' && (
        <div class="field inline-field">
          <label for="clock-organisation">{t.responsible}</label>
          <select id="clock-organisation" value={state.organisation} onChange={(event) => update({ organisation: event.currentTarget.value })}>
            <option value="">{t.all}</option>
            {[...new Set(clock.value.items.map((item) => item.responsibleOrganisation).filter((slug): slug is string => slug !== null))].map((slug) => (
              <option key={slug} value={slug}>
                {organisations.get(slug) ?? slug}
              </option>
            ))}
          </select>
        </div>
      )}
      {state.view !== 'term' && (
        <button type="button" class="contrast-switch" aria-pressed={state.contrast === 'high'} onClick={() => update({ contrast: state.contrast === 'high' ? 'normal' : 'high' })}>
          {t.highContrast}
        </button>
      )}
      {clock.state === 'ready' && (
        <div class="field inline-field">
          <label for="clock-ring">{t.ring}</label>
          <select id="clock-ring" value={state.ring} onChange={(event) => update({ ring: event.currentTarget.value })}>
            <option value="">{t.allRings}</option>
            {clock.value.clock.rings.map((ring) => (
              <option key={ring.slug} value={ring.slug}>
                {pick(ring.name)}
              </option>
            ))}
          </select>
        </div>
      )}
      {state.view !== 'term' && <EventChoices taxonomy={taxonomy.state === 'ready' ? taxonomy.value : null} choice={state} onChange={(choice) => update(choice)} />}
    </div>
  );

  return (
    <section class={embedded ? 'clock embed' : 'clock'} aria-labelledby="clock-title">
      <div class="page-head">
        <h1 id="clock-title">{clock.state === 'ready' ? pick(clock.value.clock.name) : t.clockTitle}</h1>
        {!embedded && (
          <p class="button-row no-print">
            <a class="button" href={clockFeedUrl(state.clock, language)}>
              {t.subscribeClock}
            </a>{' '}
            <a class="button" href={withLanguage(`/clock/compare?${new URLSearchParams({ ...(state.clock ? { clock: state.clock } : {}), from: String(state.year - 1), to: String(state.year) })}`, language)}>{t.compareLink}</a>
          </p>
        )}
      </div>
      {controls}
      {state.view === 'term' ? (
        <TermView clock={state.clock} ring={state.ring} organisation={state.organisation} />
      ) : clock.state === 'loading' ? (
        <Loading />
      ) : clockMissing ? (
        <Failed message={t.clockNotFound} />
      ) : clock.state === 'failed' ? (
        <Failed retry={clock.retry} />
      ) : (
        (() => {
          const items = clock.value.items.filter((item) => (!state.ring || item.ring === state.ring) && (!state.organisation || item.responsibleOrganisation === state.organisation));
          const rings = clock.value.clock.rings.filter((ring) => !state.ring || ring.slug === state.ring);
          const months = wheelMonths(state.year, state.startMonth);
          const openMonth = state.month && months.includes(state.month) ? state.month : null;
          const chosenStatus = !choosing ? null : chosenLoad.state === 'loading' ? <Loading /> : chosenLoad.state === 'failed' ? <Failed retry={chosenLoad.retry} /> : null;
          const monthList = openMonth && <MonthList month={openMonth} items={items} chosen={chosen} onSelect={state.view === 'wheel' ? setSelected : undefined} onClose={() => update({ month: null })} />;
          if (state.view === 'table') {
            return (
              <>
                <MonthButtons months={months} open={openMonth} onOpen={(month) => update({ month })} />
                {monthList}
                <ClockTable clock={clock.value} items={items} organisations={organisations} />
                {chosenStatus}
                {chosen && <ChosenEventsTable events={chosen} caption={`${t.chosenEvents} ${state.startMonth === 1 ? state.year : `${state.year}–${state.year + 1}`}`} taxonomy={taxonomy.state === 'ready' ? taxonomy.value : null} />}
              </>
            );
          }
          return (
            <div class="clock-wheel-view">
            <YearList
              items={items}
              months={months}
              wheelStart={wheelStart}
              chosen={chosen}
              contrast={state.contrast}
              onShowWheel={() => {
                const box = wheelRef.current;
                box?.scrollIntoView({ block: 'start' });
                box?.focus({ preventScroll: true });
              }}
            />
            <div class="clock-layout">
              <div class="wheel-box" id="clock-wheel" ref={wheelRef} tabIndex={-1}>
                <Wheel
                  items={items}
                  rings={rings}
                  wheelStart={wheelStart}
                  startMonth={state.startMonth}
                  today={today}
                  selected={selected}
                  onSelect={setSelected}
                  openMonth={openMonth}
                  onOpenMonth={(month) => update({ month: month === openMonth ? null : month })}
                  contrast={state.contrast}
                  title={pick(clock.value.clock.name)}
                  chosen={chosen ?? undefined}
                  onShowMonth={(month) => update({ month })}
                />
                {chosenStatus}
                <RingLegend rings={rings} contrast={state.contrast} />
                <CategoryLegend items={items} contrast={state.contrast} chosen={chosen !== null} />
                {!embedded && (
                  <p class="button-row no-print">
                    <button type="button" onClick={() => exportWheel(wheelRef.current?.querySelector('svg') ?? null, 'svg', `vuosikello-${state.year}`)}>
                      {t.exportSvg}
                    </button>
                    <button type="button" onClick={() => exportWheel(wheelRef.current?.querySelector('svg') ?? null, 'png', `vuosikello-${state.year}`)}>
                      {t.exportPng}
                    </button>
                    <span class="field inline-field print-paper">
                      <label for="clock-paper">{t.paper}</label>
                      <select id="clock-paper" value={state.paper} onChange={(event) => update({ paper: event.currentTarget.value === 'a3' ? 'a3' : 'a4' })}>
                        <option value="a4">A4</option>
                        <option value="a3">A3</option>
                      </select>
                    </span>
                    <button type="button" onClick={() => window.print()}>
                      {t.print}
                    </button>
                  </p>
                )}
              </div>
              <div class="clock-side">
                {monthList}
                <Details item={items.find((item) => item.id === selected)} organisations={organisations} />
              </div>
            </div>
            </div>
          );
        })()
      )}
    </section>
  );
}
