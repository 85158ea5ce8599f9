/** The event form: every field of EventInput, each with its label and its error. State lives in the page (see model.ts). */
import type { AnnualClock, Taxonomy } from '../../api';
import { formatWhen, useI18n } from '../../i18n';
import { fill, useOrganiserText } from '../../i18n/organiser';
import { ConflictHints } from '../conflict-hints';
import { DecisionEditor } from '../decision-editor';
import { Choices, Field, TermOptions } from '../form';
import { RecurrenceEditor } from '../recurrence-editor';
import { type FormState, HELSINKI, type MaterialState, instantOf, withStartDate } from './model';

export interface EventFormProps {
  form: FormState;
  onChange: (next: FormState) => void;
  taxonomy: Taxonomy;
  /** Organisations the person may name as organisers. */
  organisations: string[];
  /** Organisations invited to co-organise, not yet accepted. */
  invited?: string[];
  clock: AnnualClock | null;
  /** A field's error when it should be shown (after its first blur, or after a save was tried). */
  errorOf: (key: string) => string | undefined;
  touch: (key: string) => void;
  eventId: string | null;
  /** Whether the stored event is published already (it cannot return to draft). */
  published: boolean;
}

/** The zones organisers here use first (Finland, Sweden, UTC), then every other in the browser's order. */
export const FIRST_TIME_ZONES = [HELSINKI, 'Europe/Stockholm', 'UTC'];

const TIME_ZONES: string[] = (() => {
  try {
    const zones = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
    return [...FIRST_TIME_ZONES, ...zones.filter((zone) => !FIRST_TIME_ZONES.includes(zone))];
  } catch {
    return FIRST_TIME_ZONES;
  }
})();

