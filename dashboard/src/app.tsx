import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { canOpen, homeOf, pagesFor } from './auth/access.ts';
import { SessionProvider, useMe, useSession } from './auth/session.tsx';
import { SignIn } from './auth/sign-in.tsx';
import { LanguageSwitch } from './components/language-switch.tsx';
import { Loading } from './components/states.tsx';
import { StaleBanner } from './components/stale-banner.tsx';
import { FilterBar } from './filters/filter-bar.tsx';
import { RangeProvider } from './filters/range-context.tsx';
import { NO_FILTER_BAR, PAGE_COMPONENTS } from './pages/registry.ts';
import { linkTo } from './router/hash-route.ts';
import { useRoute } from './router/use-route.ts';

export function App() {
  return (
    <SessionProvider>
      <Root />
    </SessionProvider>
  );
}

function Root() {
  const { me, checking } = useSession();
  if (checking) return <Loading />;
  if (!me) return <SignIn />;
  return (
    <RangeProvider>
      <Shell />
    </RangeProvider>
  );
}

function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useSession();
  const route = useRoute();
  const name = route.path[0] ?? homeOf(me);
  const entry = PAGE_COMPONENTS[name];
  const allowed = entry !== undefined && canOpen(me, entry.page);
  const Page = entry?.component;
  const current = entry?.page;

  return (
    <div className={`shell page-${name}`}>
      <header className="topbar">
        <a className="brand" href={linkTo(route.query, [homeOf(me)])}>
          <span className="brand-dot" aria-hidden="true" />
          {t('app.title')}
        </a>
        <nav aria-label={t('nav.label')}>
          {pagesFor(me.role).map((p) => (
            <a key={p} href={linkTo(route.query, [p])} className={p === current ? 'active' : ''} aria-current={p === current ? 'page' : undefined} data-testid={`nav-${p}`}>
              {t(`nav.${p}`)}
            </a>
          ))}
        </nav>
        <div className="who">
          <span className="role-badge" title={me.name || me.token_id} data-testid="role-badge">
            {t(`role.${me.role}`)}
            {me.host_id ? ` · ${me.host_id}` : ''}
            {me.categories.length > 0 && <span className="data"> · {me.categories.join('、')}</span>}
          </span>
          <LanguageSwitch />
          <button type="button" className="ghost small" onClick={signOut}>
            {t('signIn.signOut')}
          </button>
        </div>
      </header>
      {allowed && !NO_FILTER_BAR.has(name) && <FilterBar />}
      <StaleBanner />
      <main className="content">
        {allowed && Page ? (
          <Suspense fallback={<Loading lines={6} />}>
            <Page params={route.path.slice(1)} />
          </Suspense>
        ) : (
          <div className="card notice" data-testid="not-available">
            <p>{entry ? t('access.notForRole') : t('access.noSuchPage')}</p>
            <a href={linkTo(route.query, [homeOf(me)])}>{t('access.home')}</a>
          </div>
        )}
      </main>
    </div>
  );
}
