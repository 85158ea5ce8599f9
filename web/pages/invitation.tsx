/** /invitation#hyi_…: the invited person sets a password and is signed in. The token stays in the fragment, never sent in a URL. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { PASSWORD_MIN } from '../../worker/shared/password';
import { acceptInvitation, getInvitation } from '../api';
import { Field, ProblemBox, SaveButton } from '../components/form';
import { Loading } from '../components/status';
import { useI18n, withLanguage } from '../i18n';
import { fill, useOrganiserText } from '../i18n/organiser';
import { setSession } from '../session';
import { useAction } from '../use-action';
import { useResource } from '../use-resource';

export function InvitationPage() {
  const m = useOrganiserText();
  const i18n = useI18n();
  const { route } = useLocation();
  const token = location.hash.replace(/^#/, '');
  const invitation = useResource(`invitation/${token}`, (signal) => (token ? getInvitation(token, signal) : Promise.reject(new Error('no token'))));
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [touched, setTouched] = useState({ password: false, repeat: false });
  // On success the page moves on to the organiser's pages: the button stays busy until it has.
  const accepting = useAction(
    async () => {
      setSession(await acceptInvitation(token, password));
      history.replaceState(null, '', location.pathname);
      route(withLanguage('/manage', i18n.language));
    },
    { staysBusy: true },
  );
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    document.title = `${m.invitationTitle} – ${i18n.t.appName}`;
  }, []);
  const passwordError = password.length < PASSWORD_MIN ? m.passwordTooShort : undefined;
  const repeatError = repeat !== password ? m.passwordsDiffer : undefined;
  const submit = (e: Event) => {
    e.preventDefault();
    setTouched({ password: true, repeat: true });
    if (passwordError || repeatError) {
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    void accepting.run();
  };
  if (invitation.state === 'loading') return <Loading />;
  if (invitation.state === 'failed') {
    return (
      <div class="narrow">
        <h1>{m.invitationTitle}</h1>
        <p class="status status-error" role="alert">
          {m.invitationInvalid}
        </p>
      </div>
    );
  }
  const { name, email, expiresAt } = invitation.value;
  return (
    <div class="narrow">
      <h1>{m.invitationTitle}</h1>
      <p>{fill(m.invitationFor, { name, email, until: i18n.dateTime(expiresAt) })}</p>
      <ProblemBox error={accepting.error} />
      <form class="card" ref={form} onSubmit={submit} noValidate>
        <input type="email" autocomplete="username" value={email} readOnly hidden />
        <Field id="new-password" label={m.newPassword} hint={m.passwordHint} error={touched.password ? passwordError : undefined}>
          {(props) => (
            <input {...props} type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} onBlur={() => setTouched((x) => ({ ...x, password: true }))} />
          )}
        </Field>
        <Field id="repeat-password" label={m.repeatPassword} error={touched.repeat ? repeatError : undefined}>
          {(props) => <input {...props} type="password" autocomplete="new-password" value={repeat} onInput={(e) => setRepeat(e.currentTarget.value)} onBlur={() => setTouched((x) => ({ ...x, repeat: true }))} />}
        </Field>
        <SaveButton saving={accepting.busy}>{m.setPassword}</SaveButton>
      </form>
    </div>
  );
}
