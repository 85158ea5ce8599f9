import { useEffect, useRef, useState } from 'preact/hooks';
import { type FeedFilters, REMINDERS, type Taxonomy, feedLinks } from '../../api';
import { LANGUAGES, type Language, useI18n } from '../../i18n';

type ListKey = 'network' | 'type' | 'municipality' | 'organisation';
type Term = { slug: string; name: { fi: string; sv: string | null; en: string | null } };

/**
 * Builds a feed URL from chosen filters: webcal link, copyable https link,
 * one-click Google and Outlook. A native <dialog>: focus moves in, Esc closes,
 * focus returns to the button that opened it.
 */
export function SubscribeDialog({ taxonomy, initial, onClose }: { taxonomy: Taxonomy; initial: FeedFilters; onClose: () => void }) {
  const { t, pick, language } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [filters, setFilters] = useState<FeedFilters>({ ...initial, lang: initial.lang ?? language });
  const [copyStatus, setCopyStatus] = useState('');
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
  const group = (key: ListKey, legend: string, content: preact.ComponentChildren) => (
    <fieldset class="choices">
      <legend>
        {legend}
        {selected(key).length > 0 && ` (${selected(key).length})`}
      </legend>
      <div class="choice-list">{content}</div>
    </fieldset>
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
      <p>{t.subscribeIntro}</p>
      <div class="choice-groups">
        {group('network', t.networks, checkboxes('network', taxonomy.networks))}
        {group('type', t.type, checkboxes('type', taxonomy.eventTypes))}
        {group(
          'municipality',
          t.municipalities,
          taxonomy.areas.map((area) => (
            <fieldset key={area.slug} class="area">
              <legend>{pick(area.name)}</legend>
              {checkboxes('municipality', taxonomy.municipalities.filter((m) => m.area === area.slug))}
            </fieldset>
          )),
        )}
        {group('organisation', t.organisation, checkboxes('organisation', taxonomy.organisations))}
      </div>
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
        </p>
        <p id="google-cancelled" class="explain">
          {t.googleCancelled}
        </p>
      </div>
      <p class="explain">{t.subscribeExplain}</p>
    </dialog>
  );
}
