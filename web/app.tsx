import { useEffect, useState } from 'preact/hooks';
import { type EventOccurrence, upcomingEvents } from './api';
import { type Language, formatWhen, texts } from './i18n';

type State = { kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; items: EventOccurrence[] };

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function App({ language }: { language: Language }) {
  const t = texts[language];
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    const today = new Date();
    const later = new Date(today.getTime() + 120 * 24 * 3600 * 1000);
    upcomingEvents(isoDate(today), isoDate(later))
      .then((list) => setState({ kind: 'ready', items: list.items }))
      .catch(() => setState({ kind: 'failed' }));
  }, []);

  return (
    <>
      <header>
        <h1>{t.title}</h1>
        <p>{t.tagline}</p>
        <nav aria-label="Kieli / Språk / Language">
          <a href="?lang=fi" lang="fi">Suomeksi</a>
          <a href="?lang=sv" lang="sv">På svenska</a>
          <a href="?lang=en" lang="en">In English</a>
        </nav>
      </header>
      <main>
        <h2>{t.upcoming}</h2>
        {state.kind === 'loading' && <p role="status">{t.loading}</p>}
        {state.kind === 'failed' && <p role="alert">{t.failed}</p>}
        {state.kind === 'ready' && state.items.length === 0 && <p>{t.none}</p>}
        {state.kind === 'ready' && state.items.length > 0 && (
          <ol class="events">
            {state.items.map((item) => {
              const cancelled = item.occurrence.status === 'cancelled';
              const place = item.occurrence.place ?? item.location?.place ?? (item.onlineUrl ? t.online : null);
              return (
                <li key={`${item.id}/${item.occurrence.recurrenceId ?? ''}`} class={cancelled ? 'cancelled' : undefined}>
                  <div class="when">{formatWhen(item.occurrence.start, item.occurrence.end, item.allDay, item.timeZone, language)}</div>
                  <h2>
                    {item.title[language] ?? item.title.fi}
                    {cancelled && <span class="badge">{t.cancelled}</span>}
                  </h2>
                  {place && <div class="meta">{place}</div>}
                </li>
              );
            })}
          </ol>
        )}
      </main>
    </>
  );
}
