/** Administrators: organisations (names, kind, website) and networks (names, description). */
import { useRef, useState } from 'preact/hooks';
import { type NetworkInput, type OrganisationInput, type Taxonomy, addNetwork, addOrganisation, getTaxonomy, refreshTaxonomy, updateNetwork, updateOrganisation } from '../api';
import { Field, ProblemBox, SaveButton, Success } from '../components/form';
import { Area } from '../components/manage-nav';
import { Failed, Loading } from '../components/status';
import { useI18n } from '../i18n';
import { fill, useOrganiserText } from '../i18n/organiser';
import { useAction } from '../use-action';
import { useResource } from '../use-resource';
import { DataTable } from '../components/data-table';

const KINDS = ['wellbeing-county', 'regional-council', 'municipality', 'state', 'ngo', 'parish', 'project', 'partner'] as const;

interface NamesState {
  slug: string;
  fi: string;
  sv: string;
  en: string;
  kind: OrganisationInput['kind'];
  website: string;
  description: string;
}

const blank: NamesState = { slug: '', fi: '', sv: '', en: '', kind: 'ngo', website: '', description: '' };
const orNull = (text: string) => (text.trim() ? text.trim() : null);

/** One form for adding or editing an organisation or a network. */
function TermForm({ what, initial, existing, onSaved }: { what: 'organisation' | 'network'; initial: NamesState; existing: boolean; onSaved: (name: string) => void }) {
  const m = useOrganiserText();
  const [value, setValue] = useState(initial);
  const set = (patch: Partial<NamesState>) => setValue({ ...value, ...patch });
  const id = `${what}-${existing ? value.slug : 'new'}`;
  const saving = useAction(async () => {
    const name = { fi: value.fi.trim(), sv: orNull(value.sv), en: orNull(value.en) };
    if (what === 'organisation') {
      const input = { name, kind: value.kind, website: orNull(value.website) };
      await (existing ? updateOrganisation(value.slug, input) : addOrganisation({ slug: value.slug.trim(), ...input } as OrganisationInput));
    } else {
      const input = { name, description: orNull(value.description) };
      await (existing ? updateNetwork(value.slug, input) : addNetwork({ slug: value.slug.trim(), ...input } as NetworkInput));
    }
    await refreshTaxonomy();
    if (!existing) setValue(initial);
    onSaved(name.fi);
  });
  const submit = (e: { preventDefault: () => void }) => {
    e.preventDefault();
    void saving.run();
  };
  return (
    <form class="card" onSubmit={submit}>
      <ProblemBox error={saving.error} />
      <div class="form-row">
        {!existing && (
          <Field id={`${id}-slug`} label={m.slug} required>
            {(props) => <input {...props} type="text" required pattern="[a-z0-9][a-z0-9\-]*" value={value.slug} onInput={(e) => set({ slug: e.currentTarget.value })} />}
          </Field>
        )}
        <Field id={`${id}-fi`} label={m.nameFi} required>
          {(props) => <input {...props} type="text" required value={value.fi} onInput={(e) => set({ fi: e.currentTarget.value })} />}
        </Field>
        <Field id={`${id}-sv`} label={m.nameSv}>
          {(props) => <input {...props} type="text" lang="sv" value={value.sv} onInput={(e) => set({ sv: e.currentTarget.value })} />}
        </Field>
        <Field id={`${id}-en`} label={m.nameEn}>
          {(props) => <input {...props} type="text" lang="en" value={value.en} onInput={(e) => set({ en: e.currentTarget.value })} />}
        </Field>
      </div>
      {what === 'organisation' ? (
        <div class="form-row">
          <Field id={`${id}-kind`} label={m.kind}>
            {(props) => (
              <select {...props} value={value.kind} onChange={(e) => set({ kind: e.currentTarget.value as NamesState['kind'] })}>
                {KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {m.kinds[kind] ?? kind}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`${id}-website`} label={m.website}>
            {(props) => <input {...props} type="url" value={value.website} onInput={(e) => set({ website: e.currentTarget.value })} />}
          </Field>
        </div>
      ) : (
        <Field id={`${id}-description`} label={m.description}>
          {(props) => <textarea {...props} rows={3} value={value.description} onInput={(e) => set({ description: e.currentTarget.value })} />}
        </Field>
      )}
      <SaveButton saving={saving.busy}>{existing ? m.save : what === 'organisation' ? m.addOrganisation : m.addNetwork}</SaveButton>
    </form>
  );
}

function Terms({ taxonomy, onChanged }: { taxonomy: Taxonomy; onChanged: () => void }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const saved = (template: string) => (name: string) => {
    setMessage(fill(template, { name }));
    setEditing(null);
    onChanged();
  };
  return (
    <>
      {message && <Success>{message}</Success>}
      <section aria-labelledby="organisations-title">
        <h2 id="organisations-title">{m.organisationsHeading}</h2>
        <DataTable
          caption={m.organisationsHeading}
          rows={taxonomy.organisations}
          rowKey={(o) => o.slug}
          columns={[
            {
              header: m.name,
              rowHeader: true,
              cell: (o) => (
                <>
                  {i18n.pick(o.name)} <span class="muted small">({o.slug})</span>
                  {editing === `o/${o.slug}` && (
                    <TermForm
                      what="organisation"
                      existing
                      initial={{ ...blank, slug: o.slug, fi: o.name.fi, sv: o.name.sv ?? '', en: o.name.en ?? '', kind: o.kind as NamesState['kind'], website: o.website ?? '' }}
                      onSaved={saved(m.orgSaved)}
                    />
                  )}
                </>
              ),
            },
            { header: m.kind, cell: (o) => m.kinds[o.kind] ?? o.kind },
            { header: m.website, cell: (o) => o.website },
            {
              header: m.actions,
              cell: (o) => (
                <button type="button" aria-expanded={editing === `o/${o.slug}`} onClick={() => setEditing(editing === `o/${o.slug}` ? null : `o/${o.slug}`)} aria-label={fill(m.editOrganisation, { name: i18n.pick(o.name) })}>
                  {m.edit}
                </button>
              ),
            },
          ]}
        />
        <h3>{m.addOrganisation}</h3>
        <TermForm what="organisation" existing={false} initial={blank} onSaved={saved(m.orgSaved)} />
      </section>
      <section aria-labelledby="networks-title">
        <h2 id="networks-title">{m.networksHeading}</h2>
        <DataTable
          caption={m.networksHeading}
          rows={taxonomy.networks}
          rowKey={(n) => n.slug}
          columns={[
            {
              header: m.name,
              rowHeader: true,
              cell: (n) => (
                <>
                  {i18n.pick(n.name)} <span class="muted small">({n.slug})</span>
                  {editing === `n/${n.slug}` && <TermForm what="network" existing initial={{ ...blank, slug: n.slug, fi: n.name.fi, sv: n.name.sv ?? '', en: n.name.en ?? '' }} onSaved={saved(m.networkSaved)} />}
                </>
              ),
            },
            {
              header: m.actions,
              cell: (n) => (
                <button type="button" aria-expanded={editing === `n/${n.slug}`} onClick={() => setEditing(editing === `n/${n.slug}` ? null : `n/${n.slug}`)} aria-label={fill(m.editNetwork, { name: i18n.pick(n.name) })}>
                  {m.edit}
                </button>
              ),
            },
          ]}
        />
        <h3>{m.addNetwork}</h3>
        <TermForm what="network" existing={false} initial={blank} onSaved={saved(m.networkSaved)} />
      </section>
    </>
  );
}

export function OrganisationsPage() {
  const m = useOrganiserText();
  const [version, setVersion] = useState(0);
  const taxonomy = useResource(`taxonomy/${version}`, () => getTaxonomy());
  // While a change is reloaded, the previous lists stay, so that the success message is not lost.
  const last = useRef<Taxonomy | null>(null);
  if (taxonomy.state === 'ready') last.current = taxonomy.value;
  return (
    <Area title={m.orgsTitle} admin>
      {() => (
        <>
          <h1>{m.orgsTitle}</h1>
          {taxonomy.state === 'failed' && <Failed retry={taxonomy.retry} />}
          {taxonomy.state !== 'failed' && !last.current && <Loading />}
          {last.current && <Terms taxonomy={last.current} onChanged={() => setVersion((v) => v + 1)} />}
        </>
      )}
    </Area>
  );
}
