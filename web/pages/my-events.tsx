/** "My events": drafts, published and cancelled events of my organisations; create, edit, duplicate, cancel with a reason, delete drafts. */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { type Event, type EventStatus, answerCoOrganiserInvitation, cancelEvent, deleteDraft, getTaxonomy, listCoOrganiserInvitations, listMyEvents } from '../api';
import { aYearLater, formOfEvent } from '../components/event-form/model';
import { ConfirmDialog, Field, Success } from '../components/form';
import { Area } from '../components/manage-nav';
import { Failed, Loading } from '../components/status';
import { formatWhen, useI18n, withLanguage } from '../i18n';
import { fill, useOrganiserText } from '../i18n/organiser';
import { useAction } from '../use-action';
import { useResource } from '../use-resource';
import { DataTable } from '../components/data-table';

const STATUSES: EventStatus[] = ['draft', 'published', 'cancelled'];

type Dialog = { kind: 'cancel' | 'delete' | 'duplicate'; event: Event } | null;

function DuplicateDialog({ event, onClose }: { event: Event; onClose: () => void }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const { route } = useLocation();
  // A year later as the copy's rule still fits it: a weekly Wednesday meeting stays on Wednesdays.
  const yearLater = aYearLater(formOfEvent(event));
  const [mode, setMode] = useState<'year' | 'date'>('year');
  const [date, setDate] = useState(yearLater);
  return (
    <ConfirmDialog
      title={m.duplicateTitle}
      confirm={m.duplicateGo}
      onClose={onClose}
      onConfirm={() => route(withLanguage(`/manage/events/new?from=${encodeURIComponent(event.id)}&start=${mode === 'year' ? yearLater : date}`, i18n.language))}
    >
      <p>
        <strong>{i18n.pick(event.title)}</strong>
      </p>
      <p>{m.duplicateExplain}</p>
      <fieldset class="choices">
        <legend>{m.duplicateStart}</legend>
        <label class="check">
          <input type="radio" name="duplicate-mode" checked={mode === 'year'} onChange={() => setMode('year')} />
          {m.duplicateYear} ({i18n.day(yearLater)})
        </label>
        <label class="check">
          <input type="radio" name="duplicate-mode" checked={mode === 'date'} onChange={() => setMode('date')} />
          {m.duplicateDate}
        </label>
        {mode === 'date' && (
          <Field id="duplicate-date" label={m.duplicateStart}>
            {(props) => <input {...props} type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />}
          </Field>
        )}
      </fieldset>
    </ConfirmDialog>
  );
}

function CancelDialog({ event, onClose, onDone }: { event: Event; onClose: () => void; onDone: (message: string) => void }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const [reason, setReason] = useState({ fi: '', sv: '', en: '' });
  const title = i18n.pick(event.title);
  return (
    <ConfirmDialog
      title={fill(m.cancelTitle, { title })}
      confirm={m.cancelConfirm}
      danger
      onClose={onClose}
      onConfirm={async () => {
        await cancelEvent(event.id, reason);
        onDone(fill(m.cancelled, { title }));
      }}
    >
      <div class="form-field">
        <label for="cancel-reason">{m.cancelReason}</label>
        <textarea id="cancel-reason" rows={3} maxLength={500} value={reason.fi} onInput={(e) => setReason({ ...reason, fi: e.currentTarget.value })} />
      </div>
      <details class="more-languages">
        <summary>{m.cancelReasonOther}</summary>
        <div class="form-field">
          <label for="cancel-reason-sv">{m.cancelReasonSv}</label>
          <textarea id="cancel-reason-sv" lang="sv" rows={2} maxLength={500} value={reason.sv} onInput={(e) => setReason({ ...reason, sv: e.currentTarget.value })} />
        </div>
        <div class="form-field">
          <label for="cancel-reason-en">{m.cancelReasonEn}</label>
          <textarea id="cancel-reason-en" lang="en" rows={2} maxLength={500} value={reason.en} onInput={(e) => setReason({ ...reason, en: e.currentTarget.value })} />
        </div>
      </details>
    </ConfirmDialog>
  );
}

function DeleteDialog({ event, onClose, onDone }: { event: Event; onClose: () => void; onDone: (message: string) => void }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const title = i18n.pick(event.title);
  return (
    <ConfirmDialog
      title={fill(m.deleteTitle, { title })}
      confirm={m.deleteConfirm}
      danger
      onClose={onClose}
      onConfirm={async () => {
        await deleteDraft(event.id);
        onDone(fill(m.deleted, { title }));
      }}
    >
      <p>{m.deleteExplain}</p>
    </ConfirmDialog>
  );
}

