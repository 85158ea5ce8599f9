/** The frame of the organiser and administrator pages: who may see them, their own menu, the page title. */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { Me } from '../../api';
import { useI18n, withLanguage } from '../../i18n';
import { usePageTitle } from '../../use-page-title';
import { useOrganiserText } from '../../i18n/organiser';
import { useSession } from '../../session';
import { Loading } from '../status';

function AreaNav({ me }: { me: Me }) {
  const m = useOrganiserText();
  const { language } = useI18n();
  const { path } = useLocation();
  const links: [string, string][] = [
    ['/manage', m.navEvents],
    ['/manage/clock', m.navClock],
    ['/manage/imports', m.navImports],
    ['/manage/tokens', m.navTokens],
  ];
  if (me.administrator) links.push(['/admin/people', m.navPeople], ['/admin/organisations', m.navOrganisations], ['/admin/audit', m.navAudit]);
  return (
    <nav aria-label={m.areaNav} class="area-nav">
      <ul>
        {links.map(([href, text]) => (
          <li key={href}>
            <a href={withLanguage(href, language)} aria-current={path === href ? 'page' : undefined}>
              {text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * Shows `children(me)` to a signed-in person (an administrator when
 * `admin`); sends others to the sign-in page, which brings them back.
 */
export function Area({ title, admin = false, children }: { title: string; admin?: boolean; children: (me: Me) => ComponentChildren }) {
  const me = useSession();
  const m = useOrganiserText();
  const { language } = useI18n();
  const { url, route } = useLocation();
  usePageTitle(title);
  useEffect(() => {
    if (me === null) route(withLanguage(`/sign-in?next=${encodeURIComponent(url)}`, language), true);
  }, [me]);
  if (!me) return <Loading />;
  return (
    <>
      <AreaNav me={me} />
      {admin && !me.administrator ? (
        <>
          <h1>{title}</h1>
          <p class="status status-error" role="alert">
            {m.forbidden}
          </p>
        </>
      ) : (
        children(me)
      )}
    </>
  );
}
