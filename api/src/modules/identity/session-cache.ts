import {
  ChangeSetType,
  type ChangeSet,
  type EventSubscriber,
  type FlushEventArgs,
  type TransactionEventArgs,
} from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Channel on which the database itself (triggers on app_user, refresh_token, patient and doctor:
 * see the migration that adds `session_actor_changed()`) announces that what a session check reads
 * changed: the user's id, or `*` for everyone (a truncate). Sent in the changing transaction, so
 * delivered once, and only if, it commits — whichever code path (or hand-written SQL) made it.
 */
export const SESSION_ACTOR_CHANNEL = 'session_actor_changed';
/** The oldest a remembered session check may be, in case a notification was lost unseen. */
export const SESSION_CACHE_MAX_AGE_MS = 15_000;
/** Sessions remembered per process at most; beyond, the users remembered longest ago are dropped. */
export const SESSION_CACHE_MAX_SESSIONS = 10_000;
/** Invalidations kept to tell whether one concerned a session check in flight. */
const INVALIDATIONS_KEPT = 256;

/** What the cache needs of the process's LISTEN connection (shared/pg-bus.ts). */
export interface NotificationSource {
  readonly isListening: boolean;
  readonly generation: number;
  subscribe(channel: string, handler: (payload: string) => void): Promise<() => void>;
}

interface Entry {
  readonly row: Readonly<Record<string, unknown>>;
  readonly at: number;
}

/** Taken before a session check's statement is sent; its answer is remembered only if nothing changed since. */
export interface SessionCacheTicket {
  readonly epoch: number;
  /** When the statement was sent: the answer saw the database as of then. */
  readonly at: number;
}

/**
 * This process's memory of valid session checks (the row `actorFor` read: user, role, profile
 * ids, MFA, session not revoked), so that a signed-in caller's requests do not each ask
 * PostgreSQL again. Correct across processes:
 *
 * - every change that could end or alter a session (revocation, sign-out, password change,
 *   deactivation, role, MFA, profile link, the user's own columns) fires a trigger that notifies
 *   {@link SESSION_ACTOR_CHANNEL} in its transaction; each process drops that user's sessions when
 *   the notification arrives (well before the changing request has answered its caller);
 * - nothing is remembered or answered from memory while the LISTEN connection is down, and
 *   everything is forgotten when it drops or is made again (notifications sent meanwhile are lost);
 * - an answer read while an invalidation arrived is not remembered (it may predate the change);
 * - only valid sessions are remembered, each for {@link SESSION_CACHE_MAX_AGE_MS} at most, and at
 *   most {@link SESSION_CACHE_MAX_SESSIONS} of them.
 *
 * The access token's own expiry and signature are checked on every request, before this.
 */
export class SessionCache {
  /** userId → sessionId → entry; users in the order they were (re)remembered. */
  private readonly users = new Map<string, Map<string, Entry>>();
  private sessions = 0;
  /** Bumped by every invalidation. */
  private epoch = 0;
  /** The latest invalidations (`*`: all users), so a ticket is stale only if one concerned its user. */
  private readonly invalidations: { readonly epoch: number; readonly userId: string }[] = [];
  private generation: number | undefined;
  private subscribed = false;

  constructor(private readonly source: NotificationSource) {}

  async start(): Promise<void> {
    await this.source.subscribe(SESSION_ACTOR_CHANNEL, (payload) => this.changed(payload));
    this.subscribed = true;
  }

  /** Whether answers may come from memory now: subscribed, and the LISTEN connection is up. */
  get active(): boolean {
    return this.subscribed && this.source.isListening;
  }

  /** How many sessions are remembered (for tests and metrics). */
  get size(): number {
    return this.usable() ? this.sessions : 0;
  }

  /** The remembered check of this session, if it is fresh and the notifications are flowing. */
  lookup(userId: string, sessionId: string): Readonly<Record<string, unknown>> | undefined {
    if (!this.usable()) {
      return undefined;
    }
    const sessions = this.users.get(userId);
    const entry = sessions?.get(sessionId);
    if (!sessions || !entry) {
      return undefined;
    }
    if (Date.now() - entry.at > SESSION_CACHE_MAX_AGE_MS) {
      sessions.delete(sessionId);
      this.sessions -= 1;
      if (sessions.size === 0) {
        this.users.delete(userId);
      }
      return undefined;
    }
    return entry.row;
  }

  /** Take before sending the session check; pass to {@link remember} with its answer. */
  ticket(): SessionCacheTicket {
    this.usable();
    return { epoch: this.epoch, at: Date.now() };
  }

  /** Remembers a valid session's check, unless anything was invalidated since `ticket` was taken. */
  remember(userId: string, sessionId: string, row: Record<string, unknown>, ticket: SessionCacheTicket): void {
    if (!this.usable() || this.changedSince(ticket, userId)) {
      return;
    }
    let sessions = this.users.get(userId);
    if (!sessions) {
      sessions = new Map();
      this.users.set(userId, sessions);
    }
    if (!sessions.has(sessionId)) {
      this.sessions += 1;
    }
    sessions.set(sessionId, { row: Object.freeze({ ...row }), at: ticket.at });
    while (this.sessions > SESSION_CACHE_MAX_SESSIONS) {
      const [oldest] = this.users.keys();
      if (oldest === undefined) {
        break;
      }
      this.forgetUser(oldest);
    }
  }

  /**
   * Drops the user's remembered sessions in this process at once, when this process itself
   * committed the change: its caller's next request must see it, and the database's notification
   * may arrive after that request does. (Other processes still wait for the notification.)
   */
  changedHere(userId: string): void {
    this.invalidated(userId);
    this.forgetUser(userId);
  }

