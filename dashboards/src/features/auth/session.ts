/**
 * Where the session's tokens live.
 *
 * The access token (15 minutes) stays in memory only, so script injected into the page after it
 * loads cannot find it in storage and it vanishes with the tab. The refresh token goes to
 * `localStorage` so a reload or a new tab keeps the user signed in. The trade-off: script running
 * in our origin (XSS) could read the refresh token; an HttpOnly cookie would hide it, but the
 * contract is bearer tokens over GraphQL. The API limits the damage: refresh tokens are single-use
 * and rotate, and replaying a used one revokes the whole sign-in.
 */
export interface SessionTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** When the access token expires (ISO-8601). */
  readonly expiresAt: string;
}

/** Why there is no session: never signed in, signed out on purpose, or the session ran out. */
export type SessionState = 'signed-in' | 'signed-out' | 'expired' | 'none';

type Listener = () => void;

export const REFRESH_TOKEN_KEY = 'hc.refreshToken';

export class SessionStore {
  private accessTokenValue: string | undefined;
  private expiresAtMs = 0;
  private stateValue: SessionState;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly storage: Storage | undefined = safeLocalStorage()) {
    this.stateValue = this.refreshToken ? 'signed-in' : 'none';
    // Another tab signed out: follow it. (A rotation by another tab needs nothing: the refresh
    // token is read from storage each time it is used.)
    globalThis.addEventListener?.('storage', (event: StorageEvent) => {
      if (event.key === REFRESH_TOKEN_KEY && event.newValue === null && this.stateValue === 'signed-in') {
        this.end('signed-out');
      }
    });
  }

  get accessToken(): string | undefined {
    return this.accessTokenValue;
  }

  /** Read from storage every time, so a token rotated by another tab is the one used. */
  get refreshToken(): string | undefined {
    try {
      return this.storage?.getItem(REFRESH_TOKEN_KEY) ?? undefined;
    } catch {
      return undefined;
    }
  }

  get state(): SessionState {
    return this.stateValue;
  }

  /** True when the access token is missing or expires within `marginMs`. */
  accessTokenExpiresWithin(marginMs: number): boolean {
    return !this.accessTokenValue || this.expiresAtMs - Date.now() <= marginMs;
  }

  save(tokens: SessionTokens): void {
    this.accessTokenValue = tokens.accessToken;
    this.expiresAtMs = Date.parse(tokens.expiresAt);
    try {
      this.storage?.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
    } catch {
      // Storage full or blocked: the session still works until the tab closes.
    }
    this.stateValue = 'signed-in';
    this.emit();
  }

  end(reason: 'signed-out' | 'expired'): void {
    const changed = this.stateValue !== reason || this.accessTokenValue !== undefined;
    this.accessTokenValue = undefined;
    this.expiresAtMs = 0;
    try {
      this.storage?.removeItem(REFRESH_TOKEN_KEY);
    } catch {
      // Nothing to do: the in-memory state is what counts for this tab.
    }
    this.stateValue = reason;
    if (changed) {
      this.emit();
    }
  }

  /** For `useSyncExternalStore`. */
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): SessionState => this.stateValue;

  private emit(): void {
    for (const listener of [...this.listeners]) {
      listener();
    }
  }
}

function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
