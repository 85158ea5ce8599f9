/** Published events of the same networks or municipalities that overlap the chosen time: a hint, never a block. */
import { useEffect, useState } from 'preact/hooks';
import { type EventOccurrence, overlapping } from '../../api';
import { formatWhen, useI18n, withLanguage } from '../../i18n';
import { useOrganiserText } from '../../i18n/organiser';

export interface ConflictQuery {
  from: string;
  to: string;
  networks: string[];
  municipalities: string[];
  exclude: string | null;
}

export function ConflictHints({ query }: { query: ConflictQuery | null }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const [found, setFound] = useState<EventOccurrence[] | null>(null);
  const key = JSON.stringify(query);
  useEffect(() => {
    if (!query || (query.networks.length === 0 && query.municipalities.length === 0)) {
      setFound(null);
      return;
    }
    const controller = new AbortController();
    // Waits for the typing to stop before asking.
    const timer = setTimeout(async () => {
      try {
        const window = { from: query.from, to: query.to };
        const lists = await Promise.all([
          query.networks.length > 0 ? overlapping(window, { network: query.networks }, controller.signal) : [],
          query.municipalities.length > 0 ? overlapping(window, { municipality: query.municipalities }, controller.signal) : [],
        ]);
        const seen = new Set<string>();
        const items = lists.flat().filter((item) => {
          const id = `${item.id}/${item.occurrence.startsAt}`;
          if (item.id === query.exclude || seen.has(id)) return false;
          seen.add(id);
          return true;
        });
        if (!controller.signal.aborted) setFound(items);
      } catch {
        if (!controller.signal.aborted) setFound(null);
      }
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key]);
  if (found === null) return null;
  return (
    <section class="conflicts" aria-labelledby="conflicts-title" aria-live="polite">
      <h2 id="conflicts-title">{m.conflicts}</h2>
      {found.length === 0 ? (
        <p>{m.noConflicts}</p>
      ) : (
        <>
          <p>{m.conflictsExplain}</p>
          <ul>
            {found.map((item) => (
              <li key={`${item.id}/${item.occurrence.startsAt}`}>
                <a href={withLanguage(`/events/${item.id}`, i18n.language)} target="_blank" rel="noopener">
                  {i18n.pick(item.title)}
                </a>{' '}
                — {formatWhen(i18n, item.allDay ? item.occurrence.start : item.occurrence.startsAt, item.allDay ? item.occurrence.end : item.occurrence.endsAt, item.allDay)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
