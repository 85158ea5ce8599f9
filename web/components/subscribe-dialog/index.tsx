import { useEffect, useRef, useState } from 'preact/hooks';
import { type FeedFilters, REMINDERS, type Taxonomy, feedLinks, listEvents } from '../../api';
import { addDays, finnishDate } from '../../filters';
import { LANGUAGES, type Language, counted, fill, useI18n } from '../../i18n';

type ListKey = 'network' | 'type' | 'municipality' | 'organisation';
type Term = { slug: string; name: { fi: string; sv: string | null; en: string | null } };

/** Occurrences asked for to count a choice's coming events; more is said as "more than". */
const COUNT_PAGE = 200;

/** How many events the chosen feed holds in the coming year: null while asking, or when the answer did not come. */
function useComingCount(filters: FeedFilters): { count: number; more: boolean } | null {
  const [answer, setAnswer] = useState<{ count: number; more: boolean } | null>(null);
  const key = JSON.stringify([filters.network, filters.type, filters.municipality, filters.organisation]);
  useEffect(() => {
    const controller = new AbortController();
    // A burst of clicks asks once.
    const timer = setTimeout(async () => {
      const today = finnishDate(new Date());
      const chosen = { network: filters.network ?? [], type: filters.type ?? [], municipality: filters.municipality ?? [], organisation: filters.organisation ?? [], q: '' };
      try {
        const list = await listEvents(chosen, { from: today, to: addDays(today, 365) }, { limit: COUNT_PAGE, signal: controller.signal });
        setAnswer({ count: new Set(list.items.map((item) => item.id)).size, more: list.nextCursor !== null });
      } catch {
        if (!controller.signal.aborted) setAnswer(null);
      }
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key]);
  return answer;
}

/**
 * Builds a feed URL from chosen filters. The links come first (webcal,
 * copyable https, one-click Google, Outlook.com and Microsoft 365), then how
 * many coming events the choice holds, then the choices, which change the
 * links as they are made. A native <dialog>: focus moves in, Esc closes,
 * focus returns to the button that opened it.
 */
export function SubscribeDialog({ taxonomy, initial, search = '', onClose }: { taxonomy: Taxonomy; initial: FeedFilters; search?: string; onClose: () => void }) {
  const { t, pick, language } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [filters, setFilters] = useState<FeedFilters>({ ...initial, lang: initial.lang ?? language });
  const [copyStatus, setCopyStatus] = useState('');
  const coming = useComingCount(filters);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const selected = (key: ListKey) => filters[key] ?? [];
  const toggle = (key: ListKey, slug: string, on: boolean) => {
    setCopyStatus('');
    setFilters({ ...filters, [key]: on ? [...selected(key), slug] : selected(key).filter((s) => s !== slug) });
  };
  const checkboxes = (key: ListKey, terms: Term[]) =>
    terms.map((term) => (
      <label key={term.slug} class="check">
        <input type="checkbox" checked={selected(key).includes(term.slug)} onChange={(event) => toggle(key, term.slug, event.currentTarget.checked)} />
        {pick(term.name)}
      </label>
    ));
  const chosen = (key: ListKey) => (selected(key).length > 0 ? ` (${fill(t.chosenCount, { count: selected(key).length })})` : '');
  const group = (key: ListKey, legend: string, content: preact.ComponentChildren) => (
    <fieldset class="choices">
      <legend>
        {legend}
        {chosen(key)}
      </legend>
      {content}
    </fieldset>
  );
  // The long lists open on demand, so that the dialog is not one long column of checkboxes.
  const folded = (key: ListKey, legend: string, content: preact.ComponentChildren) => (
    <details class="choices folded" open={selected(key).length > 0}>
      <summary>
        {legend}
        {chosen(key)}
      </summary>
      <fieldset class="choices-inner">
        <legend class="visually-hidden">{legend}</legend>
        {content}
      </fieldset>
    </details>
  );
  const links = feedLinks(location.origin, filters, t.appName);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(links.https);
      setCopyStatus(t.copied);
    } catch {
      setCopyStatus(t.copyFailed);
    }
  };

  return (
    <dialog ref={dialog} class="subscribe-dialog" aria-labelledby="subscribe-title" onClose={onClose}>
      <div class="dialog-head">
        <h2 id="subscribe-title">{t.subscribeTitle}</h2>
        <button type="button" class="close" onClick={() => dialog.current?.close()}>
          {t.close}
        </button>
      </div>
      <div class="subscribe-links">
        <p>
          <a class="button primary" href={links.webcal}>
            {t.openInCalendarApp}
          </a>
        </p>
        <label for="feed-url">{t.feedAddress}</label>
        <div class="search-row">
          <input id="feed-url" type="text" readOnly value={links.https} onFocus={(event) => event.currentTarget.select()} />
          <button type="button" onClick={copy}>
            {t.copyLink}
          </button>
        </div>
        <p role="status" aria-live="polite" class="copy-status">
          {copyStatus}
        </p>
        <p class="button-row">
          <a class="button" href={links.google} target="_blank" rel="noopener noreferrer" aria-describedby="google-cancelled">
            {t.subscribeGoogle}
          </a>
          <a class="button" href={links.outlook} target="_blank" rel="noopener noreferrer">
            {t.subscribeOutlook}
          </a>
          <a class="button" href={links.office} target="_blank" rel="noopener noreferrer">
            {t.subscribeOffice}
          </a>
        </p>
        <p id="google-cancelled" class="explain">
          {t.googleCancelled}
        </p>
      </div>
      <p class="subscribe-count" role="status">
        {coming === null ? '' : coming.count === 0 ? t.subscribeNone : coming.more ? fill(t.subscribeCountMore, { count: coming.count }) : counted(t.subscribeCount, coming.count)}
      </p>
      {search.trim() && <p class="notice subscribe-search">{fill(t.subscribeSearch, { q: search.trim() })}</p>}
      <section aria-labelledby="subscribe-choose">
        <h3 id="subscribe-choose">{t.subscribeChoose}</h3>
        <p>{t.subscribeIntro}</p>
        <div class="choice-groups">
          {group('network', t.networks, checkboxes('network', taxonomy.networks))}
          {group('type', t.type, checkboxes('type', taxonomy.eventTypes))}
        </div>
        {folded(
          'municipality',
          t.municipalities,
          taxonomy.areas.map((area) => (
            <fieldset key={area.slug} class="area">
              <legend>{pick(area.name)}</legend>
              {checkboxes('municipality', taxonomy.municipalities.filter((m) => m.area === area.slug))}
            </fieldset>
          )),
        )}
        {folded('organisation', t.organisation, checkboxes('organisation', taxonomy.organisations))}
        <fieldset class="choices">
          <legend>{t.feedLanguage}</legend>
          {LANGUAGES.map((code: Language) => (
            <label key={code} class="check inline">
              <input type="radio" name="feed-language" checked={filters.lang === code} onChange={() => setFilters({ ...filters, lang: code })} />
              {t.languages[code]}
            </label>
          ))}
        </fieldset>
        <fieldset class="choices">
          <legend>{t.reminder}</legend>
          {[undefined, ...REMINDERS].map((alarm) => (
            <label key={alarm ?? 'none'} class="check inline">
              <input type="radio" name="feed-reminder" checked={filters.alarm === alarm} onChange={() => setFilters({ ...filters, alarm })} />
              {t.reminderChoices[alarm ?? 'none']}
            </label>
          ))}
        </fieldset>
      </section>
      <p class="explain">{t.subscribeExplain}</p>
    </dialog>
  );
}
