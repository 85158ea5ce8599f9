/**
 * Importing calendars: choose a file or a URL and what the events become,
 * preview what the import would do, import after a confirmation and see
 * what was done to each event; then the saved sources, with their last
 * sync and error, "sync now", the scheduled sync on or off, and forgetting.
 */
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import {
  type ImportJob,
  type ImportPreview,
  type ImportRequest,
  type ImportResult,
  type ImportSourceView,
  type Me,
  type Taxonomy,
  continueImportJob,
  deleteImportSource,
  getImportJob,
  getTaxonomy,
  listImportJobs,
  listImportSources,
  previewImport,
  runImport,
  setImportSync,
  syncImportSource,
} from '../api';
import { DataTable } from '../components/data-table';
import { Choices, ConfirmDialog, Field, ProblemBox, SaveButton, Success, TermOptions, fieldErrorsOf, focusFirstInvalid } from '../components/form';
import { Area } from '../components/manage-nav';
import { Failed, Loading } from '../components/status';
import { type I18n, useI18n, withLanguage } from '../i18n';
import { type OrganiserMessages, fill, useOrganiserText } from '../i18n/organiser';
import { useAction } from '../use-action';
import { useResource } from '../use-resource';

type Summary = ImportPreview['summary'];
const STATUSES = ['new', 'changed', 'unchanged', 'unparseable', 'gone'] as const;

/** The names of slugs in the reader's language; the slug itself when it is not known. */
function namer(i18n: I18n, terms: Taxonomy['networks']) {
  return (slug: string) => {
    const term = terms.find((t) => t.slug === slug);
    return term ? i18n.pick(term.name) : slug;
  };
}

/** "New: 4, Changed: 0, …" */
function summaryText(summary: Summary, m: OrganiserMessages): string {
  return STATUSES.map((status) => `${m.planCounts[status]}: ${summary[status]}`).join(', ');
}

/** The counts of a plan, as a list a screen reader reads item by item. */
function SummaryList({ summary }: { summary: Summary }) {
  const m = useOrganiserText();
  return (
    <ul class="import-summary">
      {STATUSES.map((status) => (
        <li key={status} data-status={status}>
          {m.planCounts[status]}: <strong>{summary[status]}</strong>
        </li>
      ))}
    </ul>
  );
}

/** A heading that takes the focus when it appears, so that keyboard and screen-reader users land on what just happened. */
function FocusedHeading({ id, children }: { id: string; children: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <h2 id={id} ref={heading} tabIndex={-1}>
      {children}
    </h2>
  );
}

function PreviewTable({ preview }: { preview: ImportPreview }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  return (
    <DataTable
      class="import-items"
      caption={m.importPreviewTitle}
      empty={m.importEmpty}
      rows={preview.items.map((item, index) => ({ ...item, index }))}
      rowKey={(item) => `${item.uid}/${item.index}`}
      rowAttributes={(item) => ({ 'data-status': item.status })}
      columns={[
        { header: m.title, rowHeader: true, cell: (item) => item.title ?? (item.eventId ? <a href={withLanguage(`/manage/events/${item.eventId}`, i18n.language)}>{m.importEarlierEvent}</a> : m.untitled) },
        { header: m.status, cell: (item) => m.planStatuses[item.status] },
        { header: m.importStarts, cell: (item) => (item.event ? i18n.day(item.event.start.slice(0, 10)) : '') },
        { header: m.importReason, cell: (item) => (item.status === 'gone' ? m.importWillCancel : (item.reason ?? '')) },
      ]}
    />
  );
}

function ResultTable({ result }: { result: ImportResult }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  return (
    <DataTable
      class="import-items"
      caption={m.importResultTitle}
      rows={result.items.map((item, index) => ({ ...item, index }))}
      rowKey={(item) => `${item.uid}/${item.index}`}
      rowAttributes={(item) => ({ 'data-outcome': outcomeOf(item) })}
      columns={[
        {
          header: m.title,
          rowHeader: true,
          cell: (item) => (item.eventId && item.outcome !== 'failed' ? <a href={withLanguage(`/manage/events/${item.eventId}`, i18n.language)}>{item.title ?? m.untitled}</a> : (item.title ?? m.untitled)),
        },
        { header: m.status, cell: (item) => m.planStatuses[item.status] },
        { header: m.importOutcome, class: (item) => (item.outcome === 'failed' ? 'field-error' : undefined), cell: (item) => m.outcomes[outcomeOf(item)] },
        { header: m.importReason, cell: (item) => item.reason ?? '' },
      ]}
    />
  );
}

