import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { type EventBriefList, type EventList as EventPage, type EventOccurrence, getTaxonomy, listAllEventBriefs, listEvents } from '../api';
import { EventList } from '../components/event-list';
import { Filters } from '../components/filters';
import { MonthGrid } from '../components/month-grid';
import { Empty, Failed, Loading } from '../components/status';
import { SubscribeDialog } from '../components/subscribe-dialog';
import { type CalendarState, addDays, addMonths, finnishDate, readState, writeState } from '../filters';
import { counted, fill, useI18n } from '../i18n';
import { usePageTitle } from '../use-page-title';
import { useResource } from '../use-resource';

const PAGE_SIZE = 50;

function searchOf(url: string): string {
  const index = url.indexOf('?');
  return index < 0 ? '' : url.slice(index);
}

/** The window of the view: a year ahead, the two past years, or the weeks of a month's grid. */
function windowOf(state: CalendarState, today: string): { from: string; to: string } {
  if (state.view === 'month') {
    const month = state.month ?? today.slice(0, 7);
    return { from: addDays(`${month}-01`, -7), to: addDays(`${addMonths(month, 1)}-01`, 7) };
  }
  return state.past ? { from: addDays(today, -730), to: addDays(today, 1) } : { from: today, to: addDays(today, 365) };
}

/** The first page of the view: the brief list for the month grid, whole events for the list. */
type FirstPage = { brief: true; page: EventBriefList } | { brief: false; page: EventPage };

export function CalendarPage() {
  const { url, route } = useLocation();
  const i18n = useI18n();
  const { t, language } = i18n;
  const state = readState(searchOf(url));
  const today = finnishDate(new Date());
  const month = state.month ?? today.slice(0, 7);
  const window = windowOf(state, today);
  const [subscribing, setSubscribing] = useState(false);
  const taxonomy = useResource('taxonomy', () => getTaxonomy());
  const filters = { network: state.network, type: state.type, municipality: state.municipality, organisation: state.organisation, q: state.q };
  const key = JSON.stringify([state.view, filters, window]);
  // The month grid needs the whole month, but of each event only its title and time: every page of the brief list.
  // The list view shows whole events, a page at a time; past events come newest first.
  const order = state.past && state.view === 'list' ? 'desc' : 'asc';
  const first = useResource<FirstPage>(key, async (signal) =>
    state.view === 'month' ? { brief: true, page: await listAllEventBriefs(filters, window, signal) } : { brief: false, page: await listEvents(filters, window, { limit: PAGE_SIZE, order, signal }) },
  );
  const ready = first.state === 'ready' ? first.value : null;
  // Further pages belong to the first page of the list they follow: a new first page starts them afresh, without another render.
  const page = ready && !ready.brief ? ready.page : null;
  const [further, setFurther] = useState<{ after: typeof page; items: EventOccurrence[]; cursor: string | null; loading: boolean; failed: boolean } | null>(null);
  const more = further?.after === page && page ? further : { after: page, items: [], cursor: page?.nextCursor ?? null, loading: false, failed: false };
  const setMore = (next: Omit<typeof more, 'after'>) => setFurther({ ...next, after: page });

  const update = (next: CalendarState) => route(`/${writeState(next, language)}`);
  const loadMore = async () => {
    setMore({ ...more, loading: true, failed: false });
    try {
      const next = await listEvents(filters, window, { limit: PAGE_SIZE, order, cursor: more.cursor });
      setMore({ items: [...more.items, ...next.items], cursor: next.nextCursor, loading: false, failed: false });
    } catch {
      setMore({ ...more, loading: false, failed: true });
    }
  };


  const occurrences = page ? [...page.items, ...more.items] : [];
  const shown = ready?.brief ? ready.page.items.length : occurrences.length;
  const heading = state.view === 'month' ? t.calendar : state.past ? t.past : t.upcoming;
  usePageTitle(heading);
  return (
    <>
      <div class="page-head">
        <h1>{heading}</h1>
        <button type="button" class="button primary" onClick={() => setSubscribing(true)} disabled={taxonomy.state !== 'ready'}>
          {t.subscribe}
        </button>
      </div>
      {taxonomy.state === 'failed' ? <Failed retry={taxonomy.retry} /> : <Filters state={state} taxonomy={taxonomy.state === 'ready' ? taxonomy.value : null} onChange={update} />}
      <div class="view-bar">
        <div class="segmented" role="group" aria-label={t.view}>
          <button type="button" aria-pressed={state.view === 'list'} onClick={() => update({ ...state, view: 'list' })}>
            {t.listView}
          </button>
          <button type="button" aria-pressed={state.view === 'month'} onClick={() => update({ ...state, view: 'month', month })}>
            {t.monthView}
          </button>
        </div>
        {state.view === 'list' ? (
          <button type="button" class="link-button" onClick={() => update({ ...state, past: !state.past })}>
            {state.past ? t.showUpcoming : t.showPast}
          </button>
        ) : (
          <div class="month-nav">
            <button type="button" onClick={() => update({ ...state, month: addMonths(month, -1) })} aria-label={t.previousMonth}>
              ‹ <span aria-hidden="true">{t.previousMonth}</span>
            </button>
            <button type="button" onClick={() => update({ ...state, month: addMonths(month, 1) })} aria-label={t.nextMonth}>
              <span aria-hidden="true">{t.nextMonth}</span> ›
            </button>
          </div>
        )}
      </div>
      {/* A count is announced, not the list: a filter change would otherwise read out every event. */}
      <p class="visually-hidden" role="status">
        {ready ? (shown === 0 ? t.noEvents : counted(t.eventsShown, shown)) : ''}
      </p>
      <section aria-busy={first.state === 'loading'}>
        {first.state === 'loading' && <Loading />}
        {first.state === 'failed' && <Failed retry={first.retry} />}
        {ready?.page.horizon && window.to > ready.page.horizon.slice(0, 10) && <p class="hint series-until">{fill(t.seriesUntil, { date: i18n.date(ready.page.horizon) })}</p>}
        {ready?.brief && <MonthGrid month={month} items={ready.page.items} today={today} />}
        {page && occurrences.length === 0 && <Empty>{t.noEvents}</Empty>}
        {page && occurrences.length > 0 && <EventList items={occurrences} taxonomy={taxonomy.state === 'ready' ? taxonomy.value : null} />}
        {state.view === 'list' && more.cursor && (
          <p class="load-more">
            <button type="button" onClick={loadMore} disabled={more.loading}>
              {more.loading ? t.loading : t.loadMore}
            </button>
          </p>
        )}
        {more.failed && <Failed retry={loadMore} />}
      </section>
      {subscribing && taxonomy.state === 'ready' && (
        <SubscribeDialog
          taxonomy={taxonomy.value}
          initial={{ network: filters.network, type: filters.type, municipality: filters.municipality, organisation: filters.organisation, lang: language }}
          search={filters.q}
          onClose={() => setSubscribing(false)}
        />
      )}
    </>
  );
}
