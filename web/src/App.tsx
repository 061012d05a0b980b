// The shell: top bar (search, navigation, who is signed in), the routes, and sign-in. Every page
// has a URL (see server/api/web/web-ui.ts CLIENT_ROUTES for the first path segments served).
import { useEffect, useState, type ReactNode } from 'react';
import { Link, Redirect, Route, Switch, useLocation, useSearch } from 'wouter';
import { AnalyticsPage } from './features/analytics';
import { DatasetPage } from './features/dataset';
import { GlossaryPage, NodePage, TagPage, TagsPage, TermPage } from './features/glossary';
import { LineagePage } from './features/lineage';
import { HomePage, SearchBox, SearchPage } from './features/search';
import { useAuth } from './shared/auth';
import { readSearch } from './features/search/filters';

function SignInPage() {
  const { signIn, viewer } = useAuth();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [, navigate] = useLocation();
  const next = new URLSearchParams(useSearch()).get('next') ?? '/';
  return (
    <section className="signin panel" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      {viewer && (
        <p className="notice">
          Signed in as <b>{viewer.username}</b> ({viewer.role}). Paste another token to switch.
        </p>
      )}
      <p>
        Paste an API token. Create one with <code>catalog token create --role reader|editor</code>; <code>catalog demo</code> prints an admin token.
      </p>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await signIn(token);
            navigate(next.startsWith('/') ? next : '/');
          } catch (err) {
            setError((err as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <label htmlFor="token">API token</label>
        <input id="token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} placeholder="cat_…" required />
        {error && (
          <div className="error" role="alert">
            Sign-in failed: {error}
          </div>
        )}
        <button type="submit" className="primary" disabled={busy || !token.trim()}>
          Sign in
        </button>
      </form>
      <p className="muted">The token is kept in this browser’s local storage and sent only to this catalog.</p>
    </section>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const { viewer, signOut } = useAuth();
  const [location] = useLocation();
  const q = location === '/search' ? readSearch(window.location.search).query : '';
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link href="/" className="brand">
          Catalog
        </Link>
        {location !== '/' && <SearchBox initial={q} />}
        <nav aria-label="Main">
          <Link href="/search">Browse</Link>
          <Link href="/glossary">Glossary</Link>
          <Link href="/tags">Tags</Link>
          <Link href="/analytics">Analytics</Link>
        </nav>
        <span className="spacer" />
        {viewer ? (
          <span className="who">
            {viewer.username} · <span data-testid="role">{viewer.role}</span>{' '}
            <button type="button" onClick={signOut}>
              Sign out
            </button>
          </span>
        ) : (
          <Link href="/signin">Sign in</Link>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

export function App() {
  const { viewer, checking } = useAuth();
  const [location] = useLocation();
  useEffect(() => {
    const title = location.split('/')[1] || 'home';
    document.title = `${title.charAt(0).toUpperCase()}${title.slice(1)} · Catalog`;
  }, [location]);
  if (checking) return null;
  if (!viewer && location !== '/signin') return <Redirect to={`/signin?next=${encodeURIComponent(location + window.location.search)}`} />;
  return (
    <Shell>
      <Switch>
        <Route path="/" component={HomePage} />
        <Route path="/search" component={SearchPage} />
        <Route path="/dataset/:urn/:tab?" component={DatasetPage} />
        <Route path="/lineage/:urn" component={LineagePage} />
        <Route path="/glossary" component={GlossaryPage} />
        <Route path="/glossary/term/:urn" component={TermPage} />
        <Route path="/glossary/node/:urn" component={NodePage} />
        <Route path="/tags" component={TagsPage} />
        <Route path="/tag/:urn" component={TagPage} />
        <Route path="/analytics" component={AnalyticsPage} />
        <Route path="/signin" component={SignInPage} />
        <Route>
          <h1>Not found</h1>
          <p>
            There is no page here. <Link href="/">Go home</Link>.
          </p>
        </Route>
      </Switch>
    </Shell>
  );
}
