/** Items of the clocks the person may write: the regional clock (wellbeing county, regional council) and their organisations' own clocks. */
import { useState } from 'preact/hooks';
import { CATEGORY_NAMES, CLOCK_CATEGORIES } from '../../worker/shared/clock-categories';
import { type AnnualClock, type ClockItemInput, type Me, type StoredClockItem, type Taxonomy, type Versioned, clockSlugOf, createClock, createClockItem, getClock, getClockItem, getCouncilTerm, getTaxonomy, isProblem, updateClockItem } from '../api';
import { Field, ProblemBox, SaveButton, Success, TermOptions, fieldErrorsOf } from '../components/form';
import { Area } from '../components/manage-nav';
import { Failed, Loading } from '../components/status';
import { useI18n } from '../i18n';
import { fill, useOrganiserText } from '../i18n/organiser';
import { useAction } from '../use-action';
import { useResource } from '../use-resource';
import { DataTable } from '../components/data-table';
import { ClockRollOver } from './clock-rollover';
import { DecisionEditor, type DecisionState, decisionInputOf, decisionStateOf } from '../components/decision-editor';

type Repeat = NonNullable<ClockItemInput['repeat']>;
type Category = NonNullable<ClockItemInput['category']>;

interface ItemState {
  kind: 'annual' | 'term';
  ring: string;
  titleFi: string;
  titleSv: string;
  titleEn: string;
  shortFi: string;
  shortSv: string;
  shortEn: string;
  descriptionFi: string;
  startMonth: string;
  startDay: string;
  endMonth: string;
  endDay: string;
  repeat: Repeat;
  onceYear: string;
  category: Category;
  responsibleOrganisation: string;
  source: string;
  decision: DecisionState;
  decisionMonth: string;
  decisionDay: string;
  termStart: string;
  termEnd: string;
}

const orNull = (text: string) => (text.trim() ? text.trim() : null);
const numberOrNull = (text: string) => (text.trim() ? Number(text) : null);

function stateOf(item: StoredClockItem | null, ring: string, kind: 'annual' | 'term'): ItemState {
  return {
    kind: item?.kind ?? kind,
    ring: item?.ring ?? ring,
    titleFi: item?.title.fi ?? '',
    titleSv: item?.title.sv ?? '',
    titleEn: item?.title.en ?? '',
    shortFi: item?.shortTitle.fi ?? '',
    shortSv: item?.shortTitle.sv ?? '',
    shortEn: item?.shortTitle.en ?? '',
    descriptionFi: item?.description.fi ?? '',
    startMonth: String(item?.span?.startMonth ?? 1),
    startDay: item?.span?.startDay ? String(item.span.startDay) : '',
    endMonth: String(item?.span?.endMonth ?? 1),
    endDay: item?.span?.endDay ? String(item.span.endDay) : '',
    repeat: item?.repeat ?? 'yearly',
    onceYear: item?.onceYear ? String(item.onceYear) : '',
    category: (item?.category ?? 'muu') as Category,
    responsibleOrganisation: item?.responsibleOrganisation ?? '',
    source: item?.source ?? '',
    decision: decisionStateOf(item?.decision),
    decisionMonth: String(item?.decision?.month ?? 6),
    decisionDay: String(item?.decision?.day ?? 15),
    termStart: String(item?.termYears?.start ?? 1),
    termEnd: String(item?.termYears?.end ?? 1),
  };
}

/** An item's decision is made every year on its month and day. */
function withDay(decision: ReturnType<typeof decisionInputOf>, state: ItemState): ClockItemInput['decision'] {
  return decision && { ...decision, month: Number(state.decisionMonth), day: Number(state.decisionDay) };
}

