/**
 * The wheel year as a list, month by month: each item under the month it
 * begins in (or the wheel's first month, for one that began before), with
 * its span, and the month's events. The phone's first view, where the
 * wheel's labels would be too small to read, and the item list of the
 * printed page.
 */
import type { ClockItem, Contrast } from '../wheel';
import { itemColour, spanText, wheelEvents } from '../wheel';
import { type ChosenEvent, chosenDay } from '../clock-events';
import { useI18n, withLanguage } from '../../i18n';
import { arcOf } from '../../../worker/shared/wheel';

interface Entry {
  key: string;
  day: string;
  id: string;
  title: ClockItem['title'];
  when: string;
}

export function YearList({ items, months, wheelStart, chosen, contrast, onShowWheel }: { items: ClockItem[]; months: string[]; wheelStart: string; chosen: ChosenEvent[] | null; contrast: Contrast; onShowWheel: () => void }) {
  const i18n = useI18n();
  const { t, pick, language } = i18n;
  const occurrences = items
    .flatMap((item) => item.occurrences.filter((o) => arcOf(o, wheelStart)).map((occurrence) => ({ item, occurrence, month: (occurrence.start < wheelStart ? wheelStart : occurrence.start).slice(0, 7) })))
    .sort((a, b) => a.occurrence.start.localeCompare(b.occurrence.start) || a.item.id - b.item.id);
  const events = new Map<string, Entry>();
  for (const { event } of wheelEvents(items, wheelStart)) {
    events.set(`${event.id}/${event.start.slice(0, 10)}`, { key: event.id, day: event.start.slice(0, 10), id: event.id, title: event.title, when: event.allDay ? i18n.day(event.start) : i18n.date(event.startsAt) });
  }
  for (const event of chosen ?? []) {
    const day = chosenDay(event);
    events.set(`${event.id}/${day}`, { key: `${event.id}/${event.occurrence.start}`, day, id: event.id, title: event.title, when: event.allDay ? i18n.day(day) : i18n.date(event.occurrence.startsAt) });
  }
  const sortedEvents = [...events.values()].sort((a, b) => a.day.localeCompare(b.day));
  return (
    <section class="year-list" aria-labelledby="year-list-title">
      <h2 id="year-list-title">{t.yearList}</h2>
      <p class="small no-print">
        {t.yearListHint}{' '}
        <button type="button" class="link-button" onClick={onShowWheel}>
          {t.showWheel}
        </button>
      </p>
      <ol class="year-months">
        {months.map((month) => {
          const [year, number] = month.split('-').map(Number) as [number, number];
          const starting = occurrences.filter((entry) => entry.month === month);
          const monthEvents = sortedEvents.filter((event) => event.day.startsWith(month));
          return (
            <li key={month} class="year-month">
              <h3>{i18n.month(year, number)}</h3>
              {starting.length === 0 && monthEvents.length === 0 && <p class="small">{t.noYearItems}</p>}
              {starting.length > 0 && (
                <ul class="year-items">
                  {starting.map(({ item, occurrence }) => (
                    <li key={`${item.id}/${occurrence.start}`} data-item={item.id}>
                      <span class="swatch" style={{ background: itemColour(item, contrast) }} aria-hidden="true" /> <span lang={i18n.langOf(item.title)}>{pick(item.title)}</span> <span class="small">({spanText(i18n, occurrence)})</span>
                    </li>
                  ))}
                </ul>
              )}
              {monthEvents.length > 0 && (
                <ul class="year-events" aria-label={`${t.monthEvents}: ${i18n.month(year, number)}`}>
                  {monthEvents.map((event) => (
                    <li key={event.key}>
                      <a href={withLanguage(`/events/${event.id}`, language)} lang={i18n.langOf(event.title)}>
                        {pick(event.title)}
                      </a>{' '}
                      – {event.when}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
