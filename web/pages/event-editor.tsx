/**
 * Create, edit and duplicate an event. The form validates as you type with
 * the worker's own schema; a save that finds the event changed meanwhile
 * (412) shows what differs and lets the organiser re-apply their edit on
 * top of the other version. Nothing is ever overwritten silently.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { type Event, type Me, type Problem, type Versioned, createEvent, getClock, getCoOrganisers, getEventVersion, getTaxonomy, isProblem, listAdministrators, updateEvent } from '../api';
import { EventForm } from '../components/event-form';
import { type FieldIssue, type FormState, aYearLater, daysBetween, emptyForm, formOfEvent, inputOfForm, previewEvent, reapply, shiftForm, validate } from '../components/event-form/model';
import { ErrorSummary, ProblemBox, SaveButton, Success, fieldErrorsOf, focusFirstInvalid } from '../components/form';
import { Area } from '../components/manage-nav';
import { Failed, Loading } from '../components/status';
import { useI18n, withLanguage } from '../i18n';
import { type OrganiserMessages, fill, useOrganiserText } from '../i18n/organiser';
import { pageLanguage, ruleText } from '../i18n/rules';
import { useAction } from '../use-action';
import { useResource } from '../use-resource';
import { EventDetails } from './event';
import { DataTable } from '../components/data-table';

// A message that survives the move from /manage/events/new to the created event's address.
let flash: string | null = null;

const GROUPS = /^(organisations|networks|municipalities|audiences|languages)\.\d+$/;
/** One key for a whole list of checkboxes: 'networks.2' → 'networks'. */
/** The field (as validation names it) that a form value belongs to, where the names differ. */
const FIELD_OF: Partial<Record<keyof FormState, string>> = {
  titleFi: 'title.fi', titleSv: 'title.sv', titleEn: 'title.en', descriptionFi: 'description.fi', descriptionSv: 'description.sv', descriptionEn: 'description.en',
  startDate: 'start', startTime: 'start', endDate: 'end', endTime: 'end', recurrence: 'recurrence.rrule', place: 'location.place', address: 'location.address',
  contactName: 'contact.name', contactEmail: 'contact.email', contactPhone: 'contact.phone', registrationUrl: 'registration.url', registrationDeadline: 'registration.deadline',
};

const groupOf = (key: string) => (GROUPS.test(key) ? key.replace(/\.\d+$/, '') : key);

/** A field's message in the reader's language, from the rule it breaks. */
function localise(issue: FieldIssue, m: OrganiserMessages): string {
  switch (issue.rule) {
    case 'required':
      return m.errRequired;
    case 'min-items':
      return m.errAtLeastOne;
    case 'too-long':
      return m.errTooLong;
    case 'after-start':
      return m.errEndBeforeStart;
    case 'matches-rule':
      return m.errMatchesRule;
    case 'before-start':
      return m.errDeadline;
  }
  if (issue.key === 'type') return m.errRequired;
  if (/http or https/.test(issue.message)) return m.errUrl;
  if (/email/.test(issue.message)) return m.errEmail;
  if (/phone/.test(issue.message)) return m.errPhone;
  // Every other rule in the page's language, as the server's rules are said (web/i18n/rules.ts).
  return ruleText({ field: issue.key, rule: issue.rule.replaceAll('_', '-'), values: issue.values }, pageLanguage(), m.fieldNames);
}

/** A value of EventInput as short text for the conflict table. */
function readable(value: unknown, m: OrganiserMessages): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return m.nothing;
  if (Array.isArray(value)) return value.map((item) => readable(item, m)).join(', ');
  if (typeof value === 'object') {
    const parts = Object.values(value as Record<string, unknown>).filter((part) => part !== null && part !== undefined && part !== '');
    return parts.length > 0 ? parts.map((part) => readable(part, m)).join(' / ') : m.nothing;
  }
  return String(value);
}

interface Loaded {
  taxonomy: Awaited<ReturnType<typeof getTaxonomy>>;
  event: Versioned<Event> | null;
  source: Event | null;
  clock: Awaited<ReturnType<typeof getClock>> | null;
}

