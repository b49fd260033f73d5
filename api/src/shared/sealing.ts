import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A 256-bit key for one purpose, derived from the server secret. */
export function derivedKey(serverSecret: string, purpose: string): Buffer {
  return createHash('sha256').update(`${purpose}:${serverSecret}`).digest();
}

/**
 * Encrypts a secret the server must read back later (a TOTP seed, a webhook signing secret) for
 * storage: AES-256-GCM under a key derived from the server secret and the purpose, so a copy of
 * the database alone gives none of them away, and a value sealed for one purpose opens for no other.
 */
export function sealText(serverSecret: string, purpose: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derivedKey(serverSecret, purpose), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join(
    '.',
  );
}

export function openText(serverSecret: string, purpose: string, stored: string): string {
  const [version, iv, tag, sealed] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || !sealed) {
    throw new Error('unknown sealed secret format');
  }
  const decipher = createDecipheriv('aes-256-gcm', derivedKey(serverSecret, purpose), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
}