export function EventForm({ form, onChange, taxonomy, organisations, invited = [], clock, errorOf, touch, eventId, published }: EventFormProps) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => onChange({ ...form, [key]: value });
  const text = (key: keyof FormState, field: string) => ({
    value: form[key] as string,
    onInput: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => set(key, e.currentTarget.value as never),
    onBlur: () => touch(field),
  });
  const terms = (list: { slug: string; name: { fi: string; sv: string | null; en: string | null } }[]) => list.map((term) => ({ slug: term.slug, name: i18n.pick(term.name) }));
  const startsAt = form.allDay ? null : instantOf(form.startDate, form.startTime, form.timeZone);
  const endsAt = form.allDay ? null : instantOf(form.endDate, form.endTime, form.timeZone);
  const conflictWindow =
    form.allDay && form.startDate && form.endDate
      ? { from: form.startDate, to: instantOf(form.endDate, '23:59', HELSINKI)?.toString() ?? form.endDate }
      : startsAt && endsAt && startsAt.epochMilliseconds < endsAt.epochMilliseconds
        ? { from: startsAt.toString(), to: endsAt.toString() }
        : null;
  const organisationOptions = terms(taxonomy.organisations.filter((o) => organisations.includes(o.slug) || form.organisations.includes(o.slug))).map((o) =>
    invited.includes(o.slug) ? { ...o, name: fill(m.invitedSuffix, { name: o.name }) } : o,
  );
  // Any other organisation may be named too: it is invited, and joins when it accepts.
  const invitable = terms(taxonomy.organisations.filter((o) => !organisations.includes(o.slug) && !form.organisations.includes(o.slug)));
  const material = (index: number, patch: Partial<MaterialState>) => set('materials', form.materials.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  return (
    <>
      <fieldset class="form-section">
        <legend>{m.basics}</legend>
        <Field id="ev-title-fi" label={m.titleFi} required error={errorOf('title.fi')}>
          {(props) => <input {...props} type="text" required {...text('titleFi', 'title.fi')} />}
        </Field>
        <Field id="ev-type" label={m.type} required error={errorOf('type')}>
          {(props) => (
            <select {...props} required value={form.type} onChange={(e) => set('type', e.currentTarget.value)} onBlur={() => touch('type')}>
              <TermOptions terms={taxonomy.eventTypes} empty={m.choose} />
            </select>
          )}
        </Field>
        <Field id="ev-description-fi" label={m.descriptionFi} error={errorOf('description.fi')}>
          {(props) => <textarea {...props} rows={5} {...text('descriptionFi', 'description.fi')} />}
        </Field>
        <details class="more-languages" open={Boolean(form.titleSv || form.titleEn || form.descriptionSv || form.descriptionEn)}>
          <summary>{m.otherLanguages}</summary>
          <Field id="ev-title-sv" label={m.titleSv} error={errorOf('title.sv')}>
            {(props) => <input {...props} type="text" lang="sv" {...text('titleSv', 'title.sv')} />}
          </Field>
          <Field id="ev-description-sv" label={m.descriptionSv} error={errorOf('description.sv')}>
            {(props) => <textarea {...props} rows={3} lang="sv" {...text('descriptionSv', 'description.sv')} />}
          </Field>
          <Field id="ev-title-en" label={m.titleEn} error={errorOf('title.en')}>
            {(props) => <input {...props} type="text" lang="en" {...text('titleEn', 'title.en')} />}
          </Field>
          <Field id="ev-description-en" label={m.descriptionEn} error={errorOf('description.en')}>
            {(props) => <textarea {...props} rows={3} lang="en" {...text('descriptionEn', 'description.en')} />}
          </Field>
        </details>
      </fieldset>

      <fieldset class="form-section">
        <legend>{m.time}</legend>
        <label class="check">
          <input type="checkbox" checked={form.allDay} onChange={(e) => set('allDay', e.currentTarget.checked)} />
          {m.allDay}
        </label>
        <div class="form-row">
          <Field id="ev-start" label={m.startDate} required error={errorOf('start')}>
            {(props) => <input {...props} type="date" required value={form.startDate} onInput={(e) => onChange(withStartDate(form, e.currentTarget.value))} onBlur={() => touch('start')} />}
          </Field>
          {!form.allDay && (
            <Field id="ev-start-time" label={m.startTime} required>
              {(props) => <input {...props} type="time" required value={form.startTime} onInput={(e) => set('startTime', e.currentTarget.value)} onBlur={() => touch('start')} />}
            </Field>
          )}
          <Field id="ev-end" label={m.endDate} required error={errorOf('end')}>
            {(props) => <input {...props} type="date" required value={form.endDate} onInput={(e) => set('endDate', e.currentTarget.value)} onBlur={() => touch('end')} />}
          </Field>
          {!form.allDay && (
            <Field id="ev-end-time" label={m.endTime} required>
              {(props) => <input {...props} type="time" required value={form.endTime} onInput={(e) => set('endTime', e.currentTarget.value)} onBlur={() => touch('end')} />}
            </Field>
          )}
        </div>
        {!form.allDay && (
          <Field id="ev-timeZone" label={m.timeZone} error={errorOf('timeZone')}>
            {(props) => (
              <select {...props} value={form.timeZone} onChange={(e) => set('timeZone', e.currentTarget.value)} onBlur={() => touch('timeZone')}>
                {/* The browser may list a zone by an older name (Europe/Kiev) than the one stored (Europe/Kyiv). */}
                {(TIME_ZONES.includes(form.timeZone) ? TIME_ZONES : [form.timeZone, ...TIME_ZONES]).map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {!form.allDay && form.timeZone !== HELSINKI && startsAt && endsAt && (
          <p class="hint helsinki-time" aria-live="polite">
            {fill(m.inHelsinki, { when: formatWhen(i18n, startsAt.toString(), endsAt.toString(), false, HELSINKI) })}
          </p>
        )}
      </fieldset>

      <RecurrenceEditor value={form.recurrence} startDate={form.startDate} onChange={(recurrence) => set('recurrence', recurrence)} errorOf={errorOf} touch={touch} />

      <fieldset class="form-section">
        <legend>{m.location}</legend>
        <Field id="ev-location-place" label={m.placeName} error={errorOf('location.place')}>
          {(props) => <input {...props} type="text" {...text('place', 'location.place')} />}
        </Field>
        <Field id="ev-location-address" label={m.address} error={errorOf('location.address')}>
          {(props) => <input {...props} type="text" autocomplete="off" {...text('address', 'location.address')} />}
        </Field>
        <Field id="ev-location-municipality" label={m.municipality} error={errorOf('location.municipality')}>
          {(props) => (
            <select {...props} value={form.municipality} onChange={(e) => set('municipality', e.currentTarget.value)}>
              <TermOptions terms={taxonomy.municipalities} empty={m.choose} />
            </select>
          )}
        </Field>
        <Field id="ev-onlineUrl" label={m.onlineUrl} error={errorOf('onlineUrl')}>
          {(props) => <input {...props} type="url" inputMode="url" {...text('onlineUrl', 'onlineUrl')} />}
        </Field>
      </fieldset>

      <fieldset class="form-section">
        <legend>{m.who}</legend>
        <Choices id="ev-organisations" legend={m.organisations} options={organisationOptions} chosen={form.organisations} onChange={(v) => set('organisations', v)} error={errorOf('organisations')} touch={() => touch('organisations')} />
        <Field id="ev-invite" label={m.inviteOrganisation}>
          {(props) => (
            <select {...props} value="" onChange={(e) => e.currentTarget.value && set('organisations', [...form.organisations, e.currentTarget.value])} aria-describedby="ev-invite-hint">
              <option value="">{m.inviteChoose}</option>
              {invitable.map((o) => (
                <option key={o.slug} value={o.slug}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p class="hint" id="ev-invite-hint">{m.coOrganisersHint}</p>
        <div class="form-row">
          <Field id="ev-contact-name" label={m.contactName} error={errorOf('contact.name')}>
            {(props) => <input {...props} type="text" autocomplete="off" {...text('contactName', 'contact.name')} />}
          </Field>
          <Field id="ev-contact-email" label={m.contactEmail} error={errorOf('contact.email')}>
            {(props) => <input {...props} type="email" autocomplete="off" {...text('contactEmail', 'contact.email')} />}
          </Field>
          <Field id="ev-contact-phone" label={m.contactPhone} error={errorOf('contact.phone')}>
            {(props) => <input {...props} type="tel" autocomplete="off" {...text('contactPhone', 'contact.phone')} />}
          </Field>
        </div>
        <Choices id="ev-networks" legend={m.networks} options={terms(taxonomy.networks)} chosen={form.networks} onChange={(v) => set('networks', v)} error={errorOf('networks')} touch={() => touch('networks')} scroll />
        <Choices id="ev-municipalities" legend={m.municipalities} options={terms(taxonomy.municipalities)} chosen={form.municipalities} onChange={(v) => set('municipalities', v)} error={errorOf('municipalities')} touch={() => touch('municipalities')} scroll />
        <Choices id="ev-audiences" legend={m.audiences} options={terms(taxonomy.audiences)} chosen={form.audiences} onChange={(v) => set('audiences', v)} error={errorOf('audiences')} touch={() => touch('audiences')} />
        <Choices
          id="ev-languages"
          legend={m.languages}
          options={(['fi', 'sv', 'en', 'se'] as const).map((code) => ({ slug: code, name: m.eventLanguages[code] }))}
          chosen={form.languages}
          onChange={(v) => set('languages', v)}
          error={errorOf('languages')}
          touch={() => touch('languages')}
        />
      </fieldset>

      <ConflictHints query={conflictWindow && { ...conflictWindow, networks: form.networks, municipalities: form.municipalities, exclude: eventId }} />

      <fieldset class="form-section">
        <legend>{m.registration}</legend>
        <div class="form-row">
          <Field id="ev-registration-url" label={m.registrationUrl} error={errorOf('registration.url')}>
            {(props) => <input {...props} type="url" inputMode="url" {...text('registrationUrl', 'registration.url')} />}
          </Field>
          <Field id="ev-registration-deadline" label={m.registrationDeadline} error={errorOf('registration.deadline')}>
            {(props) => <input {...props} type="date" {...text('registrationDeadline', 'registration.deadline')} />}
          </Field>
        </div>
      </fieldset>

      <fieldset class="form-section">
        <legend>{m.materials}</legend>
        {form.materials.map((item, i) => (
          <fieldset class="choices material" key={i}>
            <legend>{fill(m.materialN, { n: i + 1 })}</legend>
            <div class="form-row">
              <Field id={`ev-materials-${i}-kind`} label={m.materialKind}>
                {(props) => (
                  <select {...props} value={item.kind} onChange={(e) => material(i, { kind: e.currentTarget.value as MaterialState['kind'] })}>
                    {(['slides', 'recording', 'document', 'link'] as const).map((kind) => (
                      <option key={kind} value={kind}>
                        {m.materialKinds[kind]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id={`ev-materials-${i}-title`} label={m.materialTitle} error={errorOf(`materials.${i}.title`)}>
                {(props) => <input {...props} type="text" value={item.title} onInput={(e) => material(i, { title: e.currentTarget.value })} onBlur={() => touch(`materials.${i}.title`)} />}
              </Field>
              <Field id={`ev-materials-${i}-url`} label={m.materialUrl} error={errorOf(`materials.${i}.url`)}>
                {(props) => <input {...props} type="url" value={item.url} onInput={(e) => material(i, { url: e.currentTarget.value })} onBlur={() => touch(`materials.${i}.url`)} />}
              </Field>
            </div>
            <button type="button" onClick={() => set('materials', form.materials.filter((_, j) => j !== i))}>
              {fill(m.removeMaterial, { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="button" onClick={() => set('materials', [...form.materials, { kind: 'slides', title: '', url: '' }])}>
          {m.addMaterial}
        </button>
      </fieldset>

      <DecisionEditor
        id="ev"
        class="form-section decision"
        value={form.decision}
        onChange={(decision) => set('decision', decision)}
        errorOf={errorOf}
        touch={touch}
        legend={m.decision}
        hint={m.eventDecisionHint}
        switchLabel={m.eventHasDecision}
      />

      <fieldset class="form-section">
        <legend>{m.publishing}</legend>
        {clock && (
          <Field id="ev-clockItem" label={m.clockItem} error={errorOf('clockItem')}>
            {(props) => (
              <select {...props} value={form.clockItem} onChange={(e) => set('clockItem', e.currentTarget.value)}>
                <option value="">{m.noClockItem}</option>
                {clock.items.map((item) => (
                  <option key={item.id} value={String(item.id)}>
                    {i18n.pick(item.title)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {form.status !== 'cancelled' && (
          <fieldset class="choices">
            <legend>{m.status}</legend>
            <label class="check">
              <input type="radio" name="ev-status" value="draft" checked={form.status === 'draft'} disabled={published} aria-describedby={published ? 'ev-status-hint' : undefined} onChange={() => set('status', 'draft')} />
              {m.saveAsDraft}
            </label>
            <label class="check">
              <input type="radio" name="ev-status" value="published" checked={form.status === 'published'} onChange={() => set('status', 'published')} />
              {m.publish}
            </label>
            {published && (
              <p id="ev-status-hint" class="hint">
                {m.noUnpublish}
              </p>
            )}
          </fieldset>
        )}
        <label class="check">
          <input type="checkbox" checked={form.visibility === 'members'} onChange={(e) => set('visibility', e.currentTarget.checked ? 'members' : 'public')} />
          {m.membersOnly}
        </label>
      </fieldset>
    </>
  );
}