/** The page's address with `?job=` set or removed, so that a reload or a return finds the job. */
function rememberJob(id: number | null) {
  const url = new URL(location.href);
  if (id === null) url.searchParams.delete('job');
  else url.searchParams.set('job', String(id));
  history.replaceState(history.state, '', url);
}

/** Continues a job step by step while `alive()`, reporting each state; returns the last. */
async function followJob(job: ImportJob, onStep: (job: ImportJob) => void, alive: () => boolean): Promise<ImportJob> {
  let current = job;
  while (current.state === 'running' && alive()) {
    current = await continueImportJob(current.id);
    if (alive()) onStep(current);
  }
  return current;
}

/**
 * How far a job is: a progress bar and "x of y events read" with what was
 * done so far. The status text changes at each tenth (and at the end), so
 * that a screen reader says it a few times, not at every step.
 */
function JobProgress({ job }: { job: ImportJob }) {
  const m = useOrganiserText();
  const title = { preview: m.jobTitlePreview, import: m.jobTitleImport, sync: m.jobTitleSync }[job.kind];
  const tenth = job.total === 0 ? 10 : Math.floor((job.processed / job.total) * 10);
  const [said, setSaid] = useState({ tenth: -1, text: '' });
  const text = fill(m.jobProgress, { processed: job.processed, total: job.total, created: job.outcomes.created, updated: job.outcomes.updated, failed: job.outcomes.failed });
  useEffect(() => {
    if (tenth !== said.tenth) setSaid({ tenth, text });
  }, [tenth, text]);
  return (
    <section class="card import-progress" aria-labelledby="import-job-title" aria-busy={job.state === 'running' ? 'true' : undefined}>
      <h2 id="import-job-title">{title}</h2>
      <p>{m.jobExplain}</p>
      <label for="import-job-bar">{m.jobProgressLabel}</label>
      <progress id="import-job-bar" max={Math.max(job.total, 1)} value={job.processed}>
        {job.processed} / {job.total}
      </progress>
      <p role="status">{said.text || text}</p>
      {job.state === 'failed' && (
        <p class="status status-error" role="alert">
          {fill(m.jobFailed, { error: job.error ?? '' })}
        </p>
      )}
    </section>
  );
}

/** What the form asks: the source (a file, or a URL and whether to sync it) and what its events become. */
interface ImportFields {
  kind: 'file' | 'url';
  file: { name: string; text: string } | null;
  url: string;
  sync: boolean;
  organisation: string;
  type: string;
  networks: string[];
  municipalities: string[];
}

/** The whole flow: the fields, then a job under way, its preview, the confirmation and the result. */
interface ImportState {
  fields: ImportFields;
  /** A preview was asked for: what is missing is said beside its field. */
  tried: boolean;
  job: ImportJob | null;
  preview: ImportPreview | null;
  /** A preview that was under way when the page was left: it can be read, not imported (the file is not here). */
  resumed: boolean;
  confirming: boolean;
  result: ImportResult | null;
}

type ImportStep =
  /** Any change makes the preview and the result stale. */
  | { type: 'edit'; fields: Partial<ImportFields> }
  | { type: 'previewAsked' }
  | { type: 'previewStarted' }
  | { type: 'jobStep'; job: ImportJob }
  /** A job ended well: its preview or result shows as that of a request that finished at once would. */
  | { type: 'jobDone'; job: ImportJob; resumed: boolean }
  | { type: 'previewed'; preview: ImportPreview }
  | { type: 'confirming'; open: boolean }
  /** The import goes on as a job: the preview it was confirmed from is done with. */
  | { type: 'importContinues' }
  | { type: 'imported'; result: ImportResult };

