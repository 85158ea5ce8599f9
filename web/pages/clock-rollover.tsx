/**
 * Rolling a clock over in /manage/clock: the next year's (or council
 * term's) drafts made in one step, listed to edit, publish or delete, and
 * the way to the comparison with the drafts.
 */
import { useState } from 'preact/hooks';
import { type AnnualClock, type ApiProblem, deleteClockItem, getClockWithDrafts, getCouncilTermWithDrafts, publishClockDrafts, publishClockItem, rollOverClock } from '../api';
import { DataTable } from '../components/data-table';
import { Field, ProblemBox, Success } from '../components/form';
import { Failed, Loading } from '../components/status';
import { useI18n, withLanguage } from '../i18n';
import { fill, useOrganiserText } from '../i18n/organiser';
import { useAction } from '../use-action';
import { useResource } from '../use-resource';

const termStartOf = (year: number) => year - ((((year - 2025) % 4) + 4) % 4);

interface DraftRow {
  id: number;
  title: AnnualClock['items'][number]['title'];
  dates: string;
}

/**
 * The roll-over of one clock: `slug` is the clock's own (the regional one's too); `onEdit` opens a draft in the
 * item editor. Drafts are in no list of the page around it, so what is done here reloads only the lists here.
 */
export function ClockRollOver({ slug, onEdit }: { slug: string; onEdit: (id: number) => void }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const { language } = i18n;
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear));
  const [keep, setKeep] = useState<'weekday' | 'date'>('weekday');
  const [message, setMessage] = useState<{ text: string; compare: string | null } | null>(null);
  const [version, setVersion] = useState(0);
  const target = Number(year) + 1;
  const nextTerm = termStartOf(thisYear) + 4;
  const compareUrl = (kind: 'annual' | 'term', from: number, to: number) =>
    withLanguage(`/clock/compare?${new URLSearchParams({ clock: slug, ...(kind === 'term' ? { kind } : {}), from: String(from), to: String(to), drafts: 'include' })}`, language);
  const drafts = useResource(`drafts/${slug}/${target}/${version}`, async (signal) => {
    const clock = await getClockWithDrafts(target, slug, signal);
    return clock.items
      .filter((item) => item.status === 'draft')
      .map((item) => ({ id: item.id, title: item.title, dates: item.occurrences.map((o) => `${i18n.day(o.start)} – ${i18n.day(o.end)}`).join(', ') }));
  });
  const termDrafts = useResource(`term-drafts/${slug}/${nextTerm}/${version}`, async (signal) => {
    const term = await getCouncilTermWithDrafts(`${nextTerm}-06-01`, slug, signal);
    return term.items.filter((item) => item.status === 'draft').map((item) => ({ id: item.id, title: item.title, dates: `${item.termYears.start}–${item.termYears.end}. ${m.termYear}` }));
  });
  const done = (text: string, compare: string | null = null) => {
    setMessage({ text, compare });
    setVersion((v) => v + 1);
    // The message is where the work goes on: to the comparison, when there is one.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('#rollover-next')?.focus());
  };
  const rolling = useAction(async (kind: 'annual' | 'term') => {
    setMessage(null);
    const input = kind === 'annual' ? { year: Number(year), keep } : { term: nextTerm - 4 };
    const result = await rollOverClock(slug, input);
    done(fill(m.rollOverDone, { created: result.created, skipped: result.skipped }), kind === 'annual' ? compareUrl('annual', Number(year), target) : compareUrl('term', nextTerm - 4, nextTerm));
  });
  const publishing = useAction(async (row: DraftRow) => {
    await publishClockItem(row.id);
    done(fill(m.rollOverPublished, { title: i18n.pick(row.title) }));
  });
  const deleting = useAction(async (row: DraftRow) => {
    await deleteClockItem(row.id);
    done(fill(m.rollOverDeleted, { title: i18n.pick(row.title) }));
  });
  const publishingAll = useAction(async (which: { year: number } | { term: number }) => {
    const result = await publishClockDrafts(slug, which);
    done(fill(m.rollOverPublishedAll, { count: result.published }));
  });
  const error: ApiProblem | null = (rolling.error ?? publishing.error ?? deleting.error ?? publishingAll.error) as ApiProblem | null;
  const years = Array.from({ length: 6 }, (_, i) => thisYear - 2 + i);

  const list = (caption: string, rows: DraftRow[], all: { year: number } | { term: number }) => (
    <>
      <DataTable
        class="draft-items"
        caption={caption}
        captionShown
        empty={m.rollOverNoDrafts}
        rows={rows}
        rowKey={(row) => row.id}
        columns={[
          { header: m.title, rowHeader: true, cell: (row) => <span lang={i18n.langOf(row.title)}>{i18n.pick(row.title)} <span class="badge">{m.rollOverDraft}</span></span> },
          { header: m.rollOverDates, cell: (row) => row.dates },
          {
            header: m.actions,
            cell: (row) => (
              <span class="button-row">
                <button type="button" onClick={() => onEdit(row.id)} aria-label={`${m.edit}: ${i18n.pick(row.title)}`}>
                  {m.edit}
                </button>
                <button type="button" onClick={() => publishing.run(row)} aria-label={`${m.rollOverPublish}: ${i18n.pick(row.title)}`}>
                  {m.rollOverPublish}
                </button>
                <button type="button" onClick={() => deleting.run(row)} aria-label={`${m.rollOverDelete}: ${i18n.pick(row.title)}`}>
                  {m.rollOverDelete}
                </button>
              </span>
            ),
          },
        ]}
      />
      {rows.length > 0 && (
        <p>
          <button type="button" onClick={() => publishingAll.run(all)} aria-label={`${m.rollOverPublishAll}: ${caption}`}>
            {m.rollOverPublishAll}
          </button>
        </p>
      )}
    </>
  );

  return (
    <section class="clock-rollover" aria-labelledby="rollover-title">
      <h2 id="rollover-title">{m.rollOverTitle}</h2>
      <p>{m.rollOverHelp}</p>
      <div class="form-row">
        <Field id="rollover-year" label={m.rollOverYear}>
          {(props) => (
            <select {...props} value={year} onChange={(e) => setYear(e.currentTarget.value)}>
              {years.map((y) => (
                <option key={y} value={String(y)}>
                  {y} → {y + 1}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="rollover-keep" label={m.rollOverKeep}>
          {(props) => (
            <select {...props} value={keep} onChange={(e) => setKeep(e.currentTarget.value as 'weekday' | 'date')}>
              <option value="weekday">{m.rollOverKeeps.weekday}</option>
              <option value="date">{m.rollOverKeeps.date}</option>
            </select>
          )}
        </Field>
      </div>
      <p class="button-row">
        <button type="button" class="primary" disabled={rolling.busy} onClick={() => rolling.run('annual')}>
          {m.rollOverButton}
        </button>
        <button type="button" disabled={rolling.busy} onClick={() => rolling.run('term')}>
          {fill(m.rollOverTermButton, { term: `${nextTerm}–${nextTerm + 4}` })}
        </button>
      </p>
      <ProblemBox error={error} />
      {message && (
        <Success>
          {message.text}{' '}
          {message.compare ? (
            <a id="rollover-next" href={message.compare}>
              {m.rollOverCompare}
            </a>
          ) : (
            <span id="rollover-next" tabIndex={-1} />
          )}
        </Success>
      )}
      {drafts.state === 'loading' ? <Loading /> : drafts.state === 'failed' ? <Failed retry={drafts.retry} /> : list(fill(m.rollOverDraftsTitle, { year: target }), drafts.value, { year: target })}
      {termDrafts.state === 'loading' ? (
        <Loading />
      ) : termDrafts.state === 'failed' ? (
        <Failed retry={termDrafts.retry} />
      ) : (
        list(fill(m.rollOverTermDraftsTitle, { term: `${nextTerm}–${nextTerm + 4}` }), termDrafts.value, { term: nextTerm })
      )}
    </section>
  );
}
