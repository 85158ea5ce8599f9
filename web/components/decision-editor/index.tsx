/**
 * A decision and its preparation steps in working days before it, as a
 * clock item and an event carry them: the one editor of both forms. The
 * item's decision has a month and a day (given as `children`); an event's is
 * made on the day of each occurrence.
 */
import type { ComponentChildren } from 'preact';
import { useOrganiserText } from '../../i18n/organiser';
import { Field } from '../form';
import type { DecisionState, DecisionStepState } from './model';

export { type DecisionState, decisionInputOf, decisionStateOf } from './model';

export interface DecisionEditorProps {
  /** Prefix of the controls' ids: `<id>-hasDecision`, `<id>-decision-fi`, `<id>-step-<n>-days`, … */
  id: string;
  value: DecisionState;
  onChange: (next: DecisionState) => void;
  /** The error of a field of the input, by its key ('decision.steps.0.workingDaysBefore'). */
  errorOf: (key: string) => string | undefined;
  touch?: (key: string) => void;
  legend: string;
  hint: string;
  /** The label of the switch: "the item leads to a decision", "a decision is made at the event". */
  switchLabel: string;
  class?: string;
  /** Fields of the decision's day, after its names (a clock item's month and day). */
  children?: ComponentChildren;
}

export function DecisionEditor({ id, value, onChange, errorOf, touch, legend, hint, switchLabel, class: className, children }: DecisionEditorProps) {
  const m = useOrganiserText();
  const set = (patch: Partial<DecisionState>) => onChange({ ...value, ...patch });
  const step = (index: number, patch: Partial<DecisionStepState>) => set({ steps: value.steps.map((s, i) => (i === index ? { ...s, ...patch } : s)) });
  return (
    <fieldset class={className ?? 'decision'} aria-describedby={`${id}-decision-hint`}>
      <legend>{legend}</legend>
      <p class="hint" id={`${id}-decision-hint`}>
        {hint}
      </p>
      <label class="check">
        <input type="checkbox" id={`${id}-hasDecision`} checked={value.on} onChange={(e) => set({ on: e.currentTarget.checked })} /> {switchLabel}
      </label>
      {value.on && (
        <>
          <Field id={`${id}-decision-fi`} label={m.decisionTitleFi} required error={errorOf('decision.title.fi')}>
            {(props) => <input {...props} type="text" required value={value.titleFi} onInput={(e) => set({ titleFi: e.currentTarget.value })} onBlur={() => touch?.('decision.title.fi')} />}
          </Field>
          <div class="form-row">
            <Field id={`${id}-decision-sv`} label={m.decisionTitleSv} error={errorOf('decision.title.sv')}>
              {(props) => <input {...props} type="text" lang="sv" value={value.titleSv} onInput={(e) => set({ titleSv: e.currentTarget.value })} onBlur={() => touch?.('decision.title.sv')} />}
            </Field>
            <Field id={`${id}-decision-en`} label={m.decisionTitleEn} error={errorOf('decision.title.en')}>
              {(props) => <input {...props} type="text" lang="en" value={value.titleEn} onInput={(e) => set({ titleEn: e.currentTarget.value })} onBlur={() => touch?.('decision.title.en')} />}
            </Field>
          </div>
          {children}
          {value.steps.map((s, index) => (
            <div class="form-row" key={index}>
              <Field id={`${id}-step-${index}-title`} label={`${m.stepTitle} ${index + 1}`} required error={errorOf(`decision.steps.${index}.title.fi`)}>
                {(props) => <input {...props} type="text" required value={s.title} onInput={(e) => step(index, { title: e.currentTarget.value })} onBlur={() => touch?.(`decision.steps.${index}.title.fi`)} />}
              </Field>
              <Field id={`${id}-step-${index}-days`} label={m.stepDays} error={errorOf(`decision.steps.${index}.workingDaysBefore`)}>
                {(props) => <input {...props} type="number" min={1} max={250} value={s.days} onInput={(e) => step(index, { days: e.currentTarget.value })} onBlur={() => touch?.(`decision.steps.${index}.workingDaysBefore`)} />}
              </Field>
              <button type="button" onClick={() => set({ steps: value.steps.filter((_, i) => i !== index) })} aria-label={`${m.removeStep} ${index + 1}`}>
                {m.removeStep}
              </button>
            </div>
          ))}
          <p>
            <button type="button" onClick={() => set({ steps: [...value.steps, { title: '', sv: null, en: null, days: '10' }] })}>
              {m.addStep}
            </button>
          </p>
        </>
      )}
    </fieldset>
  );
}
