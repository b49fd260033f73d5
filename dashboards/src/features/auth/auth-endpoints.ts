/**
 * The browser's end of the refresh cookie: `POST /auth/refresh` and `POST /auth/logout` on the
 * API's origin. The custom header is the API's CSRF check (a cross-site form cannot send it).
 */
export const CSRF_HEADERS = { 'x-csrf-protection': '1' } as const;

export interface AuthEndpoints {
  readonly refresh: string;
  readonly logout: string;
}

/** The endpoints beside a GraphQL URI (`/graphql` → `/auth/refresh`). */
export function authEndpointsFor(graphqlUri: string): AuthEndpoints {
  const base = graphqlUri.replace(/\/graphql\/?$/, '');
  return { refresh: `${base}/auth/refresh`, logout: `${base}/auth/logout` };
}

/** Ends the sign-in on the server and clears its cookie; best effort. */
export async function endServerSession(fetchImpl: typeof fetch, endpoints: AuthEndpoints): Promise<void> {
  await fetchImpl(endpoints.logout, { method: 'POST', credentials: 'same-origin', headers: CSRF_HEADERS }).catch(
    () => undefined,
  );
}
