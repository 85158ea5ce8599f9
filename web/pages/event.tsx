import { useLocation, useRoute } from 'preact-iso';
import { type Event, type OccurrenceInfo, type Taxonomy, getEvent, getOccurrences, getTaxonomy, isProblem } from '../api';
import { addDays, finnishDate } from '../filters';
import { AddToCalendar } from '../components/add-to-calendar';
import { Failed, Loading } from '../components/status';
import { HELSINKI, type I18n, formatWhen, useI18n, withLanguage } from '../i18n';
import { usePageTitle } from '../use-page-title';
import { BROWSER_TIME, dateTimeFormat, onFinnishTime, wallClock } from '../intl';
import { useResource } from '../use-resource';

function names(list: { slug: string; name: { fi: string; sv: string | null; en: string | null } }[] | undefined, slugs: string[], i18n: I18n): string {
  return slugs.map((slug) => {
    const term = list?.find((item) => item.slug === slug);
    return term ? i18n.pick(term.name) : slug;
  }).join(', ');
}

/** A deadline, "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" of the event's zone, as text of that zone. */
function formatDeadline(deadline: string, i18n: I18n): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(deadline)) return i18n.date(`${deadline}T12:00:00Z`, 'UTC');
  const instant = new Date(`${deadline}:00Z`);
  // The deadline is a wall-clock time of the event's zone; shown as such.
  return `${i18n.date(instant, 'UTC')} ${i18n.t.at} ${i18n.time(instant, 'UTC')}`.replace('  ', ' ');
}

