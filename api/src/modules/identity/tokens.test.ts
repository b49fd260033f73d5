import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { Role } from './role.js';
import { signPartnerToken } from '../partners/partner-token.js';
import { signAccessToken, verifiedAccessToken, verifyAccessToken } from './tokens.js';

const SECRET = 'a-secret-for-the-token-tests-only';
const claims = { userId: '00000000-0000-4000-8000-0000000000a1', role: Role.DOCTOR, sessionId: 'session-1' };

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('UNAUTHENTICATED');
    return (error as AppError).message;
  }
  throw new Error('expected UNAUTHENTICATED');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('access token verification', () => {
  it('answers a token verified before from memory, with the same claims', () => {
    const { token, expiresAt } = signAccessToken(SECRET, claims);
    const first = verifyAccessToken(SECRET, token);
    expect(first).toEqual({ ...claims, expiresAt });
    expect(verifyAccessToken(SECRET, token)).toBe(first);
  });

  it('refuses a remembered token once it has expired, as an expired one', () => {
    vi.useFakeTimers({ now: Date.now() });
    const { token } = signAccessToken(SECRET, claims, 60);
    verifyAccessToken(SECRET, token);
    vi.advanceTimersByTime(59_000);
    expect(verifyAccessToken(SECRET, token).userId).toBe(claims.userId);
    vi.advanceTimersByTime(1_000);
    expect(refusal(() => verifyAccessToken(SECRET, token))).toBe('Your session has expired; sign in again.');
  });

  it('never remembers a token for another secret, nor a refused one', () => {
    const { token } = signAccessToken(SECRET, claims);
    verifyAccessToken(SECRET, token);
    expect(refusal(() => verifyAccessToken('another-secret-entirely', token))).toBe('The access token is not valid.');
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const tampered = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(refusal(() => verifyAccessToken(SECRET, tampered))).toBe('The access token is not valid.');
    expect(refusal(() => verifyAccessToken(SECRET, tampered))).toBe('The access token is not valid.');
  });

  it('knows a token as verified only after it passed, for its secret, until it expires; never a partner token', () => {
    vi.useFakeTimers({ now: Date.now() });
    const { token } = signAccessToken(SECRET, claims, 60);
    expect(verifiedAccessToken(SECRET, token)).toBeUndefined();
    const verified = verifyAccessToken(SECRET, token);
    expect(verifiedAccessToken(SECRET, token)).toBe(verified);
    expect(verifiedAccessToken('another-secret-entirely', token)).toBeUndefined();
    vi.advanceTimersByTime(60_000);
    expect(verifiedAccessToken(SECRET, token)).toBeUndefined();
    const partner = signPartnerToken(SECRET, { clientId: 'client-1', scopes: ['clinical:read'] }).token;
    expect(refusal(() => verifyAccessToken(SECRET, partner))).toBe('The access token is not valid.');
    expect(verifiedAccessToken(SECRET, partner)).toBeUndefined();
  });
});