  private changed(payload: string): void {
    if (payload === '*') {
      this.clear();
    } else {
      this.invalidated(payload);
      this.forgetUser(payload);
    }
  }

  private invalidated(userId: string): void {
    this.epoch += 1;
    this.invalidations.push({ epoch: this.epoch, userId });
    if (this.invalidations.length > INVALIDATIONS_KEPT) {
      this.invalidations.shift();
    }
  }

  /** Whether the user's (or everyone's) sessions were invalidated after the ticket was taken. */
  private changedSince(ticket: SessionCacheTicket, userId: string): boolean {
    if (ticket.epoch === this.epoch) {
      return false;
    }
    const oldest = this.invalidations[0];
    if (!oldest || oldest.epoch > ticket.epoch + 1) {
      return true; // the history no longer reaches back to the ticket
    }
    return this.invalidations.some(
      (change) => change.epoch > ticket.epoch && (change.userId === userId || change.userId === '*'),
    );
  }

  /**
   * Whether memory may be used now; forgets everything once when the LISTEN connection drops
   * (`undefined`: down) and once when it is made again, not on every question meanwhile.
   */
  private usable(): boolean {
    const generation = this.subscribed && this.source.isListening ? this.source.generation : undefined;
    if (generation !== this.generation) {
      this.clear();
      this.generation = generation;
    }
    return generation !== undefined;
  }

  private forgetUser(userId: string): void {
    const sessions = this.users.get(userId);
    if (sessions) {
      this.sessions -= sessions.size;
      this.users.delete(userId);
    }
  }

  private clear(): void {
    this.invalidated('*');
    if (this.sessions > 0) {
      this.users.clear();
      this.sessions = 0;
    }
  }
}

/** Each ORM's (so each API process's) session cache, found from any of its entity managers. */
const caches = new WeakMap<object, SessionCache>();

/** Makes `cache` the one the session checks through `em` (and its forks and transactions) use. */
export function useSessionCache(em: EntityManager, cache: SessionCache): void {
  caches.set(em.config, cache);
}

export function sessionCacheOf(em: EntityManager): SessionCache | undefined {
  return caches.get(em.config);
}

/** A user id from a relation's value: a reference or entity, or the bare id of an original row. */
function idOf(value: unknown): string | undefined {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : value;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The users whose session checks a committed change set alters: exactly those the database's
 * `session_actor_changed()` triggers name for the same change (session-change.int.test.ts holds
 * the two side by side).
 */
export function sessionUsersOf(changeSet: ChangeSet<object>): string[] {
  const row = changeSet.entity as Record<string, unknown>;
  const original = changeSet.originalEntity as Record<string, unknown> | undefined;
  const users = (...ids: unknown[]) => ids.map(idOf).filter((id): id is string => id !== undefined);
  switch (changeSet.name) {
    case 'User':
      // The trigger: after update or delete.
      return changeSet.type === ChangeSetType.CREATE ? [] : users(row['id']);
    case 'RefreshToken':
      // The trigger: when a session's revoked_at goes from null to a time.
      return changeSet.type === ChangeSetType.UPDATE && changeSet.payload['revokedAt'] && !original?.['revokedAt']
        ? users(row['user'] ?? original?.['user'])
        : [];
    case 'Patient':
    case 'Doctor':
      // The trigger: after insert, delete or update of user_id; the old user and the new.
      if (changeSet.type === ChangeSetType.CREATE) {
        return users(row['user']);
      }
      if (changeSet.type === ChangeSetType.DELETE || changeSet.type === ChangeSetType.DELETE_EARLY) {
        return users(original?.['user'] ?? row['user']);
      }
      return 'user' in changeSet.payload ? users(original?.['user'], row['user']) : [];
    default:
      return [];
  }
}

/**
 * Read-your-own-writes for the session cache: the users whose session checks a flush changed
 * (the same rows as the database's `session_actor_changed()` triggers) are forgotten by this
 * process as soon as their transaction commits, so a doctor who has just enrolled a second factor
 * is not refused on the next request while the notification is on its way. The triggers remain
 * the rule for every other process and for hand-written SQL.
 */
export class SessionChangeSubscriber implements EventSubscriber {
  /** Users changed inside a transaction not yet committed, by that transaction. */
  private readonly pending = new WeakMap<object, Set<string>>();

  afterFlush({ em, uow }: FlushEventArgs): void {
    const cache = sessionCacheOf(em as EntityManager);
    if (!cache) {
      return;
    }
    const users = new Set<string>();
    for (const changeSet of uow.getChangeSets()) {
      for (const userId of sessionUsersOf(changeSet)) {
        users.add(userId);
      }
    }
    // Inside a transaction the change is not visible before the commit (a check read meanwhile
    // still sees the old row): forgotten then. Otherwise the flush committed it already.
    const transaction = em.getTransactionContext<object>();
    for (const userId of users) {
      if (transaction) {
        const pending = this.pending.get(transaction) ?? new Set<string>();
        pending.add(userId);
        this.pending.set(transaction, pending);
      } else {
        cache.changedHere(userId);
      }
    }
  }

  afterTransactionCommit({ em, transaction }: TransactionEventArgs): void {
    const users = transaction ? this.pending.get(transaction as object) : undefined;
    const cache = sessionCacheOf(em as EntityManager);
    for (const userId of users ?? []) {
      cache?.changedHere(userId);
    }
  }
}
