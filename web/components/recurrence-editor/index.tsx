/** Recurrence in plain words: none, weekly on chosen days, monthly on the Nth weekday or on day N; every N; until a date or N times; except chosen dates. */
import { fill, useOrganiserText } from '../../i18n/organiser';
import { Field, FieldError, describedBy } from '../form';
import { type RecurrenceState, WEEKDAYS, ruleOf } from '../event-form/model';
import { useI18n } from '../../i18n';
import { describeRule, nextDates } from '../../recurrence-text';

export function RecurrenceEditor({ value, startDate, onChange, errorOf, touch }: { value: RecurrenceState; startDate: string; onChange: (next: RecurrenceState) => void; errorOf: (key: string) => string | undefined; touch: (key: string) => void }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const set = (patch: Partial<RecurrenceState>) => onChange({ ...value, ...patch });
  const ruleError = errorOf('recurrence.rrule');
  const exceptionError = value.exceptions.map((_, i) => errorOf(`recurrence.exceptions.${i}`)).find(Boolean);
  const rule = ruleOf(value);
  return (
    <fieldset class="form-section">
      <legend>{m.recurrence}</legend>
      <Field id="ev-recurrence-rrule" label={m.repeat} error={value.kind === 'custom' ? undefined : ruleError}>
        {(props) => (
          <select {...props} value={value.kind} onChange={(e) => set({ kind: e.currentTarget.value as RecurrenceState['kind'] })} onBlur={() => touch('recurrence.rrule')}>
            <option value="none">{m.repeatNone}</option>
            <option value="weekly">{m.repeatWeekly}</option>
            <option value="monthly-weekday">{m.repeatMonthlyWeekday}</option>
            <option value="monthly-day">{m.repeatMonthlyDay}</option>
            <option value="custom">{m.repeatCustom}</option>
          </select>
        )}
      </Field>
      {value.kind === 'custom' && (
        <Field id="ev-recurrence-custom" label={m.rrule} error={ruleError}>
          {(props) => <input {...props} type="text" value={value.custom} onInput={(e) => set({ custom: e.currentTarget.value })} onBlur={() => touch('recurrence.rrule')} />}
        </Field>
      )}
      {(value.kind === 'weekly' || value.kind === 'monthly-weekday' || value.kind === 'monthly-day') && (
        <div class="form-row">
          <Field id="ev-recurrence-interval" label={`${m.every} …`} hint={value.kind === 'weekly' ? m.everyWeeks : m.everyMonths}>
            {(props) => <input {...props} type="number" min={1} max={99} inputMode="numeric" value={value.interval} onInput={(e) => set({ interval: e.currentTarget.value })} />}
          </Field>
        </div>
      )}
      {value.kind === 'weekly' && (
        <fieldset class="choices">
          <legend>{m.onWeekdays}</legend>
          {WEEKDAYS.map((day, i) => (
            <label class="check inline" key={day}>
              <input
                type="checkbox"
                checked={value.weekdays.includes(day)}
                onChange={(e) => set({ weekdays: e.currentTarget.checked ? [...value.weekdays, day] : value.weekdays.filter((d) => d !== day) })}
              />
              {m.weekdayNames[i]}
            </label>
          ))}
        </fieldset>
      )}
      {value.kind === 'monthly-weekday' && (
        <div class="form-row">
          <Field id="ev-recurrence-nth" label={m.nth}>
            {(props) => (
              <select {...props} value={value.nth} onChange={(e) => set({ nth: e.currentTarget.value as RecurrenceState['nth'] })}>
                {(['1', '2', '3', '4', '-1'] as const).map((n) => (
                  <option key={n} value={n}>
                    {m.nthNames[n]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="ev-recurrence-weekday" label={m.weekday}>
            {(props) => (
              <select {...props} value={value.weekday} onChange={(e) => set({ weekday: e.currentTarget.value as RecurrenceState['weekday'] })}>
                {WEEKDAYS.map((day, i) => (
                  <option key={day} value={day}>
                    {m.weekdayNames[i]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      )}
      {value.kind === 'monthly-day' && (
        <Field id="ev-recurrence-monthday" label={m.monthDay}>
          {(props) => <input {...props} type="number" min={1} max={31} inputMode="numeric" value={value.monthDay} onInput={(e) => set({ monthDay: e.currentTarget.value })} />}
        </Field>
      )}
      {value.kind !== 'none' && value.kind !== 'custom' && (
        <>
          <fieldset class="choices">
            <legend>{m.ends}</legend>
            {(['never', 'until', 'count'] as const).map((ends) => (
              <label class="check" key={ends}>
                <input type="radio" name="ev-recurrence-ends" value={ends} checked={value.ends === ends} onChange={() => set({ ends })} />
                {ends === 'never' ? m.endsNever : ends === 'until' ? m.endsUntil : m.endsCount}
              </label>
            ))}
          </fieldset>
          {value.ends === 'until' && (
            <Field id="ev-recurrence-until" label={m.until}>
              {(props) => <input {...props} type="date" value={value.until} onInput={(e) => set({ until: e.currentTarget.value })} />}
            </Field>
          )}
          {value.ends === 'count' && (
            <Field id="ev-recurrence-count" label={m.count}>
              {(props) => <input {...props} type="number" min={1} max={500} inputMode="numeric" value={value.count} onInput={(e) => set({ count: e.currentTarget.value })} />}
            </Field>
          )}
        </>
      )}
      {value.kind !== 'none' && (
        <fieldset class={`choices${exceptionError ? ' invalid' : ''}`} aria-describedby={describedBy('ev-recurrence-exceptions', false, exceptionError)}>
          <legend>{m.exceptions}</legend>
          <ul class="plain-list">
            {value.exceptions.map((date, i) => (
              <li key={i} class="inline-controls">
                <label class="visually-hidden" for={`ev-exception-${i}`}>
                  {m.exceptionDate} {i + 1}
                </label>
                <input
                  id={`ev-exception-${i}`}
                  type="date"
                  value={date}
                  aria-invalid={errorOf(`recurrence.exceptions.${i}`) ? 'true' : undefined}
                  onInput={(e) => set({ exceptions: value.exceptions.map((d, j) => (j === i ? e.currentTarget.value : d)) })}
                />
                <button type="button" onClick={() => set({ exceptions: value.exceptions.filter((_, j) => j !== i) })}>
                  {fill(m.removeException, { date: date || String(i + 1) })}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => set({ exceptions: [...value.exceptions, ''] })}>
            {m.addException}
          </button>
          <FieldError id="ev-recurrence-exceptions" error={exceptionError} />
        </fieldset>
      )}
      {rule && <RuleSummary rule={rule} startDate={startDate} removed={value.exceptions} language={i18n.language} />}
    </fieldset>
  );
}

/** The rule as a sentence and its next dates; the rule itself only when the sentence cannot say it. */
function RuleSummary({ rule, startDate, removed, language }: { rule: string; startDate: string; removed: string[]; language: 'fi' | 'sv' | 'en' }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const sentence = describeRule(rule, language, startDate);
  const today = new Date().toISOString().slice(0, 10);
  const dates = sentence ? nextDates(rule, startDate, startDate > today ? startDate : today, removed) : [];
  return (
    <div class="hint rule-summary" aria-live="polite">
      <p>{sentence ?? fill(m.ruleSummary, { rule })}</p>
      {dates.length > 0 && (
        <p>
          {m.nextDates} {dates.map((date) => i18n.day(date)).join(', ')}
        </p>
      )}
    </div>
  );
}