function Conflict({ mine, theirs, lastChange, onApply, onTake }: { mine: FormState; theirs: Versioned<Event>; lastChange: Problem['lastChange'] | null; onApply: () => void; onTake: () => void }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const theirInput = inputOfForm(formOfEvent(theirs.value)) as Record<string, unknown>;
  const myInput = inputOfForm(mine) as Record<string, unknown>;
  const differing = Object.keys({ ...theirInput, ...myInput }).filter((key) => key !== 'status' || mine.status !== 'cancelled').filter((key) => JSON.stringify(theirInput[key] ?? null) !== JSON.stringify(myInput[key] ?? null));
  // The review replaces the save the person just made: the keyboard goes to it.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="conflict" aria-labelledby="conflict-title">
      <div role="alert">
        <h2 id="conflict-title" tabIndex={-1} ref={heading}>
          {m.conflictTitle}
        </h2>
        {lastChange && <p class="conflict-who">{lastChange.by ? fill(m.conflictBy, { name: lastChange.by, at: i18n.dateTime(lastChange.at) }) : fill(m.conflictAt, { at: i18n.dateTime(lastChange.at) })}</p>}
        <p>{m.conflictExplain}</p>
      </div>
      <DataTable
        caption={m.conflictTitle}
        rows={differing}
        rowKey={(key) => key}
        rowAttributes={(key) => ({ 'data-field': key })}
        columns={[
          { header: m.field, rowHeader: true, cell: (key) => m.fieldNames[key] ?? key },
          { header: m.theirVersion, cell: (key) => readable(theirInput[key], m) },
          { header: m.yourVersion, cell: (key) => readable(myInput[key], m) },
        ]}
      />
      <div class="button-row">
        <button type="button" class="primary" onClick={onApply}>
          {m.applyMine}
        </button>
        <button type="button" onClick={onTake}>
          {m.takeTheirs}
        </button>
      </div>
    </section>
  );
}

