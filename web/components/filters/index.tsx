import { useEffect, useState } from 'preact/hooks';
import type { Taxonomy } from '../../api';
import type { CalendarState } from '../../filters';
import { hasFilters } from '../../filters';
import { useI18n } from '../../i18n';

type ListKey = 'network' | 'type' | 'municipality' | 'organisation';

/**
 * Filters of the calendar. Choices apply at once; the search applies when
 * submitted. Until the taxonomy has come (null) the choices are there but
 * empty and disabled, so that nothing below moves when they fill.
 */
export function Filters({ state, taxonomy, onChange }: { state: CalendarState; taxonomy: Taxonomy | null; onChange: (next: CalendarState) => void }) {
  const { t, pick } = useI18n();
  const [query, setQuery] = useState(state.q);
  useEffect(() => setQuery(state.q), [state.q]);
  const choose = (key: ListKey) => (event: Event) => {
    const value = (event.currentTarget as HTMLSelectElement).value;
    onChange({ ...state, [key]: value ? [value] : [] });
  };
  const select = (key: ListKey, label: string, options: preact.ComponentChildren) => (
    <div class="field">
      <label for={`filter-${key}`}>{label}</label>
      <select id={`filter-${key}`} value={state[key][0] ?? ''} onChange={choose(key)} disabled={!taxonomy}>
        <option value="">{t.all}</option>
        {taxonomy && options}
      </select>
    </div>
  );
  const terms = (list: { slug: string; name: { fi: string; sv: string | null; en: string | null } }[]) =>
    list.map((term) => (
      <option key={term.slug} value={term.slug}>
        {pick(term.name)}
      </option>
    ));
  return (
    <form
      class="filters"
      role="search"
      aria-label={t.filters}
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ ...state, q: query });
      }}
    >
      <div class="field field-search">
        <label for="filter-q">{t.search}</label>
        <div class="search-row">
          <input id="filter-q" type="search" value={query} placeholder={t.searchPlaceholder} onInput={(event) => setQuery(event.currentTarget.value)} />
          <button type="submit">{t.search}</button>
        </div>
      </div>
      {select('network', t.network, taxonomy && terms(taxonomy.networks))}
      {select('type', t.type, taxonomy && terms(taxonomy.eventTypes))}
      {select(
        'municipality',
        t.municipality,
        taxonomy?.areas.map((area) => (
          <optgroup key={area.slug} label={pick(area.name)}>
            {terms(taxonomy.municipalities.filter((m) => m.area === area.slug))}
          </optgroup>
        )),
      )}
      {select('organisation', t.organisation, taxonomy && terms(taxonomy.organisations))}
      {hasFilters(state) && (
        <div class="field field-clear">
          <button type="button" class="link-button" onClick={() => onChange({ ...state, network: [], type: [], municipality: [], organisation: [], q: '' })}>
            {t.clearFilters}
          </button>
        </div>
      )}
    </form>
  );
}
