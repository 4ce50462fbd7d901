import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, apiFetch, setUnauthorizedHandler, storeToken, storedToken } from '../api/http.ts';
import type { Me } from '../api/types.ts';

/**
 * Who is signed in. The token lives in localStorage and goes out as a Bearer header; `/v1/me`
 * turns it into a role and scope. A 401 anywhere (revoked token) returns to the sign-in screen.
 */
export interface Session {
  me: Me | null;
  /** Checking a stored token at start-up. */
  checking: boolean;
  signIn(token: string): Promise<void>;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(() => storedToken() !== null);

  const signOut = useCallback(() => {
    storeToken(null);
    setMe(null);
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(signOut);
    const token = storedToken();
    if (!token) return;
    apiFetch<Me>('/v1/me', { token })
      .then(setMe, (err: unknown) => {
        if (err instanceof ApiError && err.status === 401) storeToken(null);
      })
      .finally(() => setChecking(false));
  }, [signOut]);

  const signIn = useCallback(async (token: string) => {
    const t = token.trim();
    const who = await apiFetch<Me>('/v1/me', { token: t });
    storeToken(t);
    setMe(who);
  }, []);

  const value = useMemo(() => ({ me, checking, signIn, signOut }), [me, checking, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in principal (pages render only when signed in). */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('not signed in');
  return me;
}
