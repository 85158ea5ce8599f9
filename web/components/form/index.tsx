/** Building blocks of the organiser forms: labelled fields with their errors, the save button, problems, copy-once boxes and confirmations. */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiProblem } from '../../api';
import { type Language, counted, useI18n } from '../../i18n';
import { fill, organiserText, useOrganiserText } from '../../i18n/organiser';
import { pageLanguage, ruleText } from '../../i18n/rules';
import { fieldKey } from '../event-form/model';
import { useAction } from '../../use-action';

export interface ControlProps {
  id: string;
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
}

/** The ids that describe a control: its hint and its error, when there are. */
export function describedBy(id: string, hint: boolean, error: string | undefined): string | undefined {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A label, an optional hint, the control, and the field's error below it (announced when it appears). */
export function Field({ id, label, error, hint, required, class: className, children }: { id: string; label: string; error?: string; hint?: string; required?: boolean; class?: string; children: (props: ControlProps) => JSX.Element }) {
  const m = useOrganiserText();
  return (
    <div class={`form-field${className ? ` ${className}` : ''}`}>
      <label for={id}>
        {label}
        {required && <span class="required"> ({m.required})</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {children({ id, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': describedBy(id, Boolean(hint), error) })}
      <FieldError id={id} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={`${id}-error`} class="field-error">
      {error}
    </p>
  ) : null;
}

/** A group of checkboxes for a list of slugs, with an error for the whole group. */
export function Choices({ id, legend, options, chosen, onChange, error, touch, scroll }: { id: string; legend: string; options: { slug: string; name: string }[]; chosen: string[]; onChange: (next: string[]) => void; error?: string; touch?: () => void; scroll?: boolean }) {
  return (
    <fieldset id={id} class={`choices${error ? ' invalid' : ''}`} aria-describedby={describedBy(id, false, error)}>
      <legend>{legend}</legend>
      <div class={scroll ? 'choice-list' : undefined}>
        {options.map((option) => (
          <label class="check" key={option.slug}>
            <input
              type="checkbox"
              value={option.slug}
              checked={chosen.includes(option.slug)}
              aria-invalid={error ? 'true' : undefined}
              onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, option.slug] : chosen.filter((slug) => slug !== option.slug))}
              onBlur={touch}
            />
            {option.name}
          </label>
        ))}
      </div>
      <FieldError id={id} error={error} />
    </fieldset>
  );
}

/**
 * The options of a select of reference data (organisations, event types,
 * municipalities), named in the reader's language; `empty` first as the
 * choice of none.
 */
export function TermOptions({ terms, empty }: { terms: readonly { slug: string; name: { fi: string; sv: string | null; en: string | null } }[]; empty?: string }) {
  const i18n = useI18n();
  return (
    <>
      {empty !== undefined && <option value="">{empty}</option>}
      {terms.map((term) => (
        <option key={term.slug} value={term.slug}>
          {i18n.pick(term.name)}
        </option>
      ))}
    </>
  );
}

/** A submit button that says "Saving…" (or `busyText`) and cannot be pressed again while a save is under way. */
export function SaveButton({ saving, children, class: className = 'primary', busyText }: { saving: boolean; children: ComponentChildren; class?: string; busyText?: string }) {
  const m = useOrganiserText();
  return (
    <button type="submit" class={className} disabled={saving} aria-disabled={saving ? 'true' : undefined}>
      {saving ? (
        <>
          <span class="spinner" aria-hidden="true" /> {busyText ?? m.saving}
        </>
      ) : (
        children
      )}
    </button>
  );
}

/** The text of a failure for people: the problem's detail, its field errors, or a network failure. */
export function problemText(error: unknown, m: ReturnType<typeof useOrganiserText>): { detail: string; errors: string[] } {
  if (error instanceof ApiProblem && error.code !== 'network') {
    const issues = error.problem.errors ?? [];
    const language = pageLanguage();
    const errors = issues.map((issue) => ruleText(issue, language, m.fieldNames));
    // The server's detail is English, for integrations: field problems are said by their rules.
    const detail =
      error.status === 429 && error.retryAfter
        ? fill(m.tooMany, { minutes: Math.ceil(error.retryAfter / 60) })
        : issues.length === 1
          ? errors[0]!
          : issues.length > 1
            ? counted(m.fixErrors, issues.length)
            : error.problem.detail || error.problem.title;
    return { detail, errors: issues.length === 1 ? [] : errors };
  }
  return { detail: m.networkFailed, errors: [] };
}

/**
 * The field errors of a problem+json answer, to show beside the fields:
 * the first message of each field, keyed as `fieldKey` writes paths
 * (`networks[2]` → `networks.2`), then by `group` (e.g. to one key per list).
 */
export function fieldErrorsOf(error: unknown, group: (key: string) => string = (key) => key, language: Language = pageLanguage()): Record<string, string> {
  const errors: Record<string, string> = {};
  // Fields named by their path in a language whose texts are not fetched (a caller's choice; the page's own always are).
  const names = organiserText(language)?.fieldNames ?? {};
  if (error instanceof ApiProblem) for (const issue of error.problem.errors ?? []) errors[group(fieldKey(issue.field))] ??= ruleText(issue, language, names);
  return errors;
}


/** A failure, announced: the problem+json detail and each field's message. */
export function ProblemBox({ error, title }: { error: unknown; title?: string }) {
  const m = useOrganiserText();
  if (!error) return null;
  const { detail, errors } = problemText(error, m);
  return (
    <div class="status status-error" role="alert">
      <p>
        <strong>{title ?? m.problem}:</strong> {detail}
      </p>
      {errors.length > 0 && (
        <ul>
          {errors.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A success message, announced politely. */
/** A message that something was done; `focus` moves the keyboard to it (after a save that replaced the page's form state). */
export function Success({ children, focus = false }: { children: ComponentChildren; focus?: boolean }) {
  const element = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focus) element.current?.focus();
  }, [focus]);
  return (
    <p class="status status-ok" role="status" tabIndex={focus ? -1 : undefined} ref={element}>
      {children}
    </p>
  );
}

/** Moves the keyboard to a form control by id; to the first box of a group of checkboxes. */
export function focusControl(id: string): void {
  const element = document.getElementById(id);
  (element?.tagName === 'FIELDSET' ? element.querySelector<HTMLElement>('input, select, textarea, button') : element)?.focus();
}

/**
 * The errors of a form as links to their fields (WCAG 3.3.1, 2.4.3), read
 * from the error texts the form shows beside its fields, so every form
 * built of Field and Choices gets one: `<ErrorSummary form={ref} shown={submitted && count > 0} />`.
 */
export function ErrorSummary({ form, shown }: { form: { current: HTMLFormElement | null }; shown: boolean }) {
  const m = useOrganiserText();
  const [entries, setEntries] = useState<{ id: string; label: string; error: string }[]>([]);
  useEffect(() => {
    const found = shown
      ? [...(form.current?.querySelectorAll<HTMLElement>('.field-error') ?? [])].map((element) => {
          const id = element.id.replace(/-error$/, '');
          const control = document.getElementById(id);
          const name = control?.tagName === 'FIELDSET' ? control.querySelector('legend') : document.querySelector(`label[for="${CSS.escape(id)}"]`);
          return { id, label: name?.firstChild?.textContent?.trim() ?? '', error: element.textContent ?? '' };
        })
      : [];
    if (JSON.stringify(found) !== JSON.stringify(entries)) setEntries(found);
  });
  if (entries.length === 0) return null;
  return (
    <div class="status status-error error-summary">
      <p>{counted(m.fixErrors, entries.length)}</p>
      <ul>
        {entries.map((entry) => (
          <li key={entry.id}>
            <a
              href={`#${entry.id}`}
              onClick={(event) => {
                event.preventDefault();
                focusControl(entry.id);
              }}
            >
              {entry.label ? `${entry.label}: ${entry.error}` : entry.error}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A secret shown once: read-only, selectable, with a copy button. */
export function CopyOnce({ id, label, value }: { id: string; label: string; value: string }) {
  const m = useOrganiserText();
  const [copied, setCopied] = useState<string>('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(m.copied);
    } catch {
      setCopied(m.copyFailed);
    }
  };
  return (
    <div class="copy-once">
      <label for={id}>{label}</label>
      <p id={`${id}-hint`} class="hint">
        {m.shownOnce}
      </p>
      <div class="search-row">
        <input id={id} type="text" readOnly value={value} aria-describedby={`${id}-hint`} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={copy}>
          {m.copy}
        </button>
      </div>
      <p class="copy-status" role="status">
        {copied}
      </p>
    </div>
  );
}

/**
 * A modal question with a confirm button: focus moves in, Esc or "Cancel"
 * closes it. When `onConfirm` returns a promise, the dialog shows
 * "Saving…" until it settles and the problem if it fails, so that callers
 * only say what to do.
 */
export function ConfirmDialog({ title, children, confirm, onConfirm, onClose, danger }: { title: string; children?: ComponentChildren; confirm: string; onConfirm: () => void | Promise<void>; onClose: () => void; danger?: boolean }) {
  const m = useOrganiserText();
  const dialog = useRef<HTMLDialogElement>(null);
  const confirming = useAction(async () => onConfirm());
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} class="subscribe-dialog confirm-dialog" aria-labelledby="confirm-title" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void confirming.run();
        }}
      >
        <h2 id="confirm-title">{title}</h2>
        <ProblemBox error={confirming.error} />
        {children}
        <div class="button-row">
          <SaveButton saving={confirming.busy} class={danger ? 'primary danger' : 'primary'}>
            {confirm}
          </SaveButton>
          <button type="button" onClick={() => dialog.current?.close()}>
            {m.cancelAction}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** Moves focus to the first control marked invalid inside `root`. */
export function focusFirstInvalid(root: HTMLElement | null): void {
  const first = root?.querySelector<HTMLElement>('[aria-invalid="true"], fieldset.invalid input');
  first?.focus();
}