function importFlow(state: ImportState, step: ImportStep): ImportState {
  switch (step.type) {
    case 'edit':
      return { ...state, fields: { ...state.fields, ...step.fields }, preview: null, result: null, resumed: false };
    case 'previewAsked':
      return { ...state, tried: true };
    case 'previewStarted':
      return { ...state, preview: null, result: null };
    case 'jobStep':
      return { ...state, job: step.job };
    case 'jobDone': {
      const { preview, result } = step.job;
      return { ...state, job: null, ...(preview ? { preview, resumed: step.resumed } : {}), ...(result ? { result } : {}) };
    }
    case 'previewed':
      return { ...state, preview: step.preview };
    case 'confirming':
      return { ...state, confirming: step.open };
    case 'importContinues':
      return { ...state, confirming: false, preview: null };
    case 'imported':
      return { ...state, confirming: false, result: step.result };
  }
}

/** Steps 1–3: the source and the mapping, the preview, the import. */
function ImportForm({ me, taxonomy, onImported }: { me: Me; taxonomy: Taxonomy; onImported: () => void }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const organisations = taxonomy.organisations.filter((o) => me.administrator || me.writes.includes(o.slug));
  const [state, dispatch] = useReducer(importFlow, null, (): ImportState => ({
    fields: { kind: 'file', file: null, url: '', sync: true, organisation: me.writes[0] ?? organisations[0]?.slug ?? '', type: '', networks: [], municipalities: [] },
    tried: false,
    job: null,
    preview: null,
    resumed: false,
    confirming: false,
    result: null,
  }));
  const { fields, job, preview, resumed, result } = state;
  const { kind, file, url, sync, organisation, type, networks, municipalities } = fields;
  const form = useRef<HTMLFormElement>(null);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);

  /** Follows a job to its end, then shows its preview or result. */
  const follow = async (started: ImportJob, fromEarlier = false) => {
    dispatch({ type: 'jobStep', job: started });
    rememberJob(started.id);
    const last = await followJob(started, (step) => dispatch({ type: 'jobStep', job: step }), () => mounted.current);
    if (!mounted.current) return;
    rememberJob(null);
    if (last.state !== 'done') return;
    dispatch({ type: 'jobDone', job: last, resumed: fromEarlier });
    if (last.result) onImported();
  };

  // The form's one problem box and field errors show the preview's failure, and any other of the form's (reading the file, following a job).
  const previewing = useAction(async () => {
    dispatch({ type: 'previewStarted' });
    const started = await previewImport(request());
    if (started.done) dispatch({ type: 'previewed', preview: started.done });
    else await follow(started.job);
  });
  const { busy, error, setError } = previewing;

  // Back on the page with a job under way (its address, or the newest of your organisations): follow it again.
  useEffect(() => {
    const id = Number(new URL(location.href).searchParams.get('job'));
    (async () => {
      const earlier = id > 0 ? await getImportJob(id) : (await listImportJobs()).find((j) => j.state === 'running' && j.kind !== 'sync');
      if (earlier && mounted.current && (earlier.state === 'running' || id > 0)) await follow(earlier.state === 'done' ? await getImportJob(earlier.id) : earlier, true);
    })().catch((failure) => mounted.current && setError(failure));
  }, []);
  // What can be told without asking the server (in the reader's language), then what the server said.
  const missing: Record<string, string | false> = { ics: kind === 'file' && !file && m.importChooseFile, url: kind === 'url' && !url.trim() && m.errRequired, type: !type && m.errRequired };
  const fieldErrors = fieldErrorsOf(error, (key) => key.replace(/\.\d+$/, ''));
  if (state.tried) for (const [key, text] of Object.entries(missing)) if (text) fieldErrors[key] ??= text;
  const terms = (list: Taxonomy['networks']) => list.map((term) => ({ slug: term.slug, name: i18n.pick(term.name) }));

  const edit = (changed: Partial<ImportFields>) => {
    dispatch({ type: 'edit', fields: changed });
    setError(null);
  };

  const request = (): ImportRequest => ({
    organisation,
    type,
    networks,
    municipalities,
    ...(kind === 'file' ? { ics: file?.text ?? '' } : { url: url.trim(), sync }),
  });

  const readFile = async (chosen: File | undefined) => {
    edit({ file: null });
    if (!chosen) return;
    try {
      dispatch({ type: 'edit', fields: { file: { name: chosen.name, text: await chosen.text() } } });
    } catch (failure) {
      setError(failure);
    }
  };

  const showPreview = async (e: { preventDefault: () => void }) => {
    e.preventDefault();
    dispatch({ type: 'previewAsked' });
    if (Object.values(missing).some(Boolean)) {
      setError(null);
      requestAnimationFrame(() => focusFirstInvalid(form.current));
      return;
    }
    if (await previewing.run()) requestAnimationFrame(() => focusFirstInvalid(form.current));
  };

  const sourceName = kind === 'file' ? (file?.name ?? '') : url.trim();
  return (
    <>
      <form ref={form} class="card import-form" onSubmit={showPreview} noValidate aria-labelledby="import-form-title" aria-busy={busy ? 'true' : undefined}>
        <h2 id="import-form-title">{m.importStep1}</h2>
        <ProblemBox error={error} title={m.importProblem} />
        <fieldset class="choices">
          <legend>{m.importSource}</legend>
          <label class="check">
            <input type="radio" name="import-kind" value="file" checked={kind === 'file'} onChange={() => edit({ kind: 'file' })} />
            {m.importFromFile}
          </label>
          <label class="check">
            <input type="radio" name="import-kind" value="url" checked={kind === 'url'} onChange={() => edit({ kind: 'url' })} />
            {m.importFromUrl}
          </label>
        </fieldset>
        {kind === 'file' ? (
          <Field id="import-file" label={m.importFile} hint={m.importFileHint} required error={fieldErrors.ics}>
            {(props) => <input {...props} type="file" accept=".ics,text/calendar" required onChange={(e) => readFile(e.currentTarget.files?.[0])} />}
          </Field>
        ) : (
          <>
            <Field id="import-url" label={m.importUrl} hint={m.importUrlHint} required error={fieldErrors.url}>
              {(props) => <input {...props} type="url" inputMode="url" required value={url} onInput={(e) => edit({ url: e.currentTarget.value })} />}
            </Field>
            <label class="check">
              <input type="checkbox" checked={sync} onChange={(e) => edit({ sync: e.currentTarget.checked })} />
              {m.importSync}
            </label>
          </>
        )}
        <fieldset class="form-section">
          <legend>{m.importMapping}</legend>
          <div class="form-row">
            <Field id="import-organisation" label={m.importOrganisation} required error={fieldErrors.organisation}>
              {(props) => (
                <select {...props} value={organisation} onChange={(e) => edit({ organisation: e.currentTarget.value })}>
                  <TermOptions terms={organisations} />
                </select>
              )}
            </Field>
            <Field id="import-type" label={m.type} required error={fieldErrors.type}>
              {(props) => (
                <select {...props} required value={type} onChange={(e) => edit({ type: e.currentTarget.value })}>
                  <TermOptions terms={taxonomy.eventTypes} empty={m.choose} />
                </select>
              )}
            </Field>
          </div>
          <Choices id="import-networks" legend={m.networks} options={terms(taxonomy.networks)} chosen={networks} onChange={(chosen) => edit({ networks: chosen })} error={fieldErrors.networks} scroll />
          <Choices id="import-municipalities" legend={m.municipalities} options={terms(taxonomy.municipalities)} chosen={municipalities} onChange={(chosen) => edit({ municipalities: chosen })} error={fieldErrors.municipalities} scroll />
        </fieldset>
        <SaveButton saving={busy} busyText={m.previewing}>
          {m.previewImport}
        </SaveButton>
      </form>

      {job && <JobProgress job={job} />}
      {busy && !job && (
        <p class="status" role="status">
          <span class="spinner" aria-hidden="true" /> {m.previewing}
        </p>
      )}
      {preview && !result && (
        <section class="import-preview" aria-labelledby="import-preview-title">
          <FocusedHeading id="import-preview-title">{m.importPreviewTitle}</FocusedHeading>
          {resumed ? <p>{m.jobResumedPreview}</p> : <p>{fill(m.importPreviewOf, { source: sourceName })}</p>}
          <SummaryList summary={preview.summary} />
          <PreviewTable preview={preview} />
          {!resumed && (
            <p class="button-row">
              <button type="button" class="primary" onClick={() => dispatch({ type: 'confirming', open: true })}>
                {m.importButton}
              </button>
            </p>
          )}
        </section>
      )}
      {result && (
        <section class="import-result" aria-labelledby="import-result-title">
          <FocusedHeading id="import-result-title">{m.importResultTitle}</FocusedHeading>
          <Success>{fill(m.importDone, outcomeCounts(result))}</Success>
          <ResultTable result={result} />
        </section>
      )}

      {state.confirming && preview && (
        <ConfirmDialog
          title={m.importConfirmTitle}
          confirm={m.importButton}
          onClose={() => dispatch({ type: 'confirming', open: false })}
          onConfirm={async () => {
            const started = await runImport(request());
            if (started.done) {
              dispatch({ type: 'imported', result: started.done });
              onImported();
            } else {
              dispatch({ type: 'importContinues' });
              void follow(started.job).catch(setError);
            }
          }}
        >
          <p>{fill(m.importConfirmExplain, { source: sourceName, organisation: namer(i18n, taxonomy.organisations)(organisation) })}</p>
          <p>{summaryText(preview.summary, m)}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

type ImportItem = ImportResult['items'][number];
type Outcome = ImportItem['outcome'] | 'skipped';

/** What happened to an item, as a person reads it: an event that could not be read was not imported, which is not "no change". */
function outcomeOf(item: ImportItem): Outcome {
  return item.status === 'unparseable' && item.outcome === 'none' ? 'skipped' : item.outcome;
}

function outcomeCounts(result: ImportResult): Record<Outcome, number> {
  const counts = { created: 0, updated: 0, cancelled: 0, none: 0, skipped: 0, failed: 0 };
  for (const item of result.items) counts[outcomeOf(item)]++;
  return counts;
}

/** The saved sources: last sync and error, sync now, scheduled sync on or off, forget. */
function Sources({ taxonomy }: { taxonomy: Taxonomy }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const listed = useResource('import-sources', (signal) => listImportSources(signal));
  const [fresh, setFresh] = useState<ImportSourceView[] | null>(null);
  /** Sources with a request under way: 'sync', or the sync setting being saved. */
  const [working, setWorking] = useState<Record<number, 'sync' | boolean>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [deleting, setDeleting] = useState<ImportSourceView | null>(null);
  const organisationName = namer(i18n, taxonomy.organisations);
  const typeName = namer(i18n, taxonomy.eventTypes);
  const networkName = namer(i18n, taxonomy.networks);
  const municipalityName = namer(i18n, taxonomy.municipalities);
  const nameOf = (source: ImportSourceView) => source.url ?? m.uploadedFiles;
  const when = (value: string | null) => (value ? i18n.dateTime(value) : m.never);

  if (listed.state === 'loading') return <Loading />;
  if (listed.state === 'failed') return <Failed retry={listed.retry} />;
  const sources = fresh ?? listed.value;

  /**
   * Runs a request about a source with its row marked busy, then shows the
   * list as it is now and what happened. Busy controls are aria-disabled
   * rather than disabled, so that the keyboard focus stays on them.
   */
  const act = async (source: ImportSourceView, what: 'sync' | boolean, action: () => Promise<{ list: ImportSourceView[]; done?: string; failed?: string }>) => {
    if (working[source.id] !== undefined) return;
    setWorking((w) => ({ ...w, [source.id]: what }));
    setMessage(null);
    setFailure(null);
    setError(null);
    try {
      const { list, done, failed } = await action();
      setFresh(list);
      setMessage(done ?? null);
      setFailure(failed ?? null);
    } catch (caught) {
      setError(caught);
    } finally {
      setWorking(({ [source.id]: _, ...rest }) => rest);
    }
  };
  const syncNow = (source: ImportSourceView) =>
    act(source, 'sync', async () => {
      const started = await syncImportSource(source.id);
      const result = started.done ?? (await followJob(started.job, () => {}, () => true)).result;
      const list = await listImportSources();
      if (!result) return { list, failed: fill(m.syncFailed, { source: nameOf(source), error: '' }) };
      return result.error ? { list, failed: fill(m.syncFailed, { source: nameOf(source), error: result.error }) } : { list, done: fill(m.syncDone, { source: nameOf(source), summary: summaryText(result.summary, m) }) };
    });
  const toggle = (source: ImportSourceView, sync: boolean) =>
    act(source, sync, async () => {
      const saved = await setImportSync(source.id, sync);
      return { list: sources.map((s) => (s.id === saved.id ? saved : s)), done: fill(sync ? m.syncTurnedOn : m.syncTurnedOff, { source: nameOf(source) }) };
    });

  /** A source's buttons: sync now and the scheduled sync (for a URL), forget. */
  const actionsOf = (source: ImportSourceView) => {
    const task = working[source.id];
    const busy = task !== undefined;
    return (
      <div class="button-row">
        {source.url && (
          <>
            <button type="button" aria-disabled={busy ? 'true' : undefined} aria-label={`${task === 'sync' ? m.syncing : m.syncNow}: ${nameOf(source)}`} onClick={() => syncNow(source)}>
              {task === 'sync' ? (
                <>
                  <span class="spinner" aria-hidden="true" /> {m.syncing}
                </>
              ) : (
                m.syncNow
              )}
            </button>
            <label class="check">
              <input
                type="checkbox"
                role="switch"
                checked={typeof task === 'boolean' ? task : source.sync}
                aria-disabled={busy ? 'true' : undefined}
                aria-label={`${m.scheduledSync}: ${nameOf(source)}`}
                onClick={(e) => busy && e.preventDefault()}
                onChange={(e) => toggle(source, e.currentTarget.checked)}
              />
              {m.scheduledSync}
            </label>
          </>
        )}
        <button type="button" aria-disabled={busy ? 'true' : undefined} aria-label={`${m.deleteSource}: ${nameOf(source)}`} onClick={() => busy || (setMessage(null), setDeleting(source))}>
          {m.deleteSource}
        </button>
      </div>
    );
  };

  return (
    <section class="sources" aria-labelledby="sources-title">
      <h2 id="sources-title">{m.sourcesTitle}</h2>
      <p>{m.sourcesExplain}</p>
      {message && <Success>{message}</Success>}
      {failure && (
        <p class="status status-error" role="alert">
          {failure}
        </p>
      )}
      <ProblemBox error={error} />
      <DataTable
        class="import-sources"
        caption={m.sourcesTitle}
        empty={m.noSources}
        rows={sources}
        rowKey={(source) => source.id}
        rowAttributes={(source) => ({ 'data-id': source.id, 'aria-busy': working[source.id] !== undefined ? 'true' : undefined })}
        columns={[
          { header: m.importSourceColumn, rowHeader: true, class: 'source-name', cell: nameOf },
          { header: m.organisation, cell: (source) => organisationName(source.organisation) },
          { header: m.importMapping, cell: (source) => [typeName(source.mapping.type), ...source.mapping.networks.map(networkName), ...source.mapping.municipalities.map(municipalityName)].join(', ') },
          {
            header: m.lastSync,
            cell: (source) => (
              <>
                {source.url ? when(source.lastSyncedAt) : m.notSynced}
                {source.lastError && (
                  <p class="field-error source-error">
                    {m.lastError}: {source.lastError}
                  </p>
                )}
              </>
            ),
          },
          { header: m.actions, cell: actionsOf },
        ]}
      />
      {deleting && (
        <ConfirmDialog
          title={fill(m.deleteSourceTitle, { source: nameOf(deleting) })}
          confirm={m.deleteSource}
          danger
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await deleteImportSource(deleting.id);
            setDeleting(null);
            setFresh(sources.filter((s) => s.id !== deleting.id));
            setMessage(fill(m.sourceDeleted, { source: nameOf(deleting) }));
          }}
        >
          <p>{m.deleteSourceExplain}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

export function ImportsPage() {
  const m = useOrganiserText();
  const taxonomy = useResource('taxonomy', () => getTaxonomy());
  const [version, setVersion] = useState(0);
  return (
    <Area title={m.importsTitle}>
      {(me) => (
        <>
          <h1>{m.importsTitle}</h1>
          <p>{m.importsExplain}</p>
          {taxonomy.state === 'loading' && <Loading />}
          {taxonomy.state === 'failed' && <Failed retry={taxonomy.retry} />}
          {taxonomy.state === 'ready' &&
            (me.administrator || me.writes.length > 0 ? (
              <>
                <ImportForm me={me} taxonomy={taxonomy.value} onImported={() => setVersion((v) => v + 1)} />
                <Sources key={version} taxonomy={taxonomy.value} />
              </>
            ) : (
              <p>{m.mayNotImport}</p>
            ))}
        </>
      )}
    </Area>
  );
}