function Editor({ me, loaded, duplicateTo }: { me: Me; loaded: Loaded; duplicateTo: string | null }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const { route } = useLocation();
  const initial = useMemo(() => {
    if (loaded.event) return formOfEvent(loaded.event.value);
    if (loaded.source) {
      const copy = formOfEvent(loaded.source);
      const to = duplicateTo && /^\d{4}-\d{2}-\d{2}$/.test(duplicateTo) ? duplicateTo : aYearLater(copy);
      return shiftForm(copy, daysBetween(copy.startDate, to));
    }
    return emptyForm(me.writes);
  }, [loaded]);
  const [form, setForm] = useState<FormState>(initial);
  const [base, setBase] = useState<FormState>(initial);
  const [etag, setEtag] = useState(loaded.event?.etag ?? '');
  const eventId = loaded.event?.value.id ?? null;
  const [touched, setTouched] = useState<Set<string>>(new Set());
  // A field left empty by tabbing past it is not an error yet: only one that was changed, or after a save attempt.
  const [edited, setEdited] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [success, setSuccess] = useState<string | null>(() => {
    const message = flash;
    flash = null;
    return message;
  });
  const [invalidCount, setInvalidCount] = useState(0);
  const [conflict, setConflict] = useState<Versioned<Event> | null>(null);
  const [lastChange, setLastChange] = useState<Problem['lastChange'] | null>(null);
  const [preview, setPreview] = useState(false);
  const formElement = useRef<HTMLFormElement>(null);
  // Organisations invited to co-organise are not in the event itself: the form shows them among its organisations, marked.
  const [invited, setInvited] = useState<string[]>([]);
  const withInvited = (state: FormState, list: string[]): FormState => ({ ...state, organisations: [...state.organisations, ...list.filter((o) => !state.organisations.includes(o))] });
  const loadInvited = async (id: string, stored: FormState) => {
    const { invited: list } = await getCoOrganisers(id);
    setInvited(list);
    setBase(withInvited(stored, list));
    setForm((current) => withInvited(current, list));
  };
  useEffect(() => {
    if (eventId) loadInvited(eventId, initial).catch(() => setInvited([]));
  }, [eventId]);

  const issues = useMemo(() => {
    const byKey: Record<string, FieldIssue> = {};
    for (const issue of validate(form)) {
      const key = groupOf(issue.key);
      byKey[key] ??= { ...issue, key };
    }
    return byKey;
  }, [form]);
  const errorOf = (key: string): string | undefined => {
    if (serverErrors[key]) return serverErrors[key];
    const issue = issues[key];
    return issue && (submitted || (touched.has(key) && isEdited(key))) ? localise(issue, m) : undefined;
  };
  // A list or group of the form ('decision', 'materials') is edited as a whole: so are its fields ('decision.steps.0.workingDaysBefore').
  const isEdited = (key: string) => edited.has(key) || [...edited].some((field) => key.startsWith(`${field}.`));
  const touch = (key: string) => setTouched((set) => (set.has(key) ? set : new Set(set).add(key)));
  const change = (next: FormState) => {
    const changed = (Object.keys(next) as (keyof FormState)[]).filter((key) => next[key] !== form[key]).map((key) => FIELD_OF[key] ?? key);
    if (changed.some((key) => !edited.has(key))) setEdited(new Set([...edited, ...changed]));
    setForm(next);
    setSuccess(null);
    if (Object.keys(serverErrors).length > 0) setServerErrors({});
  };
  const showInvalid = (count: number) => {
    setSubmitted(true);
    setInvalidCount(count);
    requestAnimationFrame(() => focusFirstInvalid(formElement.current));
  };
  const organisations = me.administrator ? loaded.taxonomy.organisations.map((o) => o.slug) : me.writes;

  const saving = useAction(async () => {
    try {
      if (!eventId) {
        const created = await createEvent(inputOfForm(form));
        flash = created.value.status === 'published' ? m.createdPublished : m.createdEvent;
        route(withLanguage(`/manage/events/${created.value.id}`, i18n.language), true);
        return;
      }
      const saved = await updateEvent(eventId, inputOfForm(form), etag);
      const stored = formOfEvent(saved.value);
      setEtag(saved.etag);
      setBase(stored);
      setForm(stored);
      await loadInvited(eventId, stored);
      setSuccess(m.savedEvent);
    } catch (failure) {
      // Changed meanwhile: the review of both versions instead of the problem (which shows only when their version cannot be read).
      if (isProblem(failure, 412) && eventId) {
        setLastChange(failure.problem.lastChange ?? null);
        setConflict(await getEventVersion(eventId));
        return;
      }
      if (isProblem(failure, 422) && failure.problem.errors?.length) {
        const errors = fieldErrorsOf(failure, groupOf);
        setServerErrors(errors);
        showInvalid(Object.keys(errors).length);
      }
      throw failure;
    }
  });
  const save = (e: { preventDefault: () => void }) => {
    e.preventDefault();
    saving.setError(null);
    setSuccess(null);
    const count = Object.keys(issues).length;
    if (count > 0) return showInvalid(count);
    setInvalidCount(0);
    void saving.run();
  };

  const applyMine = () => {
    if (!conflict) return;
    const theirs = formOfEvent(conflict.value);
    setForm(reapply(base, form, theirs));
    setBase(theirs);
    setEtag(conflict.etag);
    setConflict(null);
    setSuccess(m.appliedMine);
  };
  const takeTheirs = () => {
    if (!conflict) return;
    const theirs = formOfEvent(conflict.value);
    setForm(theirs);
    setBase(theirs);
    setEtag(conflict.etag);
    setConflict(null);
  };

  const title = eventId ? m.editEventTitle : loaded.source ? fill(m.duplicateOf, { title: i18n.pick(loaded.source.title) }) : m.newEventTitle;
  return (
    <div class="editor">
      <p>
        <a href={withLanguage('/manage', i18n.language)}>← {m.backToList}</a>
      </p>
      <h1>{title}</h1>
      {eventId && (
        <p>
          <span class="badge">{m.statusOne[form.status]}</span>{' '}
          <a href={withLanguage(`/events/${eventId}`, i18n.language)}>{m.openPublic}</a>
        </p>
      )}
      {/* Focus goes to the message after a save: the form it was in has been replaced. */}
      {success && (
        <Success key={success} focus>
          {success}
        </Success>
      )}
      {conflict && <Conflict mine={form} theirs={conflict} lastChange={lastChange} onApply={applyMine} onTake={takeTheirs} />}
      <div aria-live="assertive" role="alert" class="error-summary-slot">
        <ErrorSummary form={formElement} shown={invalidCount > 0} />
      </div>
      <ProblemBox error={saving.error} />
      <form ref={formElement} class="event-form" onSubmit={save} noValidate>
        <EventForm form={form} onChange={change} taxonomy={loaded.taxonomy} organisations={organisations} invited={invited} clock={loaded.clock} errorOf={errorOf} touch={touch} eventId={eventId} published={base.status !== 'draft' && Boolean(eventId)} />
        <div class="button-row form-actions">
          <SaveButton saving={saving.busy}>{m.save}</SaveButton>
          <button type="button" aria-expanded={preview} aria-controls="event-preview" onClick={() => setPreview((shown) => !shown)}>
            {preview ? m.hidePreview : m.preview}
          </button>
        </div>
      </form>
      <div id="event-preview">
        {preview && (
          <section class="preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{m.previewTitle}</h2>
            <EventDetails event={previewEvent(form, eventId ?? 'preview', `(${m.title})`)} taxonomy={loaded.taxonomy} chosenOccurrence={null} preview />
          </section>
        )}
      </div>
    </div>
  );
}

