/** Sign-in with email and password; locally also the development sign-in as one of the demo people. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { type Me, devSignIn, devSignInAvailable, isProblem, signIn } from '../api';
import { Field, ProblemBox, SaveButton } from '../components/form';
import { useI18n, withLanguage } from '../i18n';
import { fill, useOrganiserText } from '../i18n/organiser';
import { setSession } from '../session';
import { useAction } from '../use-action';

// The people of the demo data (scripts/demo-data.ts); offered only where the server allows the development sign-in.
const DEMO_PEOPLE = [
  { name: 'Aino Ylläpitäjä', email: 'aino.yllapitaja@pohde.example', role: 'administrator', organisation: 'pohde' },
  { name: 'Olli Järjestäjä', email: 'olli.jarjestaja@pohde.example', role: 'organiser', organisation: 'pohde, hop-hanke' },
  { name: 'Pirjo Posken', email: 'pirjo@posken.example', role: 'organiser', organisation: 'posken' },
  { name: 'Ville Katsoja', email: 'ville.katsoja@oulu.example', role: 'viewer', organisation: 'oulu' },
] as const;

/** Where to go after signing in: the page that asked for it, if it is one of ours. */
function nextPath(url: string, language: 'fi' | 'sv' | 'en'): string {
  const next = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?')) : '').get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : withLanguage('/manage', language);
}

export function SignInPage() {
  const m = useOrganiserText();
  const { t, language } = useI18n();
  const { url, route } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [devAvailable, setDevAvailable] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    document.title = `${m.signInTitle} – ${t.appName}`;
    // Only a local development server can offer it; elsewhere no request is made.
    if (['localhost', '127.0.0.1', '[::1]'].includes(location.hostname)) devSignInAvailable().then(setDevAvailable, () => setDevAvailable(false));
  }, []);
  // One sign-in at a time, with a password or as a demo person; on success the page moves on, and the button stays busy until it has.
  const signingIn = useAction(
    async (_how: 'password' | 'demo', signInAs: () => Promise<Me>) => {
      setSession(await signInAs());
      route(nextPath(url, language));
    },
    { staysBusy: true },
  );
  const { error } = signingIn;
  const saving = signingIn.running?.[0] === 'password';
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await signingIn.run('password', () => signIn(email, password))) emailInput.current?.focus();
  };
  const asDemo = (address: string) => signingIn.run('demo', () => devSignIn(address));
  const wrong = isProblem(error, 401);
  return (
    <div class="narrow">
      <h1>{m.signInTitle}</h1>
      {wrong ? (
        <p class="status status-error" role="alert">
          {m.wrongPassword}
        </p>
      ) : (
        <ProblemBox error={error} />
      )}
      <form class="card" onSubmit={submit}>
        <Field id="sign-in-email" label={m.email}>
          {(props) => <input {...props} ref={emailInput} type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
        </Field>
        <Field id="sign-in-password" label={m.password}>
          {(props) => <input {...props} type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />}
        </Field>
        <SaveButton saving={saving}>{saving ? m.signingIn : m.signInButton}</SaveButton>
      </form>
      {devAvailable && (
        <section class="card dev-sign-in" aria-labelledby="dev-sign-in">
          <h2 id="dev-sign-in">{m.devSignInTitle}</h2>
          <p>{m.devSignInExplain}</p>
          <ul class="plain-list">
            {DEMO_PEOPLE.map((person) => (
              <li key={person.email}>
                <button type="button" onClick={() => asDemo(person.email)}>
                  {fill(m.devSignInAs, { name: person.name })}
                </button>{' '}
                <span class="muted">
                  {m.devRoles[person.role]}, {person.organisation}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
