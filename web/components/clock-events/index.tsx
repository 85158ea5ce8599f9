/**
 * The events of chosen networks and event types on the annual clock: the
 * choice (in the URL, like the calendar's filters), the load of the wheel
 * year's published events from the brief list, and their table.
 */
import { useState } from 'preact/hooks';
import { type EventBrief, type Taxonomy, listAllEventBriefs } from '../../api';
import { DataTable } from '../data-table';
import { fill, useI18n, withLanguage } from '../../i18n';

export type ChosenEvent = EventBrief;
export type ChoiceKey = 'network' | 'type';

/** The day of an occurrence on the wheel: the date of its start, in the event's own zone. */
export const chosenDay = (event: ChosenEvent) => event.occurrence.start.slice(0, 10);

/** "Title – ti 14.10.2026" of an occurrence. */
export function chosenText(i18n: ReturnType<typeof useI18n>, event: ChosenEvent): string {
  return `${i18n.pick(event.title)} – ${event.allDay ? i18n.day(chosenDay(event)) : i18n.date(event.occurrence.startsAt)}`;
}

/**
 * The published occurrences of the chosen networks and types in the wheel
 * year [from, to), every page of them, in date order; none when nothing is
 * chosen. Cancelled ones are left out: the wheel shows what happens.
 */
export async function loadChosenEvents(choice: Record<ChoiceKey, string[]>, window: { from: string; to: string }, signal: AbortSignal): Promise<ChosenEvent[]> {
  if (choice.network.length === 0 && choice.type.length === 0) return [];
  const { items } = await listAllEventBriefs({ network: choice.network, type: choice.type, municipality: [], organisation: [], q: '' }, window, signal);
  return items.filter((event) => event.status === 'published' && event.occurrence.status === 'published');
}

/** Checkboxes of the networks and the event types whose events the wheel shows; each list folds open on demand. */
export function EventChoices({ taxonomy, choice, onChange }: { taxonomy: Taxonomy | null; choice: Record<ChoiceKey, string[]>; onChange: (next: Record<ChoiceKey, string[]>) => void }) {
  const { t, pick } = useI18n();
  // Open where something is chosen when the page opens; after that the reader opens and closes them, so that unticking the last box does not fold the list away under the keyboard.
  const [opened] = useState(() => ({ network: choice.network.length > 0, type: choice.type.length > 0 }));
  const group = (key: ChoiceKey, legend: string, terms: Taxonomy['networks']) => (
    <details class="choices folded" open={opened[key]}>
      <summary>
        {legend}
        {choice[key].length > 0 && ` (${fill(t.chosenCount, { count: choice[key].length })})`}
      </summary>
      <fieldset class="choices-inner">
        <legend class="visually-hidden">{legend}</legend>
        <div class="choice-list">
          {terms.map((term) => (
            <label key={term.slug} class="check">
              <input
                type="checkbox"
                name={`clock-${key}`}
                value={term.slug}
                checked={choice[key].includes(term.slug)}
                onChange={(event) => onChange({ ...choice, [key]: event.currentTarget.checked ? [...choice[key], term.slug] : choice[key].filter((slug) => slug !== term.slug) })}
              />
              {pick(term.name)}
            </label>
          ))}
        </div>
      </fieldset>
    </details>
  );
  return (
    <div class="clock-choices" role="group" aria-labelledby="clock-choices-title">
      <p class="legend-title" id="clock-choices-title">
        {t.chosenEvents}
      </p>
      <p class="small explain">{t.chosenEventsHint}</p>
      <div class="choice-groups">
        {group('network', t.networks, taxonomy?.networks ?? [])}
        {group('type', t.type, taxonomy?.eventTypes ?? [])}
      </div>
      {(choice.network.length > 0 || choice.type.length > 0) && (
        <button type="button" class="link-button" onClick={() => onChange({ network: [], type: [] })}>
          {t.clearChoices}
        </button>
      )}
    </div>
  );
}

/** The chosen events as a list with links (a month's, or the year's). */
export function ChosenEventList({ events }: { events: ChosenEvent[] }) {
  const i18n = useI18n();
  return (
    <ul class="chosen-events">
      {events.map((event) => (
        <li key={`${event.id}/${event.occurrence.start}`}>
          <a href={withLanguage(`/events/${event.id}`, i18n.language)} lang={i18n.langOf(event.title)}>
            {i18n.pick(event.title)}
          </a>{' '}
          – {event.allDay ? i18n.day(chosenDay(event)) : i18n.date(event.occurrence.startsAt)}
        </li>
      ))}
    </ul>
  );
}

/** The table view's table of the chosen events of the wheel year. */
export function ChosenEventsTable({ events, caption, taxonomy }: { events: ChosenEvent[]; caption: string; taxonomy: Taxonomy | null }) {
  const i18n = useI18n();
  const { t, pick, language } = i18n;
  const typeName = (slug: string) => {
    const type = taxonomy?.eventTypes.find((term) => term.slug === slug);
    return type ? pick(type.name) : slug;
  };
  if (events.length === 0) return <p class="status">{t.noChosenEvents}</p>;
  return (
    <DataTable
      class="chosen-table"
      caption={caption}
      captionShown
      rows={events}
      rowKey={(event) => `${event.id}/${event.occurrence.start}`}
      columns={[
        { header: t.period, cell: (event) => (event.allDay ? i18n.day(chosenDay(event)) : i18n.date(event.occurrence.startsAt)) },
        {
          header: t.relatedEvents,
          rowHeader: true,
          cell: (event) => (
            <a href={withLanguage(`/events/${event.id}`, language)} lang={i18n.langOf(event.title)}>
              {pick(event.title)}
            </a>
          ),
        },
        { header: t.type, cell: (event) => typeName(event.type) },
      ]}
    />
  );
}