export function EventEditorPage() {
  const { params } = useRoute();
  const { url } = useLocation();
  const m = useOrganiserText();
  const id = params.id ?? null;
  const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?')) : '');
  const from = id ? null : query.get('from');
  const duplicateTo = query.get('start');
  return (
    <Area title={id ? m.editEventTitle : m.newEventTitle}>
      {(me) => (!me.administrator && me.writes.length === 0 ? <NoOrganisation me={me} editing={Boolean(id)} /> : <EditorLoader key={`${id}/${from}/${duplicateTo}`} me={me} id={id} from={from} duplicateTo={duplicateTo} />)}
    </Area>
  );
}

function EditorLoader({ me, id, from, duplicateTo }: { me: Me; id: string | null; from: string | null; duplicateTo: string | null }) {
  const m = useOrganiserText();
  const loaded = useResource<Loaded>(`editor/${id}/${from}/${duplicateTo}`, async (signal) => {
    const [taxonomy, event, source] = await Promise.all([getTaxonomy(), id ? getEventVersion(id, signal) : null, from ? getEventVersion(from, signal) : null]);
    const year = Number((event?.value.start ?? source?.value.start ?? new Date().toISOString()).slice(0, 4));
    const clock = await getClock(year, null, signal).catch(() => null);
    return { taxonomy, event, source: source?.value ?? null, clock };
  });
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') {
    const missing = isProblem(loaded.error, 404, 403);
    return (
      <>
        <h1>{m.editEventTitle}</h1>
        {missing ? (
          <p class="status status-error" role="alert">
            {m.eventMissing}
          </p>
        ) : (
          <Failed retry={loaded.retry} />
        )}
      </>
    );
  }
  return <Editor me={me} loaded={loaded.value} duplicateTo={duplicateTo} />;
}

/**
 * A person who may publish for no organisation gets no form to fill in vain:
 * what they can do instead, and whom to ask, by name.
 */
function NoOrganisation({ me, editing }: { me: Me; editing: boolean }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const administrators = useResource('administrators', (signal) => listAdministrators(signal));
  const taxonomy = useResource('taxonomy', () => getTaxonomy());
  const nameOf = (slug: string) => (taxonomy.state === 'ready' ? i18n.pick(taxonomy.value.organisations.find((o) => o.slug === slug)?.name ?? { fi: slug, sv: null, en: null }) : slug);
  const viewing = me.memberships.filter((ms) => ms.role === 'viewer').map((ms) => nameOf(ms.organisation));
  return (
    <>
      <h1>{editing ? m.editEventTitle : m.newEventTitle}</h1>
      <div class="status no-organisation">
        <p>{viewing.length > 0 ? fill(m.onlyViewer, { organisations: viewing.join(', ') }) : m.noOrganisation}</p>
        <p>{m.askAdministrator}</p>
        {administrators.state === 'ready' && administrators.value.length > 0 && (
          <ul>
            {administrators.value.map((person) => (
              <li key={person.email}>
                {person.name}, <a href={`mailto:${person.email}`}>{person.email}</a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
