/**
 * What changed between two years (or two council terms) of a clock: each
 * item beside its version, added, removed, moved, renamed or unchanged.
 * Drafts count only for the clock's editors who ask (`drafts=include`),
 * as after a roll-over in /manage/clock.
 */
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { type ClockComparison, getComparison, isProblem } from '../api';
import { DataTable } from '../components/data-table';
import { Failed, Loading } from '../components/status';
import { type I18n, fill, useI18n, withLanguage } from '../i18n';
import { usePageTitle } from '../use-page-title';
import { useResource } from '../use-resource';

type Kind = 'annual' | 'term';
type Row = ClockComparison['items'][number];
type Side = NonNullable<Row['from']>;

interface CompareState {
  clock: string | null;
  kind: Kind;
  from: number;
  to: number;
  drafts: boolean;
}

const FIRST_TERM = 2025;
const termStartOf = (year: number) => year - ((((year - FIRST_TERM) % 4) + 4) % 4);
const TERM_STARTS = Array.from({ length: 25 }, (_, i) => 2001 + i * 4);
const YEARS = Array.from({ length: 101 }, (_, i) => 2000 + i);

function readState(search: string): CompareState {
  const query = new URLSearchParams(search);
  const kind: Kind = query.get('kind') === 'term' ? 'term' : 'annual';
  const thisYear = new Date().getFullYear();
  const year = (name: string, fallback: number) => {
    const value = Number(query.get(name));
    return Number.isInteger(value) && value >= 2000 && value <= 2100 ? value : fallback;
  };
  const from = kind === 'term' ? termStartOf(year('from', thisYear)) : year('from', thisYear);
  const to = kind === 'term' ? termStartOf(year('to', from + 4)) : year('to', from + 1);
  return { clock: query.get('clock'), kind, from, to, drafts: query.get('drafts') === 'include' };
}

function writeState(state: CompareState, language: I18n['language']): string {
  const query = new URLSearchParams();
  if (state.clock) query.set('clock', state.clock);
  if (state.kind === 'term') query.set('kind', 'term');
  query.set('from', String(state.from));
  query.set('to', String(state.to));
  if (state.drafts) query.set('drafts', 'include');
  return withLanguage(`/clock/compare?${query}`, language);
}

const termName = (start: number) => `${start}–${start + 4}`;

function SideText({ side, kind }: { side: Side | null; kind: Kind }) {
  const i18n = useI18n();
  const { t, pick } = i18n;
  if (!side) return <>–</>;
  const dates = kind === 'term' && side.termYears
    ? `${t.termYear} ${side.termYears.start === side.termYears.end ? side.termYears.start : `${side.termYears.start}–${side.termYears.end}`}`
    : side.dates.map((d) => (d.start === d.end ? i18n.day(d.start) : `${i18n.day(d.start)} – ${i18n.day(d.end)}`)).join(', ');
  return (
    <>
      <span lang={i18n.langOf(side.title)}>{pick(side.title)}</span>
      {side.status === 'draft' && <span class="badge draft-badge">{t.compareDraft}</span>}
      <br />
      {dates}
    </>
  );
}

export function ClockComparePage() {
  const { url, route } = useLocation();
  const i18n = useI18n();
  const { t, pick, language } = i18n;
  const state = readState(url.includes('?') ? url.slice(url.indexOf('?')) : '');
  const [form, setForm] = useState(state);
  const comparison = useResource(JSON.stringify(state), (signal) => getComparison(state, signal));
  const title = state.kind === 'term' ? t.compareTermTitle : t.compareTitle;
  usePageTitle(title);
  const label = (at: number) => (state.kind === 'term' ? termName(at) : String(at));
  const choices = form.kind === 'term' ? TERM_STARTS : YEARS;
  const show = (e: { preventDefault: () => void }) => {
    e.preventDefault();
    route(writeState(form, language));
  };
  const changeText = (row: Row) => {
    const details = [row.moved ? t.compareMoved : null, row.renamed ? t.compareRenamed : null].filter(Boolean).join(', ');
    return details ? `${t.compareChanges[row.change]}: ${details}` : t.compareChanges[row.change];
  };
  return (
    <section class="clock-compare" aria-labelledby="compare-title">
      <h1 id="compare-title">{title}</h1>
      <form class="compare-form no-print" onSubmit={show}>
        <div class="field inline-field">
          <label for="compare-kind">{t.compareKind}</label>
          <select
            id="compare-kind"
            value={form.kind}
            onChange={(e) => {
              const kind = e.currentTarget.value as Kind;
              const from = kind === 'term' ? termStartOf(form.from) : form.from;
              setForm({ ...form, kind, from, to: kind === 'term' ? from + 4 : from + 1 });
            }}
          >
            <option value="annual">{t.compareKinds.annual}</option>
            <option value="term">{t.compareKinds.term}</option>
          </select>
        </div>
        {(['from', 'to'] as const).map((side) => (
          <div class="field inline-field" key={side}>
            <label for={`compare-${side}`}>{side === 'from' ? t.compareFrom : t.compareTo}</label>
            <select id={`compare-${side}`} value={String(form[side])} onChange={(e) => setForm({ ...form, [side]: Number(e.currentTarget.value) })}>
              {choices.map((at) => (
                <option key={at} value={String(at)}>
                  {form.kind === 'term' ? termName(at) : at}
                </option>
              ))}
            </select>
          </div>
        ))}
        <div class="field inline-field checkbox-field">
          <input id="compare-drafts" type="checkbox" checked={form.drafts} onChange={(e) => setForm({ ...form, drafts: e.currentTarget.checked })} />
          <label for="compare-drafts">{t.compareWithDrafts}</label>
        </div>
        <button type="submit" class="primary">
          {t.compareShow}
        </button>
      </form>
      {comparison.state === 'loading' ? (
        <Loading />
      ) : comparison.state === 'failed' ? (
        isProblem(comparison.error, 401, 403) ? (
          <p role="alert">
            {t.compareMayNot} <a href={writeState({ ...state, drafts: false }, language)}>{t.compareShow}</a>
          </p>
        ) : isProblem(comparison.error, 404) ? (
          <p role="alert">{t.clockNotFound}</p>
        ) : (
          <Failed retry={comparison.retry} />
        )
      ) : (
        <>
          <p class="compare-summary" aria-live="polite">
            {pick(comparison.value.clock.name)}: {label(comparison.value.from)} → {label(comparison.value.to)}. {fill(t.compareSummary, comparison.value.counts)}
          </p>
          <DataTable
            class="compare-table"
            caption={`${label(comparison.value.from)} → ${label(comparison.value.to)}`}
            captionShown
            empty={t.compareNone}
            rows={comparison.value.items}
            rowKey={(row) => `${row.key}/${row.from?.id ?? ''}/${row.to?.id ?? ''}`}
            columns={[
              { header: t.compareChange, rowHeader: true, cell: changeText, class: (row) => `change-${row.change}` },
              { header: label(comparison.value.from), cell: (row) => <SideText side={row.from} kind={state.kind} /> },
              { header: label(comparison.value.to), cell: (row) => <SideText side={row.to} kind={state.kind} /> },
            ]}
          />
        </>
      )}
    </section>
  );
}