/** Whether a registration deadline (a date, or a wall-clock time in the event's zone) has gone by. */
function deadlinePassed(deadline: string, timeZone: string, now: Date): boolean {
  if (/^\d{4}-\d{2}-\d{2}$/.test(deadline)) return finnishDate(now) > deadline;
  const clock = wallClock(now.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  // sv-SE writes "2026-12-02 09:30", comparable with the deadline's "2026-12-02T09:30".
  const local = clock
    ? `${clock.year}-${pad(clock.month)}-${pad(clock.day)} ${pad(clock.hour)}:${pad(clock.minute)}`
    : dateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
  return local >= deadline.replace('T', ' ');
}

/** Whether something that ends at `end` (an instant, or the last day when all-day) is over. */
function hasEnded(end: string, allDay: boolean, now: Date): boolean {
  return allDay ? finnishDate(now) > end.slice(0, 10) : Date.parse(end) <= now.getTime();
}

/** Whether the browser's zone is this one or Finland's; asked of Intl, whose first use is slow, so only for events in another zone. */
function viewerInZoneOrFinland(timeZone: string): boolean {
  const viewer = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return viewer === timeZone || viewer === HELSINKI;
}

const UPCOMING = 8;

/** For a recurring event: the occurrence the visitor came for, and the next ones. */
function useOccurrences(event: Event, chosen: string | null, preview: boolean) {
  return useResource(`occurrences/${event.id}/${event.updatedAt}/${chosen}/${preview}`, async (signal) => {
    if (!event.recurrence || preview) return { chosen: null, upcoming: [] as OccurrenceInfo[] };
    const today = finnishDate(new Date());
    const upcoming = getOccurrences(event.id, { from: today, to: addDays(today, 365) }, UPCOMING, signal);
    const day = chosen?.slice(0, 10);
    // A moved occurrence may have moved a few weeks either way.
    const around = day ? getOccurrences(event.id, { from: addDays(day, -60), to: addDays(day, 60) }, 500, signal) : null;
    return { chosen: (await around)?.items.find((o) => o.recurrenceId === chosen) ?? null, upcoming: (await upcoming).items };
  });
}

/** The public view of an event; `preview` shows an unsaved one (no occurrences fetched, no calendar links). */
export function EventDetails({ event, taxonomy, chosenOccurrence, preview = false }: { event: Event; taxonomy: Taxonomy | null; chosenOccurrence: string | null; preview?: boolean }) {
  const i18n = useI18n();
  const { t, pick, langOf, language } = i18n;
  const occurrences = useOccurrences(event, chosenOccurrence, preview);
  const chosen = occurrences.state === 'ready' ? occurrences.value.chosen : null;
  const cancelled = event.status === 'cancelled' || chosen?.status === 'cancelled';
  // One cancelled time of a series that otherwise goes on: say so, and where the series continues.
  const onlyThisTime = event.status !== 'cancelled' && chosen?.status === 'cancelled';
  const upcoming = occurrences.state === 'ready' ? occurrences.value.upcoming : [];
  const nextTime = onlyThisTime ? upcoming.find((o) => o.status !== 'cancelled' && o.startsAt > chosen!.startsAt) : undefined;
  const now = new Date();
  const passed = preview
    ? false
    : chosen
      ? hasEnded(event.allDay ? chosen.end : chosen.endsAt, event.allDay, now)
      : hasEnded(event.allDay ? event.end : event.endsAt, event.allDay, now) && (!event.recurrence || (occurrences.state === 'ready' && upcoming.length === 0));
  const registrationOpen = !passed && !cancelled && !(event.registration?.deadline && deadlinePassed(event.registration.deadline, event.timeZone, now));
  const municipality = event.location?.municipality ? names(taxonomy?.municipalities, [event.location.municipality], i18n) : null;
  const placeText = [event.location?.place, event.location?.address].filter(Boolean).join(', ');
  // The municipality is named unless the address already says it.
  const place = municipality && !placeText.includes(municipality) ? [placeText, municipality].filter(Boolean).join(', ') : placeText;
  const description = pick(event.description);
  const startsAt = chosen ? chosen.startsAt : event.startsAt;
  const endsAt = chosen ? chosen.endsAt : event.endsAt;
  const when = event.allDay
    ? formatWhen(i18n, chosen?.start ?? event.start, chosen?.end ?? event.end, true)
    : formatWhen(i18n, startsAt, endsAt, false, event.timeZone);
  const showViewerTime = !event.allDay && (event.timeZone === HELSINKI ? !onFinnishTime(startsAt, endsAt) : !viewerInZoneOrFinland(event.timeZone));
  return (
    <article class={cancelled ? 'event-page cancelled' : 'event-page'}>
      {!preview && (
        <p>
          <a href={withLanguage('/', language)}>← {t.backToCalendar}</a>
        </p>
      )}
      <h1>
        {cancelled && <span class="badge badge-cancelled">{t.cancelled}</span>} <span lang={langOf(event.title)}>{pick(event.title)}</span>
      </h1>
      {cancelled && (
        <div class="notice notice-cancelled" role="note">
          {onlyThisTime ? (
            <p>
              <strong>{t.occurrenceCancelled}</strong>{' '}
              {nextTime && (
                <>
                  {t.nextTime}:{' '}
                  <a href={withLanguage(`/events/${event.id}?occurrence=${encodeURIComponent(nextTime.recurrenceId ?? '')}`, language)}>
                    {formatWhen(i18n, event.allDay ? nextTime.start : nextTime.startsAt, event.allDay ? nextTime.end : nextTime.endsAt, event.allDay, event.timeZone)}
                  </a>
                </>
              )}
            </p>
          ) : (
            <p>
              {/* In the page's language where the organiser gave one; the Finnish one otherwise, marked as Finnish. */}
              <strong>{t.cancelled}.</strong> {event.cancelReasons && <>{t.cancelReason}: <span lang={langOf(event.cancelReasons)}>{pick(event.cancelReasons)}</span></>}
            </p>
          )}
        </div>
      )}
      {passed && !cancelled && (
        <p class="notice notice-passed" role="note">
          {t.eventPassed}
        </p>
      )}
      <dl class="facts">
        <dt>{t.when}</dt>
        <dd>
          {when} {!event.allDay && `(${t.finnishTime})`}
          {showViewerTime && (
            <>
              <br />
              {formatWhen(i18n, startsAt, endsAt, false, BROWSER_TIME)} ({t.yourTime})
            </>
          )}
          {chosen?.moved && (
            <>
              {' '}
              <span class="badge">{t.moved}</span>
            </>
          )}
          {event.recurrence && (
            <>
              <br />
              {t.recurring}
            </>
          )}
        </dd>
        {place && (
          <>
            <dt>{t.where}</dt>
            <dd>{place}</dd>
          </>
        )}
        {event.onlineUrl && (
          <>
            <dt>{t.onlineLink}</dt>
            <dd>
              <a href={event.onlineUrl} rel="noopener noreferrer">
                {event.onlineUrl}
              </a>
            </dd>
          </>
        )}
        {event.registration && (
          <>
            <dt>{t.registration}</dt>
            <dd>
              {event.registration.url && registrationOpen && (
                <a href={event.registration.url} rel="noopener noreferrer">
                  {t.registerHere}
                </a>
              )}
              {!registrationOpen && !cancelled && t.registrationClosed}
              {event.registration.deadline && (
                <>
                  <br />
                  {t.deadline}: {formatDeadline(event.registration.deadline, i18n)}
                </>
              )}
            </dd>
          </>
        )}
        <dt>{t.organiser}</dt>
        <dd>{names(taxonomy?.organisations, event.organisations, i18n)}</dd>
        {event.contact && (
          <>
            <dt>{t.contact}</dt>
            <dd>
              {[event.contact.name, event.contact.phone].filter(Boolean).join(', ')}
              {event.contact.email && (
                <>
                  {(event.contact.name || event.contact.phone) && ', '}
                  <a href={`mailto:${event.contact.email}`}>{event.contact.email}</a>
                </>
              )}
            </dd>
          </>
        )}
        <dt>{t.type}</dt>
        <dd>{names(taxonomy?.eventTypes, [event.type], i18n)}</dd>
        {event.networks.length > 0 && (
          <>
            <dt>{t.networks}</dt>
            <dd>{names(taxonomy?.networks, event.networks, i18n)}</dd>
          </>
        )}
        {event.municipalities.length > 0 && (
          <>
            <dt>{t.municipalities}</dt>
            <dd>{names(taxonomy?.municipalities, event.municipalities, i18n)}</dd>
          </>
        )}
        {event.audiences.length > 0 && (
          <>
            <dt>{t.audiences}</dt>
            <dd>{names(taxonomy?.audiences, event.audiences, i18n)}</dd>
          </>
        )}
      </dl>
      {description && (
        <div class="description" lang={langOf(event.description)}>
          {description.split(/\n{2,}/).map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </div>
      )}
      {occurrences.state === 'ready' && occurrences.value.upcoming.length > 0 && (
        <section aria-labelledby="upcoming-times">
          <h2 id="upcoming-times">{t.upcomingTimes}</h2>
          <ul class="occurrences">
            {occurrences.value.upcoming.map((o) => (
              <li key={o.recurrenceId ?? o.startsAt} class={o.status === 'cancelled' ? 'cancelled' : undefined}>
                <a href={withLanguage(`/events/${event.id}?occurrence=${encodeURIComponent(o.recurrenceId ?? '')}`, language)} aria-current={o.recurrenceId === chosenOccurrence ? 'true' : undefined}>
                  {formatWhen(i18n, event.allDay ? o.start : o.startsAt, event.allDay ? o.end : o.endsAt, event.allDay, event.timeZone)}
                </a>
                {o.status === 'cancelled' && <span class="badge badge-cancelled">{t.cancelled}</span>}
                {o.moved && <span class="badge">{t.moved}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {event.materials.length > 0 && (
        <section aria-labelledby="materials">
          <h2 id="materials">{t.materials}</h2>
          <ul>
            {event.materials.map((material) => (
              <li key={material.url}>
                <a href={material.url} rel="noopener noreferrer">
                  {material.title}
                </a>{' '}
                ({t.materialKinds[material.kind as keyof typeof t.materialKinds] ?? material.kind})
              </li>
            ))}
          </ul>
        </section>
      )}
      {!cancelled && !preview && <AddToCalendar event={event} details={`${description}\n\n${location.href}`.trim()} times={chosen} />}
    </article>
  );
}

export function EventPage() {
  const { params } = useRoute();
  const { url } = useLocation();
  const chosenOccurrence = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?')) : '').get('occurrence');
  const { t, pick, language } = useI18n();
  const id = params.id ?? '';
  const event = useResource(`event/${id}`, (signal) => getEvent(id, signal));
  const taxonomy = useResource('taxonomy', () => getTaxonomy());
  usePageTitle(event.state === 'ready' ? pick(event.value.title) : event.state === 'failed' ? (isProblem(event.error, 404) ? t.eventNotFoundTitle : t.loadFailed) : null);
  if (event.state === 'loading') return <Loading />;
  if (event.state === 'failed') {
    return (
      <>
        <h1>{isProblem(event.error, 404) ? t.eventNotFound : t.loadFailed}</h1>
        {!(isProblem(event.error, 404)) && <Failed retry={event.retry} />}
        <p>
          <a href={withLanguage('/', language)}>← {t.backToCalendar}</a>
        </p>
      </>
    );
  }
  return <EventDetails event={event.value} taxonomy={taxonomy.state === 'ready' ? taxonomy.value : null} chosenOccurrence={chosenOccurrence} />;
}
