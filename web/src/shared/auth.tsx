// Sign-in with an API token (kept in localStorage) and the viewer's role, which decides whether
// edit controls are shown. The server enforces roles either way; the UI only hides what would fail.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { GraphQLRequestError, onUnauthenticated, request, tokenStore } from './graphql';

export interface Viewer {
  actor: string;
  username: string;
  role: string;
  canEdit: boolean;
}

interface Auth {
  viewer: Viewer | null;
  /** True until the stored token has been checked. */
  checking: boolean;
  signIn(token: string): Promise<void>;
  signOut(): void;
}

const VIEWER = 'query Viewer { viewer { actor username role canEdit } }';
const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [checking, setChecking] = useState(Boolean(tokenStore.get()));

  useEffect(() => {
    if (!tokenStore.get()) return;
    request<{ viewer: Viewer }>(VIEWER)
      .then((d) => setViewer(d.viewer))
      .catch(() => setViewer(null))
      .finally(() => setChecking(false));
  }, []);
  useEffect(() => onUnauthenticated(() => setViewer(null)), []);

  const signIn = useCallback(async (token: string) => {
    const d = await request<{ viewer: Viewer }>(VIEWER, {}, token.trim());
    tokenStore.set(token.trim());
    setViewer(d.viewer);
  }, []);
  const signOut = useCallback(() => {
    tokenStore.clear();
    setViewer(null);
  }, []);
  return <AuthContext.Provider value={{ viewer, checking, signIn, signOut }}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}

export const isAuthError = (e: unknown) => e instanceof GraphQLRequestError && e.code === 'UNAUTHENTICATED';
