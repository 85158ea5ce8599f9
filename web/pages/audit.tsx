/** Administrators: the audit trail, newest first, filtered by entity or person; what changed shown field by field. */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { type AuditEntry, type AuditPage as Page, type Taxonomy, getAudit, getTaxonomy, listPeople } from '../api';
import { Field } from '../components/form';
import { Area } from '../components/manage-nav';
import { Empty, Failed, Loading } from '../components/status';
import { type I18n, useI18n, withLanguage } from '../i18n';
import { describeRule } from '../recurrence-text';
import { type OrganiserMessages, fill, useOrganiserText } from '../i18n/organiser';
import { useAction } from '../use-action';
import { useResource } from '../use-resource';
import { DataTable } from '../components/data-table';

const ENTITIES = ['event', 'clock', 'clock_item', 'person', 'membership', 'token', 'invitation', 'organisation', 'network'];

/** Derived or internal fields that say nothing a reader needs (the start and end are shown as written). */
const HIDDEN = ['updatedAt', 'revision', 'sequence', 'createdAt', 'startsAt', 'endsAt', 'spanStart', 'spanEnd', 'id'];

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Names of slugs by the field they are in, from the taxonomy. */
type Names = Record<string, Map<string, string>>;

function namesOf(taxonomy: Taxonomy | null, pick: (name: Taxonomy['networks'][number]['name']) => string): Names {
  const map = (list: Taxonomy['networks']) => new Map(list.map((term) => [term.slug, pick(term.name)]));
  if (!taxonomy) return {};
  const organisations = map(taxonomy.organisations);
  return {
    type: map(taxonomy.eventTypes), networks: map(taxonomy.networks), municipalities: map(taxonomy.municipalities), municipality: map(taxonomy.municipalities),
    audiences: map(taxonomy.audiences), organisations, organisation: organisations, coOrganiser: organisations, responsibleOrganisation: organisations,
  };
}

/** An internal value's word: a status, role, organisation kind, repeat or one of the audit's own. */
function enumValue(m: OrganiserMessages, field: string, value: string): string | undefined {
  const byField: Record<string, Record<string, string>> = { status: m.statusOne, role: m.roles, kind: m.kinds, repeat: m.repeats };
  return byField[field]?.[value] ?? m.auditValues[value];
}

/** Shows stored values as a reader of the page's language reads them: names, not slugs; local Helsinki times, not UTC. */
function describer(m: OrganiserMessages, i18n: I18n, names: Names) {
  const show = (value: unknown, field: string): string => {
    if (value === null || value === undefined || value === '') return m.nothing;
    if (typeof value === 'boolean') return value ? m.yes : m.no;
    if (typeof value === 'number') return String(value);
    if (typeof value === 'string') {
      if (INSTANT.test(value)) return i18n.dateTime(value);
      const wall = WALL_CLOCK.exec(value);
      if (wall) return `${i18n.day(value.slice(0, 10))} ${Number(wall[4])}${i18n.language === 'en' ? ':' : '.'}${wall[5]}`;
      if (DATE.test(value)) return i18n.day(value);
      if (field === 'languages') return (m.eventLanguages as Record<string, string>)[value] ?? value;
      if (field === 'rrule') return describeRule(value, i18n.language, '') ?? value;
      return names[field]?.get(value) ?? enumValue(m, field, value) ?? value;
    }
    if (Array.isArray(value)) return value.length === 0 ? m.nothing : value.map((item) => show(item, field)).join(', ');
    const record = value as Record<string, unknown>;
    if ('fi' in record && Object.keys(record).every((key) => ['fi', 'sv', 'en'].includes(key))) return String(record[i18n.language] ?? record.fi ?? m.nothing);
    const entries = Object.entries(record).filter(([key, v]) => v !== null && v !== undefined && v !== '' && !HIDDEN.includes(key) && !(Array.isArray(v) && v.length === 0));
    return entries.length === 0 ? m.nothing : entries.map(([key, v]) => `${label(key)}: ${show(v, key)}`).join('; ');
  };
  const label = (field: string) => m.fieldNames[field] ?? m.auditFields[field] ?? field;
  return { show, label };
}

/** The fields that differ between before and after; every field when one side is missing. */
function changes(entry: AuditEntry): { field: string; before: unknown; after: unknown }[] {
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  if (typeof before !== 'object' || typeof after !== 'object' || Array.isArray(before) || Array.isArray(after)) return [{ field: '', before: entry.before, after: entry.after }];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => !HIDDEN.includes(key));
  return keys.filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)).map((field) => ({ field, before: before[field], after: after[field] }));
}

