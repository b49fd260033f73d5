/**
 * Where the session's tokens live.
 *
 * The access token (15 minutes) stays in memory only, so script injected into the page after it
 * loads cannot find it in storage and it vanishes with the tab. The refresh token never reaches
 * script at all: the API keeps it in an HttpOnly, Secure, SameSite=Strict cookie scoped to
 * `/auth`, traded at `POST /auth/refresh` (see auth-endpoints.ts). All this page stores is a flag
 * saying "this browser has signed in", so a reload knows to try a refresh, and another tab's
 * sign-out reaches this one.
 */
export interface SessionTokens {
  readonly accessToken: string;
  /** When the access token expires (ISO-8601). */
  readonly expiresAt: string;
}

/** Why there is no session: never signed in, signed out on purpose, or the session ran out. */
export type SessionState = 'signed-in' | 'signed-out' | 'expired' | 'none';

type Listener = () => void;

/** A flag, not a secret: the refresh token itself is an HttpOnly cookie. */
export const SIGNED_IN_KEY = 'hc.signedIn';

export class SessionStore {
  private accessTokenValue: string | undefined;
  private expiresAtMs = 0;
  private stateValue: SessionState;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly storage: Storage | undefined = safeLocalStorage()) {
    this.stateValue = this.signedInHere ? 'signed-in' : 'none';
    // Another tab signed out: follow it. (A rotation by another tab needs nothing: the refresh
    // token is read from storage each time it is used.)
    globalThis.addEventListener?.('storage', (event: StorageEvent) => {
      if (event.key === SIGNED_IN_KEY && event.newValue === null && this.stateValue === 'signed-in') {
        this.end('signed-out');
      }
    });
  }

  get accessToken(): string | undefined {
    return this.accessTokenValue;
  }

  /** This browser signed in and has not signed out: its refresh cookie may still work. */
  get signedInHere(): boolean {
    try {
      return this.storage?.getItem(SIGNED_IN_KEY) === '1';
    } catch {
      return this.stateValue === 'signed-in';
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
      this.storage?.setItem(SIGNED_IN_KEY, '1');
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
      this.storage?.removeItem(SIGNED_IN_KEY);
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
