import { useLocation } from 'preact-iso';
import { getTaxonomy, listEvents } from '../api';
import { EventList } from '../components/event-list';
import { Empty, Failed, Loading } from '../components/status';
import { addDays, finnishDate, readState, writeState } from '../filters';
import { useI18n, withLanguage } from '../i18n';
import { usePageTitle } from '../use-page-title';
import { useResource } from '../use-resource';

/**
 * The embeddable widget: the next events for a municipality's own site,
 * in an iframe. Filters come from the URL (`/embed?municipality=oulu&limit=5`).
 */
export function EmbedPage() {
  const { url } = useLocation();
  const { t, language } = useI18n();
  const search = url.includes('?') ? url.slice(url.indexOf('?')) : '';
  const state = readState(search);
  const limit = Math.min(20, Math.max(1, Number(new URLSearchParams(search).get('limit')) || 5));
  const today = finnishDate(new Date());
  const filters = { network: state.network, type: state.type, municipality: state.municipality, organisation: state.organisation, q: state.q };
  const events = useResource(JSON.stringify([filters, limit]), (signal) => listEvents(filters, { from: today, to: addDays(today, 365) }, { limit, signal }));
  const taxonomy = useResource('taxonomy', () => getTaxonomy());
  usePageTitle(t.upcoming);
  return (
    <main id="content" class="embed">
      <h1 class="embed-title">{t.upcoming}</h1>
      {events.state === 'loading' && <Loading />}
      {events.state === 'failed' && <Failed retry={events.retry} />}
      {events.state === 'ready' && events.value.items.length === 0 && <Empty>{t.noEvents}</Empty>}
      {events.state === 'ready' && events.value.items.length > 0 && (
        <EventList items={events.value.items} taxonomy={taxonomy.state === 'ready' ? taxonomy.value : null} linkTarget="_blank" />
      )}
      <p class="embed-more">
        <a href={withLanguage(`/${writeState({ ...state, view: 'list', past: false, month: null }, 'fi')}`, language)} target="_blank" rel="noopener">
          {t.moreEvents}
        </a>
      </p>
    </main>
  );
}