type Sort = 'start-desc' | 'start-asc' | 'title' | 'updated';
const SORTS: Sort[] = ['start-desc', 'start-asc', 'title', 'updated'];

/** The events that every word of the search is found in (title in any language, place, organiser), in the chosen order. */
function shown(events: Event[], query: string, sort: Sort, language: string, organisationName: (slug: string) => string): Event[] {
  const words = query.toLocaleLowerCase(language).split(/\s+/).filter(Boolean);
  const text = (event: Event) => [event.title.fi, event.title.sv, event.title.en, event.location?.place, ...event.organisations.map(organisationName)].filter(Boolean).join(' ').toLocaleLowerCase(language);
  const found = words.length === 0 ? [...events] : events.filter((event) => words.every((word) => text(event).includes(word)));
  const collator = new Intl.Collator(language);
  const title = (event: Event) => event.title[language as 'fi' | 'sv' | 'en'] ?? event.title.fi;
  const order: Record<Sort, (a: Event, b: Event) => number> = {
    'start-desc': (a, b) => b.startsAt.localeCompare(a.startsAt),
    'start-asc': (a, b) => a.startsAt.localeCompare(b.startsAt),
    title: (a, b) => collator.compare(title(a), title(b)),
    updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
  };
  return found.sort(order[sort]);
}

/** The buttons of an event in the list: edit, view, duplicate, and cancel (published) or delete (draft). */
function EventActions({ event, onChoose }: { event: Event; onChoose: (dialog: Dialog) => void }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const title = i18n.pick(event.title);
  return (
    <div class="button-row">
      <a class="button" href={withLanguage(`/manage/events/${event.id}`, i18n.language)} aria-label={`${m.edit}: ${title}`}>
        {m.edit}
      </a>
      <a class="button" href={withLanguage(`/events/${event.id}`, i18n.language)} aria-label={`${m.view}: ${title}`}>
        {m.view}
      </a>
      <button type="button" onClick={() => onChoose({ kind: 'duplicate', event })} aria-label={`${m.duplicate}: ${title}`}>
        {m.duplicate}
      </button>
      {event.status === 'published' && (
        <button type="button" onClick={() => onChoose({ kind: 'cancel', event })} aria-label={`${m.cancelEvent}: ${title}`}>
          {m.cancelEvent}
        </button>
      )}
      {event.status === 'draft' && (
        <button type="button" onClick={() => onChoose({ kind: 'delete', event })} aria-label={`${m.deleteDraft}: ${title}`}>
          {m.deleteDraft}
        </button>
      )}
    </div>
  );
}

