import type { EventBrief } from '../../api';
import { addDays, finnishDate } from '../../filters';
import { eventPath } from '../event-list';
import { useI18n, withLanguage } from '../../i18n';

/** The days of a month's grid, Monday first: whole weeks around the month. */
function gridDays(month: string): string[] {
  const first = `${month}-01`;
  const weekday = (new Date(`${first}T12:00:00Z`).getUTCDay() + 6) % 7;
  const start = addDays(first, -weekday);
  const days: string[] = [];
  for (let day = start; days.length < 42; day = addDays(day, 1)) {
    if (days.length % 7 === 0 && days.length >= 28 && !day.startsWith(month)) break;
    days.push(day);
  }
  return days;
}

/** 'YYYY-MM-DD' days an occurrence touches, in Finnish time. */
function daysOf(item: EventBrief): string[] {
  const local = (instant: string) => finnishDate(new Date(instant));
  const first = item.allDay ? item.occurrence.start : local(item.occurrence.startsAt);
  // The end instant is exclusive: a meeting ending at midnight does not touch the next day.
  const last = item.allDay ? item.occurrence.end : local(new Date(Date.parse(item.occurrence.endsAt) - 1).toISOString());
  const days: string[] = [];
  for (let day = first; day <= last && days.length < 62; day = addDays(day, 1)) days.push(day);
  return days;
}

/** One event on a day: its time, a cancelled mark and its title, linked to its page. */
function DayEvent({ item }: { item: EventBrief }) {
  const i18n = useI18n();
  const { t, pick, language } = i18n;
  const cancelled = item.occurrence.status === 'cancelled';
  return (
    <li class={cancelled ? 'cancelled' : undefined}>
      <a href={withLanguage(eventPath(item), language)}>
        {!item.allDay && <span class="time">{i18n.time(item.occurrence.startsAt)} </span>}
        {cancelled && <span class="visually-hidden">{t.cancelled}: </span>}
        <span lang={i18n.langOf(item.title)}>{pick(item.title)}</span>
      </a>
    </li>
  );
}

/**
 * A month as a grid of weeks and, on a narrow screen instead of it (the
 * stylesheet shows one of the two), as an agenda of the days that have events:
 * a phone's seventh of the width cuts every title to a few letters.
 */
export function MonthGrid({ month, items, today }: { month: string; items: EventBrief[]; today: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const days = gridDays(month);
  const byDay = new Map<string, EventBrief[]>();
  for (const item of items) for (const day of daysOf(item)) byDay.set(day, [...(byDay.get(day) ?? []), item]);
  const weeks = Array.from({ length: days.length / 7 }, (_, i) => days.slice(i * 7, i * 7 + 7));
  const [year, m] = month.split('-').map(Number) as [number, number];
  const busyDays = days.filter((day) => day.startsWith(month) && byDay.has(day));
  return (
    <>
      <section class="month-agenda" aria-labelledby="month-agenda-title">
        <h2 id="month-agenda-title">{i18n.month(year, m)}</h2>
        {busyDays.length === 0 ? (
          <p class="status">{t.noEvents}</p>
        ) : (
          <ol class="agenda-days">
            {busyDays.map((day) => (
              <li key={day} aria-current={day === today ? 'date' : undefined}>
                <h3>{i18n.date(`${day}T12:00:00Z`, 'UTC')}</h3>
                <ul>
                  {byDay.get(day)!.map((item) => (
                    <DayEvent key={`${item.id}/${item.occurrence.recurrenceId ?? ''}`} item={item} />
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </section>
      <table class="month-grid">
        <caption>{i18n.month(year, m)}</caption>
        <thead>
          <tr>
            {i18n.weekdays.map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((day) => {
                const events = byDay.get(day) ?? [];
                const classes = ['day', day.startsWith(month) ? '' : 'other-month', day === today ? 'today' : ''].filter(Boolean).join(' ');
                return (
                  <td key={day} class={classes} aria-current={day === today ? 'date' : undefined}>
                    <span class="day-number" aria-hidden="true">
                      {Number(day.slice(8))}
                    </span>
                    <span class="visually-hidden">{i18n.date(`${day}T12:00:00Z`, 'UTC')}</span>
                    {events.length > 0 && (
                      <ul>
                        {events.map((item) => (
                          <DayEvent key={`${item.id}/${item.occurrence.recurrenceId ?? ''}`} item={item} />
                        ))}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