function inputOf(state: ItemState): ClockItemInput {
  const common = {
    ring: state.ring,
    title: { fi: state.titleFi.trim(), sv: orNull(state.titleSv), en: orNull(state.titleEn) },
    shortTitle: { fi: orNull(state.shortFi), sv: orNull(state.shortSv), en: orNull(state.shortEn) },
    description: { fi: orNull(state.descriptionFi), sv: null, en: null },
    category: state.category,
    responsibleOrganisation: orNull(state.responsibleOrganisation),
    source: orNull(state.source),
  };
  // A council-term item has years of the term instead of a span, a repeat and a decision.
  if (state.kind === 'term') return { ...common, kind: 'term', span: null, termYears: { start: Number(state.termStart), end: Number(state.termEnd) } };
  return {
    ring: state.ring,
    kind: 'annual',
    title: { fi: state.titleFi.trim(), sv: orNull(state.titleSv), en: orNull(state.titleEn) },
    shortTitle: { fi: orNull(state.shortFi), sv: orNull(state.shortSv), en: orNull(state.shortEn) },
    description: { fi: orNull(state.descriptionFi), sv: null, en: null },
    span: { startMonth: Number(state.startMonth), startDay: numberOrNull(state.startDay), endMonth: Number(state.endMonth), endDay: numberOrNull(state.endDay) },
    repeat: state.repeat,
    onceYear: state.repeat === 'once' ? numberOrNull(state.onceYear) : null,
    category: state.category,
    responsibleOrganisation: orNull(state.responsibleOrganisation),
    source: orNull(state.source),
    decision: withDay(decisionInputOf(state.decision), state),
  };
}

