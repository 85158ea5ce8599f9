/** API tokens of my organisations (secret shown once, last use, revoke) and my personal members-only feed. */
import { useState } from 'preact/hooks';
import { type ApiToken, type CreatedApiToken, type FeedKey, type Me, createToken, getFeed, getTaxonomy, listTokens, makeFeed, revokeFeed, revokeToken } from '../api';
import { ConfirmDialog, CopyOnce, Field, ProblemBox, SaveButton, Success, TermOptions } from '../components/form';
import { Area } from '../components/manage-nav';
import { Failed, Loading } from '../components/status';
import { useI18n } from '../i18n';
import { fill, useOrganiserText } from '../i18n/organiser';
import { useAction } from '../use-action';
import { useResource } from '../use-resource';
import { DataTable } from '../components/data-table';

function Tokens({ me }: { me: Me }) {
  const m = useOrganiserText();
  const i18n = useI18n();
  const [version, setVersion] = useState(0);
  const tokens = useResource(`tokens/${version}`, (signal) => listTokens(signal));
  const taxonomy = useResource('taxonomy', () => getTaxonomy());
  const organisations = taxonomy.state === 'ready' ? taxonomy.value.organisations.filter((o) => me.administrator || me.writes.includes(o.slug)) : [];
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState(me.writes[0] ?? '');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const nameOf = (slug: string) => {
    const found = taxonomy.state === 'ready' ? taxonomy.value.organisations.find((o) => o.slug === slug) : undefined;
    return found ? i18n.pick(found.name) : slug;
  };
  const when = (value: string | null) => (value ? i18n.dateTime(value) : m.never);
  const creating = useAction(async () => {
    setCreated(null);
    setMessage(null);
    setCreated(await createToken(name.trim(), organisation));
    setName('');
    setVersion((v) => v + 1);
  });
  const create = (e: { preventDefault: () => void }) => {
    e.preventDefault();
    void creating.run();
  };
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">{m.tokens}</h2>
      <p>{m.tokensExplain}</p>
      <form class="card" onSubmit={create}>
        <h3>{m.newToken}</h3>
        <ProblemBox error={creating.error} />
        <div class="form-row">
          <Field id="token-name" label={m.tokenName} required>
            {(props) => <input {...props} type="text" required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
          </Field>
          <Field id="token-organisation" label={m.organisation} required>
            {(props) => (
              <select {...props} value={organisation} onChange={(e) => setOrganisation(e.currentTarget.value)}>
                <TermOptions terms={organisations} />
              </select>
            )}
          </Field>
        </div>
        <SaveButton saving={creating.busy}>{m.createToken}</SaveButton>
      </form>
      {created && (
        <div class="card secret">
          <p>{fill(m.tokenCreated, { name: created.name })}</p>
          <CopyOnce id="token-secret" label={m.tokenSecret} value={created.token} />
        </div>
      )}
      {message && <Success>{message}</Success>}
      {tokens.state === 'loading' && <Loading />}
      {tokens.state === 'failed' && <Failed retry={tokens.retry} />}
      {tokens.state === 'ready' && (
        <DataTable
          caption={m.tokens}
          empty={m.noTokens}
          rows={tokens.value}
          rowKey={(token) => token.id}
          rowAttributes={(token) => ({ 'data-id': token.id })}
          columns={[
            { header: m.tokenName, rowHeader: true, cell: (token) => token.name },
            { header: m.organisation, cell: (token) => nameOf(token.organisation) },
            { header: m.created, cell: (token) => when(token.createdAt) },
            { header: m.lastUsed, cell: (token) => when(token.lastUsedAt) },
            {
              header: m.status,
              cell: (token) =>
                token.revokedAt ? (
                  `${m.revoked} ${when(token.revokedAt)}`
                ) : (
                  <>
                    {m.active}{' '}
                    <button type="button" onClick={() => setRevoking(token)} aria-label={`${m.revoke}: ${token.name}`}>
                      {m.revoke}
                    </button>
                  </>
                ),
            },
          ]}
        />
      )}
      {revoking && <RevokeDialog token={revoking} onClose={() => setRevoking(null)} onDone={() => (setRevoking(null), setMessage(fill(m.tokenRevoked, { name: revoking.name })), setVersion((v) => v + 1))} />}
    </section>
  );
}

function RevokeDialog({ token, onClose, onDone }: { token: ApiToken; onClose: () => void; onDone: () => void }) {
  const m = useOrganiserText();
  return (
    <ConfirmDialog
      title={fill(m.revokeConfirm, { name: token.name })}
      confirm={m.revoke}
      danger
      onClose={onClose}
      onConfirm={async () => {
        await revokeToken(token.id);
        onDone();
      }}
    />
  );
}

function PersonalFeed() {
  const m = useOrganiserText();
  const [version, setVersion] = useState(0);
  const feed = useResource(`feed/${version}`, (signal) => getFeed(signal));
  const [made, setMade] = useState<FeedKey | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const feedAction = useAction(async (action: () => Promise<FeedKey>, done: (key: FeedKey) => void) => {
    setMessage(null);
    done(await action());
    setVersion((v) => v + 1);
  });
  const { busy, run: act } = feedAction;
  const active = made?.active ?? (feed.state === 'ready' && feed.value.active);
  return (
    <section aria-labelledby="feed-title">
      <h2 id="feed-title">{m.feed}</h2>
      <p>{m.feedExplain}</p>
      <ProblemBox error={feedAction.error} />
      {message && <Success>{message}</Success>}
      {feed.state === 'loading' ? (
        <Loading />
      ) : (
        <>
          <p>{active ? m.feedActive : m.feedInactive}</p>
          {made?.url && <CopyOnce id="feed-url" label={m.feedUrl} value={made.url} />}
          <div class="button-row">
            <button type="button" class="primary" disabled={busy} onClick={() => act(makeFeed, setMade)}>
              {busy ? m.saving : active ? m.remakeFeed : m.makeFeed}
            </button>
            {active && (
              <button type="button" disabled={busy} onClick={() => act(revokeFeed, (key) => (setMade(key), setMessage(m.feedRevoked)))}>
                {m.revokeFeed}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}

export function TokensPage() {
  const m = useOrganiserText();
  return (
    <Area title={m.tokensTitle}>
      {(me) => (
        <>
          <h1>{m.tokensTitle}</h1>
          {(me.administrator || me.writes.length > 0) && <Tokens me={me} />}
          {me.person && <PersonalFeed />}
        </>
      )}
    </Area>
  );
}
