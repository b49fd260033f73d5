import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { badInput } from '../shared/errors.js';
import type { RetentionRule } from '../shared/retention.js';

/** How long a key is kept, and how long a repeat waits for the first request to finish. */
export const IDEMPOTENCY_TTL_HOURS = 24;
const WAIT_FOR_FIRST_MS = 15_000;
const POLL_MS = 25;

/** 1–255 visible ASCII characters (a UUID is the usual choice). */
export function checkIdempotencyKey(value: string): string {
  if (!/^[\x21-\x7E]{1,255}$/.test(value)) {
    throw badInput(
      [{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters (a UUID, say)' }],
      'The Idempotency-Key header must be 1 to 255 visible ASCII characters.',
    );
  }
  return value;
}

/** What identifies "the same request": the document, the operation chosen and the variables. */
export function requestHash(
  query: string | undefined,
  operationName: string | null | undefined,
  variables: unknown,
): string {
  return createHash('sha256')
    .update(JSON.stringify([query ?? '', operationName ?? null, variables ?? {}]))
    .digest('hex');
}

export type IdempotencyOutcome =
  | { readonly kind: 'first' }
  | { readonly kind: 'replay'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'in-progress' };

/**
 * Idempotency keys in PostgreSQL, per caller. The first request with a key claims it with one
 * insert (the primary key decides races between processes); a repeat with the same body waits
 * for the first to finish and gets its answer; another body is refused.
 */
export class IdempotencyStore {
  constructor(private readonly em: EntityManager) {}

  async begin(caller: string, key: string, hash: string): Promise<IdempotencyOutcome> {
    const em = this.em.fork();
    await em.execute(
      `delete from idempotency_key where caller = ? and key = ? and created_at < now() - interval '${IDEMPOTENCY_TTL_HOURS} hours'`,
      [caller, key],
    );
    const claimed = await em.execute<{ key: string }[]>(
      'insert into idempotency_key (caller, key, request_hash) values (?, ?, ?) on conflict do nothing returning key',
      [caller, key, hash],
    );
    if (claimed.length > 0) {
      return { kind: 'first' };
    }
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const [row] = await em.execute<{ request_hash: string; status: number | null; response: unknown }[]>(
        'select request_hash, status, response from idempotency_key where caller = ? and key = ?',
        [caller, key],
      );
      if (!row) {
        // The first request failed and gave the key up: this one may claim it.
        return this.begin(caller, key, hash);
      }
      if (row.request_hash !== hash) {
        return { kind: 'mismatch' };
      }
      if (row.status !== null) {
        return { kind: 'replay', status: row.status, body: row.response };
      }
      if (Date.now() > deadline) {
        return { kind: 'in-progress' };
      }
      await sleep(POLL_MS);
    }
  }

  /** Keeps the first answer for repeats. */
  async complete(caller: string, key: string, status: number, body: unknown): Promise<void> {
    await this.em
      .fork()
      .execute(
        'update idempotency_key set status = ?, response = ?::jsonb, completed_at = now() where caller = ? and key = ?',
        [status, JSON.stringify(body), caller, key],
      );
  }

  /** Gives the key up (the request failed on our side), so a retry runs it again. */
  async abandon(caller: string, key: string): Promise<void> {
    await this.em
      .fork()
      .execute('delete from idempotency_key where caller = ? and key = ? and status is null', [caller, key]);
  }
}

/** Keys past their 24 hours answer nothing any more (`begin` treats them as unused): they may go. */
export const IDEMPOTENCY_RETENTION: RetentionRule = {
  table: 'idempotency_key',
  expired: `created_at < now() - interval '${IDEMPOTENCY_TTL_HOURS} hours'`,
  why: 'A key is honoured for 24 hours; after that a repeat is a new request.',
};
