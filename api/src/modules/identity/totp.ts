import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30-second steps. */
const ISSUER = 'Healthcare Platform';
/** One step either side: a phone clock a little off still works; nothing older. */
const TOLERANCE_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;

function key(serverSecret: string, purpose: string): Buffer {
  return createHash('sha256').update(`${purpose}:${serverSecret}`).digest();
}

/**
 * Encrypts a TOTP secret for storage (AES-256-GCM, key derived from the server secret): a copy
 * of the database alone does not give away anyone's second factor.
 */
export function sealSecret(serverSecret: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(serverSecret, 'totp-secret'), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join(
    '.',
  );
}

export function openSecret(serverSecret: string, stored: string): string {
  const [version, iv, tag, sealed] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || !sealed) {
    throw new Error('unknown TOTP secret format');
  }
  const decipher = createDecipheriv('aes-256-gcm', key(serverSecret, 'totp-secret'), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
}

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export function otpauthUri(secret: string, accountName: string): string {
  return generateURI({ issuer: ISSUER, label: accountName, secret });
}

/**
 * The time step a code matches, or undefined. A step at or before `lastStep` is refused: a code
 * seen once (by us, or by someone looking over a shoulder) never works again.
 */
export async function matchTotp(secret: string, code: string, lastStep?: number | null): Promise<number | undefined> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) {
    return undefined;
  }
  const result = await verify({
    secret,
    token,
    epochTolerance: TOLERANCE_SECONDS,
    ...(lastStep ? { afterTimeStep: lastStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten recovery codes like `k7mq-2xvp-9rtd` (about 70 bits each), shown once. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** Recovery codes are long random strings: a keyed hash is enough (no bcrypt on every attempt). */
export function hashRecoveryCode(serverSecret: string, code: string): string {
  const normalized = code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return createHmac('sha256', key(serverSecret, 'recovery-code')).update(normalized).digest('hex');
}

export function looksLikeRecoveryCode(code: string): boolean {
  return code.trim().replace(/[^A-Za-z0-9]/g, '').length === 12;
}
