import { parse, serialize } from 'cookie';

/** The refresh token of a browser: HttpOnly (no script reads it), sent only to `/auth`. */
export const REFRESH_COOKIE = 'hc_refresh';
export const REFRESH_COOKIE_PATH = '/auth';
/** Custom header the dashboards send to `/auth/*`: a cross-site form or image cannot. */
export const CSRF_HEADER = 'x-csrf-protection';

/** Reads and writes the refresh cookie of one HTTP request. */
export interface RefreshCookieJar {
  read(): string | undefined;
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

interface CookieRequest {
  readonly headers: { readonly cookie?: string | undefined };
}
interface CookieResponse {
  append(name: string, value: string): unknown;
}

/**
 * The jar of one request. `Secure` always (browsers accept it on http://localhost too),
 * `SameSite=Strict`, and scoped to `/auth` so it travels with nothing but refresh and sign-out.
 */
export function refreshCookieJar(request: CookieRequest, response: CookieResponse): RefreshCookieJar {
  const write = (value: string, expires: Date) =>
    response.append(
      'Set-Cookie',
      serialize(REFRESH_COOKIE, value, {
        httpOnly: true,
        secure: true,
        sameSite: 'strict',
        path: REFRESH_COOKIE_PATH,
        expires,
      }),
    );
  return {
    read: () => {
      const header = request.headers.cookie;
      return header ? parse(header)[REFRESH_COOKIE] || undefined : undefined;
    },
    set: (token, expiresAt) => write(token, expiresAt),
    clear: () => write('', new Date(0)),
  };
}
