// The UI's only way to the server: POST /api/graphql with the signed-in token. Errors keep the
// server's message and `extensions.code`, so pages can say what went wrong and how to fix it.
import { useCallback, useEffect, useRef, useState } from 'react';

const TOKEN_KEY = 'catalog.token';

export const tokenStore = {
  get: (): string | null => localStorage.getItem(TOKEN_KEY),
  set: (token: string) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Listeners told when the server rejects the token (the app then asks to sign in). */
const unauthenticated = new Set<() => void>();
export const onUnauthenticated = (fn: () => void) => (unauthenticated.add(fn), () => void unauthenticated.delete(fn));

export async function request<T>(query: string, variables: Record<string, unknown> = {}, token = tokenStore.get(), operationName?: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch('/api/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables, operationName }),
    });
  } catch (e) {
    throw new GraphQLRequestError(`the catalog server cannot be reached (${(e as Error).message})`, 'NETWORK', 0);
  }
  const body = (await res.json().catch(() => null)) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }>; message?: string } | null;
  if (res.status === 401 || body?.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED') {
    unauthenticated.forEach((fn) => fn());
    throw new GraphQLRequestError(body?.message ?? body?.errors?.[0]?.message ?? 'sign in with an API token', 'UNAUTHENTICATED', 401);
  }
  if (body?.errors?.length) {
    const e = body.errors[0]!;
    throw new GraphQLRequestError(e.message, e.extensions?.code ?? null, res.status);
  }
  if (!body?.data) throw new GraphQLRequestError(body?.message ?? `unexpected answer from the server (HTTP ${res.status})`, null, res.status);
  return body.data;
}

export interface QueryState<T> {
  data: T | null;
  error: GraphQLRequestError | null;
  loading: boolean;
  refetch: () => Promise<void>;
}

/** Runs a query when its variables change; the last answer wins. */
export function useQuery<T>(query: string, variables: Record<string, unknown> = {}, options: { skip?: boolean } = {}): QueryState<T> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<{ data: T | null; error: GraphQLRequestError | null; loading: boolean }>({ data: null, error: null, loading: !options.skip });
  const seq = useRef(0);
  const run = useCallback(async () => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await request<T>(query, JSON.parse(key) as Record<string, unknown>);
      if (mine === seq.current) setState({ data, error: null, loading: false });
    } catch (e) {
      if (mine === seq.current) setState({ data: null, error: e as GraphQLRequestError, loading: false });
    }
  }, [query, key]);
  useEffect(() => {
    if (!options.skip) void run();
  }, [run, options.skip]);
  return { ...state, refetch: run };
}

/** Runs one named operation of a document holding several (e.g. a feature's mutations). */
export const mutate = <T = unknown>(document: string, operationName: string, variables: Record<string, unknown>) =>
  request<T>(document, variables, tokenStore.get(), operationName);
