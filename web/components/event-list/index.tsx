import type { EventOccurrence, Taxonomy } from '../../api';
import { formatWhen, useI18n, withLanguage } from '../../i18n';

/** The event page, showing this occurrence when the event recurs; for whole and brief list items alike. */
export function eventPath(item: Pick<EventOccurrence, 'id' | 'occurrence'>): string {
  const occurrence = item.occurrence.recurrenceId;
  return `/events/${item.id}${occurrence ? `?occurrence=${encodeURIComponent(occurrence)}` : ''}`;
}

export function EventList({ items, taxonomy, linkTarget }: { items: EventOccurrence[]; taxonomy: Taxonomy | null; linkTarget?: string }) {
  const i18n = useI18n();
  const { t, pick, langOf, language } = i18n;
  const typeName = (slug: string) => {
    const term = taxonomy?.eventTypes.find((type) => type.slug === slug);
    return term ? pick(term.name) : null;
  };
  return (
    <ol class="event-list">
      {items.map((item) => {
        const cancelled = item.occurrence.status === 'cancelled';
        const place = item.occurrence.place ?? item.location?.place ?? (item.onlineUrl ? t.online : null);
        const type = typeName(item.type);
        return (
          <li key={`${item.id}/${item.occurrence.recurrenceId ?? ''}`} class={cancelled ? 'event cancelled' : 'event'}>
            <p class="when">
              {formatWhen(i18n, item.occurrence.start, item.occurrence.end, item.allDay)}
              {cancelled && <span class="badge badge-cancelled">{t.cancelled}</span>}
              {item.occurrence.moved && <span class="badge">{t.moved}</span>}
            </p>
            <h2 class="event-title">
              <a href={withLanguage(eventPath(item), language)} target={linkTarget} lang={langOf(item.title)}>
                {pick(item.title)}
              </a>
            </h2>
            <p class="meta">
              {[type, place].filter(Boolean).join(' · ')}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
