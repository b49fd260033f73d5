import type { EntityManager } from '@mikro-orm/postgresql';

/** Channel on which ended sessions are announced, so every process closes their sockets. */
export const SESSIONS_ENDED_CHANNEL = 'sessions_ended';

/** One session (`sessionId`) or every session of a user (no `sessionId`). Ids only. */
export interface SessionsEnded {
  readonly userId: string;
  readonly sessionId?: string;
  /** Why: sockets of a deactivated account close with their own code. */
  readonly reason?: 'deactivated';
}

/** Announces, inside the caller's transaction (so only once it commits), that sessions ended. */
export async function publishSessionsEnded(tx: EntityManager, message: SessionsEnded): Promise<void> {
  await tx.execute('select pg_notify(?, ?)', [SESSIONS_ENDED_CHANNEL, JSON.stringify(message)]);
}

export function parseSessionsEnded(payload: string): SessionsEnded | undefined {
  try {
    const value = JSON.parse(payload) as Partial<SessionsEnded>;
    return typeof value.userId === 'string'
      ? {
          userId: value.userId,
          ...(typeof value.sessionId === 'string' ? { sessionId: value.sessionId } : {}),
          ...(value.reason === 'deactivated' ? { reason: value.reason } : {}),
        }
      : undefined;
  } catch {
    return undefined;
  }
}