function ItemEditor({ clock, taxonomy, slug, item, kind, onSaved, onClose }: { clock: AnnualClock; taxonomy: Taxonomy; slug: string | null; item: Versioned<StoredClockItem> | null; kind: 'annual' | 'term'; onSaved: (title: string) => void; onClose: () => void }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const [state, setState] = useState(() => stateOf(item?.value ?? null, clock.clock.rings[0]?.slug ?? '', kind));
  const term = state.kind === 'term';
  // Saved, the editor closes: the button stays busy until it has.
  const saving = useAction(
    async () => {
      if (item) await updateClockItem(item.value.id, inputOf(state), item.etag);
      else await createClockItem(slug, inputOf(state));
      onSaved(state.titleFi);
    },
    { staysBusy: true },
  );
  const { error } = saving;
  const set = (patch: Partial<ItemState>) => setState({ ...state, ...patch });
  const fieldErrors = fieldErrorsOf(error);
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  const submit = async (e: { preventDefault: () => void }) => {
    e.preventDefault();
    if (await saving.run()) requestAnimationFrame(() => document.querySelector<HTMLElement>('.clock-item-form [aria-invalid="true"]')?.focus());
  };
  const conflict = isProblem(error, 412);
  const month = (key: 'startMonth' | 'endMonth' | 'decisionMonth', label: string, id = `ci-${key}`, field = `span.${key}`) => (
    <Field id={id} label={label} error={fieldErrors[field]}>
      {(props) => (
        <select {...props} value={state[key]} onChange={(e) => set({ [key]: e.currentTarget.value })}>
          {months.map((n) => (
            <option key={n} value={String(n)}>
              {i18n.month(2024, n).replace(/\s*2024/, '')}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <form class="card clock-item-form" onSubmit={submit} aria-labelledby="clock-item-title" noValidate>
      <h2 id="clock-item-title">{term ? (item ? m.editTermItem : m.newTermItem) : item ? m.editItem : m.newItem}</h2>
      {conflict ? (
        <p class="status status-error" role="alert">
          {m.itemConflict}
        </p>
      ) : (
        <ProblemBox error={error} />
      )}
      <Field id="ci-title-fi" label={m.titleFi} required error={fieldErrors['title.fi']}>
        {(props) => <input {...props} type="text" required value={state.titleFi} onInput={(e) => set({ titleFi: e.currentTarget.value })} />}
      </Field>
      <div class="form-row">
        <Field id="ci-title-sv" label={m.titleSv}>
          {(props) => <input {...props} type="text" lang="sv" value={state.titleSv} onInput={(e) => set({ titleSv: e.currentTarget.value })} />}
        </Field>
        <Field id="ci-title-en" label={m.titleEn}>
          {(props) => <input {...props} type="text" lang="en" value={state.titleEn} onInput={(e) => set({ titleEn: e.currentTarget.value })} />}
        </Field>
      </div>
      <fieldset class="short-titles" aria-describedby="ci-short-hint">
        <legend>{m.shortTitles}</legend>
        <p class="hint" id="ci-short-hint">{m.shortTitlesHint}</p>
        <div class="form-row">
          {(
            [
              ['shortFi', 'fi', m.shortTitleFi],
              ['shortSv', 'sv', m.shortTitleSv],
              ['shortEn', 'en', m.shortTitleEn],
            ] as const
          ).map(([key, lang, label]) => (
            <Field key={key} id={`ci-${key}`} label={label} error={fieldErrors[`shortTitle.${lang}`]}>
              {(props) => <input {...props} type="text" lang={lang} maxLength={60} value={state[key]} onInput={(e) => set({ [key]: e.currentTarget.value })} />}
            </Field>
          ))}
        </div>
      </fieldset>
      <Field id="ci-description" label={m.descriptionFi}>
        {(props) => <textarea {...props} rows={3} value={state.descriptionFi} onInput={(e) => set({ descriptionFi: e.currentTarget.value })} />}
      </Field>
      <Field id="ci-ring" label={m.ring} error={fieldErrors['ring']}>
        {(props) => (
          <select {...props} value={state.ring} onChange={(e) => set({ ring: e.currentTarget.value })}>
            {clock.clock.rings.map((ring) => (
              <option key={ring.slug} value={ring.slug}>
                {i18n.pick(ring.name)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {term ? (
        <div class="form-row">
          {(
            [
              ['termStart', 'termYears.start', m.termYearStart],
              ['termEnd', 'termYears.end', m.termYearEnd],
            ] as const
          ).map(([key, field, label]) => (
            <Field key={key} id={`ci-${key}`} label={label} error={fieldErrors[field]}>
              {(props) => (
                <select {...props} value={state[key]} onChange={(e) => set({ [key]: e.currentTarget.value })}>
                  {[1, 2, 3, 4].map((n) => (
                    <option key={n} value={String(n)}>
                      {n}. {m.termYear}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
        </div>
      ) : (
        <div class="form-row">
          {month('startMonth', m.startMonth)}
          <Field id="ci-startDay" label={m.startDay} error={fieldErrors['span.startDay']}>
            {(props) => <input {...props} type="number" min={1} max={31} value={state.startDay} onInput={(e) => set({ startDay: e.currentTarget.value })} />}
          </Field>
          {month('endMonth', m.endMonth)}
          <Field id="ci-endDay" label={m.endDay} error={fieldErrors['span.endDay']}>
            {(props) => <input {...props} type="number" min={1} max={31} value={state.endDay} onInput={(e) => set({ endDay: e.currentTarget.value })} />}
          </Field>
        </div>
      )}
      <div class="form-row">
        {!term && (
          <Field id="ci-repeat" label={m.repeatYears}>
            {(props) => (
              <select {...props} value={state.repeat} onChange={(e) => set({ repeat: e.currentTarget.value as Repeat })}>
                {(['yearly', 'odd-years', 'even-years', 'once'] as const).map((repeat) => (
                  <option key={repeat} value={repeat}>
                    {m.repeats[repeat]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {!term && state.repeat === 'once' && (
          <Field id="ci-onceYear" label={m.onceYear} error={fieldErrors['onceYear']}>
            {(props) => <input {...props} type="number" min={2000} max={2100} value={state.onceYear} onInput={(e) => set({ onceYear: e.currentTarget.value })} />}
          </Field>
        )}
        <Field id="ci-category" label={m.category} hint={m.categoryColour}>
          {(props) => (
            <select {...props} value={state.category} onChange={(e) => set({ category: e.currentTarget.value as Category })}>
              {CLOCK_CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {CATEGORY_NAMES[category][i18n.language]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div class="form-row">
        <Field id="ci-responsible" label={m.responsible}>
          {(props) => (
            <select {...props} value={state.responsibleOrganisation} onChange={(e) => set({ responsibleOrganisation: e.currentTarget.value })}>
              <TermOptions terms={taxonomy.organisations} empty={m.noClockItem} />
            </select>
          )}
        </Field>
        <Field id="ci-source" label={m.source} error={fieldErrors['source']}>
          {(props) => <input {...props} type="text" value={state.source} onInput={(e) => set({ source: e.currentTarget.value })} />}
        </Field>
      </div>
      {!term && (
        <DecisionEditor id="ci" value={state.decision} onChange={(decision) => set({ decision })} errorOf={(key) => fieldErrors[key]} legend={m.decision} hint={m.decisionHint} switchLabel={m.hasDecision}>
          <div class="form-row">
            {month('decisionMonth', m.decisionMonth, 'ci-decision-month', 'decision.month')}
            <Field id="ci-decision-day" label={m.decisionDay} error={fieldErrors['decision.day']}>
              {(props) => <input {...props} type="number" min={1} max={31} value={state.decisionDay} onInput={(e) => set({ decisionDay: e.currentTarget.value })} />}
            </Field>
          </div>
        </DecisionEditor>
      )}
      <div class="button-row">
        <SaveButton saving={saving.busy}>{m.save}</SaveButton>
        <button type="button" onClick={onClose}>
          {m.close}
        </button>
      </div>
    </form>
  );
}

function ClockItems({ slug, taxonomy, organisation }: { slug: string | null; taxonomy: Taxonomy; organisation: string | null }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const year = new Date().getFullYear();
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<Versioned<StoredClockItem> | 'new' | 'new-term' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const clock = useResource(`clock/${slug}/${version}`, (signal) => getClock(year, slug, signal, true));
  const term = useResource(`council-term/${slug}/${version}`, (signal) => getCouncilTerm(slug, signal, true));
  const creatingClock = useAction(async (organisation: string) => {
    await createClock(organisation);
    setVersion((v) => v + 1);
  });
  const opening = useAction(async (id: number) => {
    setMessage(null);
    setEditing(await getClockItem(id));
  });
  if (clock.state === 'loading') return <Loading />;
  if (clock.state === 'failed') {
    if (isProblem(clock.error, 404) && organisation) {
      return (
        <>
          <p>{m.noClock}</p>
          <ProblemBox error={creatingClock.error} />
          <button type="button" class="primary" onClick={() => creatingClock.run(organisation)}>
            {m.createClock}
          </button>
        </>
      );
    }
    return <Failed retry={clock.retry} />;
  }
  const edit = (id: number) => opening.run(id);
  const editButton = (item: { id: number; title: StoredClockItem['title'] }) => (
    <button type="button" onClick={() => edit(item.id)} aria-label={`${m.edit}: ${i18n.pick(item.title)}`}>
      {m.edit}
    </button>
  );
  const ringName = (ring: string | null) => {
    const found = clock.value.clock.rings.find((r) => r.slug === ring);
    return found ? i18n.pick(found.name) : (ring ?? '');
  };
  return (
    <>
      {message && <Success>{message}</Success>}
      <ProblemBox error={opening.error} />
      <p>
        <button type="button" class="primary" onClick={() => (setMessage(null), setEditing('new'))}>
          {m.newItem}
        </button>{' '}
        <button type="button" onClick={() => (setMessage(null), setEditing('new-term'))}>
          {m.newTermItem}
        </button>
      </p>
      {editing && (
        <ItemEditor
          key={typeof editing === 'string' ? editing : `${editing.value.id}/${editing.etag}`}
          clock={clock.value}
          taxonomy={taxonomy}
          slug={slug}
          item={typeof editing === 'string' ? null : editing}
          kind={editing === 'new-term' ? 'term' : typeof editing === 'string' ? 'annual' : editing.value.kind}
          // Closed after a refused save (412), the lists show what others saved meanwhile.
          onClose={() => (setEditing(null), setVersion((v) => v + 1))}
          onSaved={(title) => {
            setEditing(null);
            setMessage(`${m.itemSaved} ${title}`);
            setVersion((v) => v + 1);
          }}
        />
      )}
      <h2>{m.annualItems}</h2>
      <DataTable
        caption={i18n.pick(clock.value.clock.name)}
        captionShown
        empty={m.noItems}
        rows={clock.value.items}
        rowKey={(item) => item.id}
        columns={[
          { header: m.title, rowHeader: true, cell: (item) => i18n.pick(item.title) },
          { header: m.ring, cell: (item) => ringName(item.ring) },
          { header: m.span, cell: (item) => i18n.monthSpan(item.span) },
          { header: m.repeatYears, cell: (item) => m.repeats[item.repeat] },
          { header: m.actions, cell: editButton },
        ]}
      />
      <h2>{m.termItems}</h2>
      {term.state === 'loading' ? (
        <Loading />
      ) : term.state === 'failed' ? (
        <Failed retry={term.retry} />
      ) : (
        <DataTable
          class="term-items"
          caption={`${m.termItems} ${term.value.term.name}`}
          captionShown
          scrollLabel={m.termItems}
          empty={m.noTermItems}
          rows={term.value.items}
          rowKey={(item) => item.id}
          columns={[
            { header: m.title, rowHeader: true, cell: (item) => i18n.pick(item.title) },
            { header: m.ring, cell: (item) => ringName(item.ring) },
            { header: m.termYears, cell: (item) => `${item.termYears.start === item.termYears.end ? `${item.termYears.start}.` : `${item.termYears.start}.–${item.termYears.end}.`} ${m.termYear}` },
            { header: m.actions, cell: editButton },
          ]}
        />
      )}
      <ClockRollOver slug={clock.value.clock.slug} onEdit={edit} />
    </>
  );
}

/** The clocks this person may write: the regional one (null) for the wellbeing county and the regional council, and their organisations' own. */
function writableClocks(me: Me, taxonomy: Taxonomy): (string | null)[] {
  const kindOf = (slug: string) => taxonomy.organisations.find((o) => o.slug === slug)?.kind;
  const regional = me.administrator || me.memberships.some((ms) => ms.role !== 'viewer' && ['wellbeing-county', 'regional-council'].includes(kindOf(ms.organisation) ?? ''));
  const own = [...new Set([...me.writes, ...me.memberships.filter((ms) => ms.role === 'administrator').map((ms) => ms.organisation)])];
  return [...(regional ? [null] : []), ...own];
}

export function ClockItemsPage() {
  const m = useOrganiserText();
  const i18n = useI18n();
  const taxonomy = useResource('taxonomy', () => getTaxonomy());
  const [chosen, setChosen] = useState<string>('');
  return (
    <Area title={m.clockTitle}>
      {(me) => {
        if (taxonomy.state === 'loading') return <Loading />;
        if (taxonomy.state === 'failed') return <Failed retry={taxonomy.retry} />;
        const clocks = writableClocks(me, taxonomy.value);
        const current = clocks.find((c) => (c ?? '') === chosen) !== undefined ? chosen : (clocks[0] ?? '');
        const nameOf = (organisation: string | null) => {
          if (!organisation) return m.regionalClock;
          const found = taxonomy.value.organisations.find((o) => o.slug === organisation);
          return fill(m.orgClock, { name: found ? i18n.pick(found.name) : organisation });
        };
        return (
          <>
            <h1>{m.clockTitle}</h1>
            {clocks.length === 0 ? (
              <p>{m.mayNotWriteClock}</p>
            ) : (
              <>
                <Field id="clock-choice" label={m.whichClock}>
                  {(props) => (
                    <select {...props} value={current} onChange={(e) => setChosen(e.currentTarget.value)}>
                      {clocks.map((c) => (
                        <option key={c ?? ''} value={c ?? ''}>
                          {nameOf(c)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <ClockItems key={current} slug={clockSlugOf(current || null)} organisation={current || null} taxonomy={taxonomy.value} />
              </>
            )}
          </>
        );
      }}
    </Area>
  );
}