function Entries({ filter }: { filter: { entity?: string; entityId?: string; person?: number } }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const [pages, setPages] = useState<Page[]>([]);
  const taxonomy = useResource('taxonomy', () => getTaxonomy().catch(() => null));
  const { show, label } = describer(m, i18n, namesOf(taxonomy.state === 'ready' ? taxonomy.value : null, i18n.pick));
  const first = useResource(`audit/${JSON.stringify(filter)}`, async (signal) => {
    const page = await getAudit(filter, signal);
    setPages([page]);
    return page;
  });
  const loadingMore = useAction(async (before: number) => {
    const page = await getAudit({ ...filter, before });
    setPages((list) => [...list, page]);
  });
  if (first.state === 'loading') return <Loading />;
  if (first.state === 'failed') return <Failed retry={first.retry} />;
  const items = pages.flatMap((page) => page.items);
  const next = pages.at(-1)?.next ?? null;
  const more = () => next !== null && loadingMore.run(next);
  if (items.length === 0) return <Empty>{m.noEntries}</Empty>;
  return (
    <>
      <DataTable
        class="audit"
        caption={m.auditTitle}
        rows={items}
        rowKey={(entry) => entry.id}
        rowAttributes={(entry) => ({ 'data-entity': entry.entity, 'data-entity-id': entry.entityId })}
        columns={[
          { header: m.at, cell: (entry) => i18n.dateTime(entry.at) },
          { header: m.actor, cell: (entry) => (entry.actor.person ? entry.actor.person.name : entry.actor.token ? fill(m.viaToken, { name: entry.actor.token.name }) : m.system) },
          { header: m.action, cell: (entry) => m.auditActions[entry.action] ?? entry.action },
          {
            header: m.entity,
            rowHeader: true,
            cell: (entry) => (
              <>
                {m.entities[entry.entity] ?? entry.entity}{' '}
                {entry.entity === 'event' ? <a href={withLanguage(`/manage/events/${entry.entityId}`, i18n.language)}>{entry.entityId}</a> : entry.entityId}
              </>
            ),
          },
          {
            header: m.changes,
            cell: (entry) => (
              <dl class="changes">
                {changes(entry).map((change) => (
                  <div key={change.field}>
                    <dt>{label(change.field)}</dt>
                    <dd>
                      <del>{show(change.before, change.field)}</del> → <ins>{show(change.after, change.field)}</ins>
                    </dd>
                  </div>
                ))}
              </dl>
            ),
          },
        ]}
      />
      {next !== null && (
        <p class="load-more">
          <button type="button" onClick={more} disabled={loadingMore.busy}>
            {loadingMore.busy ? i18n.t.loading : m.olderEntries}
          </button>
        </p>
      )}
      {loadingMore.error && <Failed retry={more} />}
    </>
  );
}

export function AuditPage() {
  const m = useOrganiserText();
  const i18n = useI18n();
  const { url, route } = useLocation();
  const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?')) : '');
  const filter = { entity: query.get('entity') ?? undefined, entityId: query.get('entityId') ?? undefined, person: query.get('person') ? Number(query.get('person')) : undefined };
  const [entity, setEntity] = useState(filter.entity ?? '');
  const [entityId, setEntityId] = useState(filter.entityId ?? '');
  const [person, setPerson] = useState(filter.person ? String(filter.person) : '');
  const people = useResource('audit-people', (signal) => listPeople(signal).catch(() => []));
  const apply = (e: { preventDefault: () => void }) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (entity) next.set('entity', entity);
    if (entityId.trim()) next.set('entityId', entityId.trim());
    if (person) next.set('person', person);
    route(withLanguage(`/admin/audit${next.size ? `?${next}` : ''}`, i18n.language));
  };
  return (
    <Area title={m.auditTitle} admin>
      {() => (
        <>
          <h1>{m.auditTitle}</h1>
          <form class="filters" onSubmit={apply}>
            <Field id="audit-entity" label={m.entity}>
              {(props) => (
                <select {...props} value={entity} onChange={(e) => setEntity(e.currentTarget.value)}>
                  <option value="">{m.anything}</option>
                  {ENTITIES.map((name) => (
                    <option key={name} value={name}>
                      {m.entities[name] ?? name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="audit-entity-id" label={m.entityId}>
              {(props) => <input {...props} type="text" value={entityId} onInput={(e) => setEntityId(e.currentTarget.value)} />}
            </Field>
            <Field id="audit-person" label={m.person}>
              {(props) => (
                <select {...props} value={person} onChange={(e) => setPerson(e.currentTarget.value)}>
                  <option value="">{m.anyone}</option>
                  {people.state === 'ready' &&
                    people.value.map((p) => (
                      <option key={p.id} value={String(p.id)}>
                        {p.name}
                      </option>
                    ))}
                </select>
              )}
            </Field>
            <div class="field-clear">
              <button type="submit" class="primary">
                {m.filter}
              </button>
            </div>
          </form>
          <Entries filter={filter} />
        </>
      )}
    </Area>
  );
}
