/** Administrators: people, their memberships and roles, invitation links, signing a person out everywhere. */
import { useRef, useState } from 'preact/hooks';
import { type CreatedInvitation, type Membership, type Person, type Taxonomy, addPerson, getTaxonomy, invitePerson, listPeople, setMemberships, signOutPerson, updatePerson } from '../api';
import { ConfirmDialog, CopyOnce, Field, ProblemBox, SaveButton, Success, TermOptions } from '../components/form';
import { Area } from '../components/manage-nav';
import { Failed, Loading } from '../components/status';
import { useI18n } from '../i18n';
import { fill, useOrganiserText } from '../i18n/organiser';
import { useAction } from '../use-action';
import { useResource } from '../use-resource';
import { DataTable } from '../components/data-table';

const ROLES = ['administrator', 'organiser', 'viewer'] as const;

function MembershipsEditor({ idPrefix, value, onChange, taxonomy }: { idPrefix: string; value: Membership[]; onChange: (next: Membership[]) => void; taxonomy: Taxonomy }) {
  const m = useOrganiserText();
  const set = (index: number, patch: Partial<Membership>) => onChange(value.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  return (
    <fieldset class="choices">
      <legend>{m.memberships}</legend>
      {value.map((membership, i) => (
        <div class="form-row membership" key={i}>
          <Field id={`${idPrefix}-org-${i}`} label={`${fill(m.membershipN, { n: i + 1 })}: ${m.organisation}`}>
            {(props) => (
              <select {...props} value={membership.organisation} onChange={(e) => set(i, { organisation: e.currentTarget.value })}>
                <TermOptions terms={taxonomy.organisations} />
              </select>
            )}
          </Field>
          <Field id={`${idPrefix}-role-${i}`} label={`${fill(m.membershipN, { n: i + 1 })}: ${m.role}`}>
            {(props) => (
              <select {...props} value={membership.role} onChange={(e) => set(i, { role: e.currentTarget.value as Membership['role'] })}>
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {m.roles[role]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="button" class="align-end" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            {fill(m.removeMembership, { n: i + 1 })}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...value, { organisation: taxonomy.organisations[0]?.slug ?? '', role: 'organiser' }])}>
        {m.addMembership}
      </button>
    </fieldset>
  );
}

function AddPerson({ taxonomy, onAdded }: { taxonomy: Taxonomy; onAdded: (person: Person) => void }) {
  const m = useOrganiserText();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [memberships, setMembershipList] = useState<Membership[]>([]);
  const adding = useAction(async () => {
    const person = await addPerson({ name: name.trim(), email: email.trim(), memberships });
    setName('');
    setEmail('');
    setMembershipList([]);
    onAdded(person);
  });
  const submit = (e: { preventDefault: () => void }) => {
    e.preventDefault();
    void adding.run();
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="add-person-title">
      <h2 id="add-person-title">{m.addPerson}</h2>
      <ProblemBox error={adding.error} />
      <div class="form-row">
        <Field id="new-person-name" label={m.name} required>
          {(props) => <input {...props} type="text" required value={name} onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>
        <Field id="new-person-email" label={m.email} required>
          {(props) => <input {...props} type="email" required autocomplete="off" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
        </Field>
      </div>
      <MembershipsEditor idPrefix="new-person" value={memberships} onChange={setMembershipList} taxonomy={taxonomy} />
      <SaveButton saving={adding.busy}>{m.addPerson}</SaveButton>
    </form>
  );
}

function PersonEditor({ person, taxonomy, onChanged }: { person: Person; taxonomy: Taxonomy; onChanged: () => void }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const [name, setName] = useState(person.name);
  const [email, setEmail] = useState(person.email);
  const [memberships, setMembershipList] = useState<Membership[]>(person.memberships);
  const [message, setMessage] = useState<string | null>(null);
  const [invitation, setInvitation] = useState<CreatedInvitation | null>(null);
  const [confirmSignOut, setConfirmSignOut] = useState(false);
  /** One change at a time: which one (`what`) says which button is busy; its result is the message to show. */
  const change = useAction(async (_what: 'person' | 'memberships' | 'invite' | 'sign-out', action: () => Promise<string>) => {
    setMessage(null);
    setMessage(await action());
    onChanged();
  });
  const { run } = change;
  const busy = change.running?.[0] ?? null;
  const id = `person-${person.id}`;
  return (
    <section class="card person-editor" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{fill(m.editPerson, { name: person.name })}</h2>
      <ProblemBox error={change.error} />
      {message && <Success>{message}</Success>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run('person', async () => (await updatePerson(person.id, { name: name.trim(), email: email.trim() }), m.personSaved));
        }}
      >
        <div class="form-row">
          <Field id={`${id}-name`} label={m.name} required>
            {(props) => <input {...props} type="text" required value={name} onInput={(e) => setName(e.currentTarget.value)} />}
          </Field>
          <Field id={`${id}-email`} label={m.email} required>
            {(props) => <input {...props} type="email" required autocomplete="off" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
          </Field>
        </div>
        <SaveButton saving={busy === 'person'}>{m.save}</SaveButton>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run('memberships', async () => (await setMemberships(person.id, memberships), m.membershipsSaved));
        }}
      >
        <MembershipsEditor idPrefix={id} value={memberships} onChange={setMembershipList} taxonomy={taxonomy} />
        <SaveButton saving={busy === 'memberships'}>{m.saveMemberships}</SaveButton>
      </form>
      <div class="button-row">
        <button type="button" disabled={busy !== null} onClick={() => run('invite', async () => (setInvitation(await invitePerson(person.id)), ''))}>
          {busy === 'invite' ? m.saving : m.invite}
        </button>
        <button type="button" disabled={busy !== null} onClick={() => setConfirmSignOut(true)}>
          {m.signOutEverywhere}
        </button>
      </div>
      {invitation && (
        <div class="secret">
          <CopyOnce id={`${id}-invitation`} label={fill(m.inviteLink, { name: person.name })} value={invitation.url} />
          <p>{fill(m.inviteExpires, { until: i18n.dateTime(invitation.expiresAt) })}</p>
        </div>
      )}
      {confirmSignOut && (
        <ConfirmDialog
          title={fill(m.signOutConfirm, { name: person.name })}
          confirm={m.signOutEverywhere}
          danger
          onClose={() => setConfirmSignOut(false)}
          onConfirm={() => {
            setConfirmSignOut(false);
            run('sign-out', async () => fill(m.signedOutEverywhere, { name: person.name, count: (await signOutPerson(person.id)).revoked }));
          }}
        />
      )}
    </section>
  );
}

function People() {
  const m = useOrganiserText();
  const i18n = useI18n();
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const data = useResource(`people/${version}`, async (signal) => ({ people: await listPeople(signal), taxonomy: await getTaxonomy() }));
  // While a change is reloaded, the previous list stays, so that an open editor keeps its messages and links.
  const last = useRef<{ people: Person[]; taxonomy: Taxonomy } | null>(null);
  if (data.state === 'ready') last.current = data.value;
  if (data.state === 'failed') return <Failed retry={data.retry} />;
  if (!last.current) return <Loading />;
  const { people, taxonomy } = last.current;
  const orgName = (slug: string) => {
    const found = taxonomy.organisations.find((o) => o.slug === slug);
    return found ? i18n.pick(found.name) : slug;
  };
  const person = people.find((p) => p.id === editing);
  return (
    <>
      {message && <Success>{message}</Success>}
      <DataTable
        class="people"
        caption={m.peopleTitle}
        rows={people}
        rowKey={(p) => p.id}
        rowAttributes={(p) => ({ 'data-email': p.email })}
        columns={[
          { header: m.name, rowHeader: true, cell: (p) => p.name },
          { header: m.email, cell: (p) => p.email },
          { header: m.memberships, cell: (p) => p.memberships.map((ms) => `${orgName(ms.organisation)} (${m.roles[ms.role]})`).join(', ') },
          { header: m.passwordSet, cell: (p) => (p.hasPassword ? m.yes : m.no) },
          { header: m.lastSignIn, cell: (p) => (p.lastSignInAt ? i18n.dateTime(p.lastSignInAt) : m.never) },
          {
            header: m.actions,
            cell: (p) => (
              <button type="button" aria-expanded={editing === p.id} aria-controls="person-editor" onClick={() => setEditing(editing === p.id ? null : p.id)} aria-label={`${m.edit}: ${p.name}`}>
                {m.edit}
              </button>
            ),
          },
        ]}
      />
      <div id="person-editor">{person && <PersonEditor key={person.id} person={person} taxonomy={taxonomy} onChanged={() => setVersion((v) => v + 1)} />}</div>
      <AddPerson
        taxonomy={taxonomy}
        onAdded={(added) => {
          setMessage(fill(m.personAdded, { name: added.name }));
          setEditing(added.id);
          setVersion((v) => v + 1);
        }}
      />
    </>
  );
}

export function PeoplePage() {
  const m = useOrganiserText();
  return (
    <Area title={m.peopleTitle} admin>
      {() => (
        <>
          <h1>{m.peopleTitle}</h1>
          <People />
        </>
      )}
    </Area>
  );
}
