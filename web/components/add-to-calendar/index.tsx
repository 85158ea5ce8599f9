import { type Event, eventIcsUrl } from '../../api';
import { useI18n } from '../../i18n';

/** 'YYYYMMDDTHHMMSSZ' of an instant, or 'YYYYMMDD' of a date. */
const compact = (value: string) => value.replace(/[-:]/g, '').replace(/\.\d+/, '');

/**
 * Links that add an event to a calendar: the download has the whole
 * series; Google and Outlook links add the occurrence shown (`times`).
 */
export function AddToCalendar({ event, details, times }: { event: Event; details: string; times?: { start: string; end: string; startsAt: string; endsAt: string } | null }) {
  const { t, pick, language } = useI18n();
  const title = pick(event.title);
  const place = [event.location?.place, event.location?.address].filter(Boolean).join(', ') || event.onlineUrl || '';
  const endDate = (date: string) => {
    const next = new Date(`${date}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return next.toISOString().slice(0, 10);
  };
  const { start, end, startsAt, endsAt } = times ?? event;
  const dates = event.allDay ? `${compact(start)}/${compact(endDate(end))}` : `${compact(startsAt)}/${compact(endsAt)}`;
  const google = `https://calendar.google.com/calendar/render?${new URLSearchParams({ action: 'TEMPLATE', text: title, dates, details, location: place, ctz: event.timeZone })}`;
  const outlook = `https://outlook.live.com/calendar/0/deeplink/compose?${new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: title,
    startdt: event.allDay ? start : startsAt,
    enddt: event.allDay ? endDate(end) : endsAt,
    allday: String(event.allDay),
    body: details,
    location: place,
  })}`;
  return (
    <section class="add-to-calendar" aria-labelledby="add-to-calendar">
      <h2 id="add-to-calendar">{t.addToCalendar}</h2>
      <p class="button-row">
        <a class="button primary" href={eventIcsUrl(event.id, language)} download={`${event.id}.ics`}>
          {t.downloadIcs}
        </a>
        <a class="button" href={google} target="_blank" rel="noopener noreferrer">
          {t.googleCalendar}
        </a>
        <a class="button" href={outlook} target="_blank" rel="noopener noreferrer">
          {t.outlookCalendar}
        </a>
      </p>
    </section>
  );
}