function EventTable({ status, onCounts }: { status: EventStatus; onCounts: (counts: Record<EventStatus, number>) => void }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const [version, setVersion] = useState(0);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort>('start-desc');
  const loaded = useResource(`my-events/${status}/${version}`, async (signal) => {
    const answer = await listMyEvents(status, signal);
    onCounts(answer.counts);
    return answer.items;
  });
  const taxonomy = useResource('taxonomy', () => getTaxonomy());
  const organisationName = (slug: string) => {
    const found = taxonomy.state === 'ready' ? taxonomy.value.organisations.find((o) => o.slug === slug) : undefined;
    return found ? i18n.pick(found.name) : slug;
  };
  useEffect(() => setMessage(null), [status]);
  const events = loaded.state === 'ready' ? { ...loaded, value: shown(loaded.value, query, sort, i18n.language, organisationName) } : loaded;
  const total = loaded.state === 'ready' ? loaded.value.length : 0;
  const done = (text: string) => {
    setDialog(null);
    setMessage(text);
    setVersion((v) => v + 1);
  };
  return (
    <>
      {message && <Success>{message}</Success>}
      {events.state === 'loading' && <Loading />}
      {events.state === 'failed' && <Failed retry={events.retry} />}
      {events.state === 'ready' && total > 0 && (
        <div class="filters list-tools">
          <Field id="my-events-q" label={m.searchMyEvents}>
            {(props) => <input {...props} type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />}
          </Field>
          <Field id="my-events-sort" label={m.sortBy}>
            {(props) => (
              <select {...props} value={sort} onChange={(e) => setSort(e.currentTarget.value as Sort)}>
                {SORTS.map((key) => (
                  <option key={key} value={key}>
                    {m.sorts[key]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <p class="list-count" role="status">
            {query.trim() ? fill(m.foundOf, { found: events.value.length, total }) : fill(total === 1 ? m.eventCountOne : m.eventCount, { count: total })}
          </p>
        </div>
      )}
      {events.state === 'ready' && (
        <DataTable
          class="my-events"
          caption={m.statuses[status]}
          empty={total === 0 ? m.noMyEvents : m.noMatches}
          rows={events.value}
          rowKey={(event) => event.id}
          rowAttributes={(event) => ({ 'data-id': event.id })}
          columns={[
            {
              header: m.title,
              rowHeader: true,
              cell: (event) => (
                <>
                  <a href={withLanguage(`/manage/events/${event.id}`, i18n.language)}>{i18n.pick(event.title)}</a>
                  {event.visibility === 'members' && <span class="badge">{m.membersOnlyBadge}</span>}
                </>
              ),
            },
            { header: m.when, cell: (event) => formatWhen(i18n, event.allDay ? event.start : event.startsAt, event.allDay ? event.end : event.endsAt, event.allDay) },
            { header: m.organisers, cell: (event) => event.organisations.map(organisationName).join(', ') },
            { header: m.actions, cell: (event) => <EventActions event={event} onChoose={setDialog} /> },
          ]}
        />
      )}
      {dialog?.kind === 'duplicate' && <DuplicateDialog event={dialog.event} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'cancel' && <CancelDialog event={dialog.event} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'delete' && <DeleteDialog event={dialog.event} onClose={() => setDialog(null)} onDone={done} />}
    </>
  );
}

/** Invitations for my organisations to co-organise others' events: accept or decline each. Nothing is shown when there are none. */
function CoOrganiserInvitations() {
  const m = useOrganiserText();
  const i18n = useI18n();
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const invitations = useResource(`co-organiser-invitations/${version}`, (signal) => listCoOrganiserInvitations(signal));
  const taxonomy = useResource('taxonomy', () => getTaxonomy());
  const nameOf = (slug: string) => {
    const found = taxonomy.state === 'ready' ? taxonomy.value.organisations.find((o) => o.slug === slug) : undefined;
    return found ? i18n.pick(found.name) : slug;
  };
  const answering = useAction(async (id: string, organisation: string, answer: 'accept' | 'decline') => {
    await answerCoOrganiserInvitation(id, organisation, answer);
    setMessage(answer === 'accept' ? fill(m.invitationAccepted, { invited: nameOf(organisation) }) : m.invitationDeclined);
    setVersion((v) => v + 1);
  });
  const respond = answering.run;
  if (invitations.state !== 'ready' || (invitations.value.length === 0 && !message)) return null;
  return (
    <section class="card co-organiser-invitations" aria-labelledby="co-invitations">
      <h2 id="co-invitations">{m.coInvitationsTitle}</h2>
      {message && <Success>{message}</Success>}
      {answering.error && <Failed />}
      <ul class="plain-list">
        {invitations.value.map((invitation) => (
          <li key={`${invitation.event.id}/${invitation.organisation}`}>
            <p>
              <strong>{i18n.pick(invitation.event.title)}</strong>, {formatWhen(i18n, invitation.event.start, invitation.event.end, invitation.event.allDay, invitation.event.timeZone)}
              <br />
              {fill(m.coInvitation, { inviter: invitation.event.organisations.map(nameOf).join(', '), invited: nameOf(invitation.organisation) })}
            </p>
            <div class="actions">
              <button type="button" class="primary" onClick={() => respond(invitation.event.id, invitation.organisation, 'accept')}>
                {m.acceptInvitation}
              </button>
              <button type="button" onClick={() => respond(invitation.event.id, invitation.organisation, 'decline')}>
                {m.declineInvitation}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function MyEventsPage() {
  const m = useOrganiserText();
  const i18n = useI18n();
  const [counts, setCounts] = useState<Record<EventStatus, number> | null>(null);
  const { url } = useLocation();
  const chosen = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?')) : '').get('status');
  const status: EventStatus = STATUSES.includes(chosen as EventStatus) ? (chosen as EventStatus) : 'draft';
  return (
    <Area title={m.myEventsTitle}>
      {() => (
        <>
          <div class="page-head">
            <h1>{m.myEventsTitle}</h1>
            <a class="button primary" href={withLanguage('/manage/events/new', i18n.language)}>
              {m.newEvent}
            </a>
          </div>
          <CoOrganiserInvitations />
          <nav aria-label={m.statusTabs}>
            <ul class="tabs">
              {STATUSES.map((s) => (
                <li key={s}>
                  <a href={withLanguage(`/manage?status=${s}`, i18n.language)} aria-current={s === status ? 'page' : undefined}>
                    {m.statuses[s]}
                    {counts && <span class="tab-count"> ({counts[s]})</span>}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <EventTable status={status} onCounts={setCounts} />
        </>
      )}
    </Area>
  );
}
