/** "My events": drafts, published and cancelled events of my organisations; create, edit, duplicate, cancel with a reason, delete drafts. */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { type Event, type EventStatus, answerCoOrganiserInvitation, cancelEvent, deleteDraft, getTaxonomy, listCoOrganiserInvitations, listMyEvents } from '../api';
import { aYearLater, formOfEvent } from '../components/event-form/model';
import { ConfirmDialog, Field, Success } from '../components/form';
import { Area } from '../components/manage-nav';
import { Empty, Failed, Loading } from '../components/status';
import { formatWhen, useI18n, withLanguage } from '../i18n';
import { fill, useOrganiserText } from '../i18n/organiser';
import { useResource } from '../use-resource';
import { TableScroll } from '../components/table-scroll';

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
  const [reason, setReason] = useState('');
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
        <textarea id="cancel-reason" rows={3} maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </div>
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

function EventTable({ status }: { status: EventStatus }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const [version, setVersion] = useState(0);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [message, setMessage] = useState<string | null>(null);
  const events = useResource(`my-events/${status}/${version}`, (signal) => listMyEvents(status, signal));
  const taxonomy = useResource('taxonomy', () => getTaxonomy());
  const organisationName = (slug: string) => {
    const found = taxonomy.state === 'ready' ? taxonomy.value.organisations.find((o) => o.slug === slug) : undefined;
    return found ? i18n.pick(found.name) : slug;
  };
  useEffect(() => setMessage(null), [status]);
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
      {events.state === 'ready' && events.value.length === 0 && <Empty>{m.noMyEvents}</Empty>}
      {events.state === 'ready' && events.value.length > 0 && (
        <TableScroll label={m.statuses[status]}>
          <table class="data-table my-events">
            <caption class="visually-hidden">{m.statuses[status]}</caption>
            <thead>
              <tr>
                <th scope="col">{m.title}</th>
                <th scope="col">{m.when}</th>
                <th scope="col">{m.organisers}</th>
                <th scope="col">{m.actions}</th>
              </tr>
            </thead>
            <tbody>
              {events.value.map((event) => {
                const title = i18n.pick(event.title);
                return (
                  <tr key={event.id} data-id={event.id}>
                    <th scope="row">
                      <a href={withLanguage(`/manage/events/${event.id}`, i18n.language)}>{title}</a>
                      {event.visibility === 'members' && <span class="badge">{m.membersOnlyBadge}</span>}
                    </th>
                    <td>{formatWhen(i18n, event.allDay ? event.start : event.startsAt, event.allDay ? event.end : event.endsAt, event.allDay)}</td>
                    <td>{event.organisations.map(organisationName).join(', ')}</td>
                    <td>
                      <div class="button-row">
                        <a class="button" href={withLanguage(`/manage/events/${event.id}`, i18n.language)} aria-label={`${m.edit}: ${title}`}>
                          {m.edit}
                        </a>
                        <a class="button" href={withLanguage(`/events/${event.id}`, i18n.language)} aria-label={`${m.view}: ${title}`}>
                          {m.view}
                        </a>
                        <button type="button" onClick={() => setDialog({ kind: 'duplicate', event })} aria-label={`${m.duplicate}: ${title}`}>
                          {m.duplicate}
                        </button>
                        {event.status === 'published' && (
                          <button type="button" onClick={() => setDialog({ kind: 'cancel', event })} aria-label={`${m.cancelEvent}: ${title}`}>
                            {m.cancelEvent}
                          </button>
                        )}
                        {event.status === 'draft' && (
                          <button type="button" onClick={() => setDialog({ kind: 'delete', event })} aria-label={`${m.deleteDraft}: ${title}`}>
                            {m.deleteDraft}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
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
  const [problem, setProblem] = useState<unknown>(null);
  const invitations = useResource(`co-organiser-invitations/${version}`, (signal) => listCoOrganiserInvitations(signal));
  const taxonomy = useResource('taxonomy', () => getTaxonomy());
  const nameOf = (slug: string) => {
    const found = taxonomy.state === 'ready' ? taxonomy.value.organisations.find((o) => o.slug === slug) : undefined;
    return found ? i18n.pick(found.name) : slug;
  };
  const respond = async (id: string, organisation: string, answer: 'accept' | 'decline') => {
    setProblem(null);
    try {
      await answerCoOrganiserInvitation(id, organisation, answer);
      setMessage(answer === 'accept' ? fill(m.invitationAccepted, { invited: nameOf(organisation) }) : m.invitationDeclined);
      setVersion((v) => v + 1);
    } catch (failure) {
      setProblem(failure);
    }
  };
  if (invitations.state !== 'ready' || (invitations.value.length === 0 && !message)) return null;
  return (
    <section class="card co-organiser-invitations" aria-labelledby="co-invitations">
      <h2 id="co-invitations">{m.coInvitationsTitle}</h2>
      {message && <Success>{message}</Success>}
      {problem !== null && <Failed />}
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
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <EventTable status={status} />
        </>
      )}
    </Area>
  );
}
