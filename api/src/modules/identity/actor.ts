import type { EntityManager } from '@mikro-orm/postgresql';
import { unauthenticated } from '../../shared/errors.js';
import { preparedQuery } from '../../shared/prepared.js';
import { readRow, rowReader, type Column } from '../../shared/read-rows.js';
import { type PersonRole, type Role } from './role.js';
import { sessionCacheOf } from './session-cache.js';
import { bearerToken, verifyAccessToken, type AccessClaims } from './tokens.js';
import { User } from './user.entity.js';

export interface AnonymousActor {
  readonly kind: 'anonymous';
}

export interface UserActor {
  readonly kind: 'user';
  readonly userId: string;
  readonly role: PersonRole;
  /** The sign-in (refresh-token family) the access token belongs to. */
  readonly sessionId: string;
  readonly patientId: string | undefined;
  readonly doctorId: string | undefined;
  readonly tokenExpiresAt: Date;
  /** The account signs in with a second factor (TOTP). */
  readonly mfaEnabled: boolean;
}

/**
 * A partner system acting through an API client (OAuth client credentials). Never a person: it
 * sees only what its scopes cover, and a patient's data only while that patient's DATA_SHARING
 * consent names the client.
 */
export interface PartnerActor {
  readonly kind: 'partner';
  readonly role: Role.PARTNER;
  /** The API client's id: audited as the actor id. */
  readonly clientId: string;
  /** The scopes of the token that the client still holds. */
  readonly scopes: readonly string[];
  readonly tokenExpiresAt: Date;
}

/** Who is asking: nobody in particular, a signed-in user with their role and profile ids, or a partner. */
export type Actor = AnonymousActor | UserActor | PartnerActor;

export const ANONYMOUS: AnonymousActor = Object.freeze({ kind: 'anonymous' });

interface ActorRow {
  active: boolean;
  role: Role;
  patient_id: string | null;
  doctor_id: string | null;
  session_revoked: boolean;
  mfa_enabled: boolean;
}

/** The user's own columns the ORM loads by default (not the lazy secrets), read with the session. */
let statement: { readonly sql: string; readonly columns: readonly Column[] } | undefined;

/** The session check's select list (`$1` the session, the user `u` joined to its profiles `p` and `d`). */
const SESSION_FACTS = `u.active, u.role, p.id as patient_id, d.id as doctor_id, u.totp_enabled_at is not null as mfa_enabled,
         exists (select 1 from refresh_token t where t.family_id = $1 and t.revoked_at is not null) as session_revoked`;

function sessionStatement(em: EntityManager): { readonly sql: string; readonly columns: readonly Column[] } {
  if (!statement) {
    const reader = rowReader(em, User);
    const columns = reader.columns.filter((column) => !reader.meta.properties[column.property as keyof User].lazy);
    statement = {
      sql: `select ${userColumns(columns)},
         ${SESSION_FACTS}
       from app_user u
       left join patient p on p.user_id = u.id
       left join doctor d on d.user_id = u.id
       where u.id = $2`,
      columns,
    };
  }
  return statement;
}

const userColumns = (columns: readonly Column[]) =>
  columns.map(({ field }) => `u."${field}" as "user.${field}"`).join(', ');

/**
 * A statement that rides along with a session check read from the database, in its one round
 * trip (the rate limiter's lease for the caller's first request: server/rate-limit.ts). Its SQL
 * (fixed text for a given `name`; parameters from `$3` on) answers exactly one row whatever the
 * session check finds, and runs whether or not the session is valid.
 */
export interface SessionRider {
  /** Names the combined prepared statement: one name per `sql`. */
  readonly name: string;
  readonly sql: string;
  readonly params: readonly unknown[];
  /** Its row (as JSON: bigint columns are text), once the statement answered. */
  take(row: Record<string, unknown>): void;
  /** The combined statement failed: the session is then checked alone, without the rider. */
  drop(failure: unknown): void;
}

/** Who may ride along with a user's session check: given the user's id, a rider or nothing. */
export type SessionRiders = (userId: string) => SessionRider | undefined;

/** The combined statements, per rider name. */
const ridden = new Map<string, string>();

/** The session check with `rider`'s statement in one: the rider's one row, the session's joined to it. */
function riddenStatement(em: EntityManager, rider: SessionRider): string {
  let sql = ridden.get(rider.name);
  if (!sql) {
    const { columns } = sessionStatement(em);
    sql = `with rider as (${rider.sql})
      select ${userColumns(columns)},
         ${SESSION_FACTS},
         to_jsonb(rider) as rider
       from rider
       left join app_user u on u.id = $2
       left join patient p on p.user_id = u.id
       left join doctor d on d.user_id = u.id`;
    ridden.set(rider.name, sql);
  }
  return sql;
}

/** The caller's user row as the session check of this request read it (entity manager → row). */
const sessionUsers = new WeakMap<EntityManager, Readonly<Record<string, unknown>>>();

/**
 * The signed-in user as this request's session check already read them, for reading only (not
 * managed by `em`: nothing to track for an answer that changes nothing); undefined when the check
 * ran elsewhere (a WebSocket connection's actor) or for another user.
 */
export function sessionUser(em: EntityManager, userId: string): User | undefined {
  const row = sessionUsers.get(em);
  if (!row || row['user.id'] !== userId || !statement) {
    return undefined;
  }
  const raw: Record<string, unknown> = {};
  for (const { field } of statement.columns) {
    raw[field] = row[`user.${field}`];
  }
  // A read row: a User to the access guard and the field resolvers, untracked by `em`.
  return readRow(em, rowReader(em, User), raw);
}

/**
 * Turns an `Authorization` value into an actor. No header is anonymous; a bad, expired or
 * foreign token is UNAUTHENTICATED, never silently anonymous. The session is checked on every
 * request ({@link actorFor}), so a deactivated user's or an ended session's token stops working at once.
 */
export async function resolveActor(
  em: EntityManager,
  jwtSecret: string,
  authorization: unknown,
  riders?: SessionRiders,
): Promise<Actor> {
  const token = bearerToken(authorization);
  if (!token) {
    return ANONYMOUS;
  }
  return actorFor(em, verifyAccessToken(jwtSecret, token), riders);
}

/**
 * The actor of verified claims (an access token's, or a signed file link's), re-read from the
 * database: a deactivated user, an ended session or a changed role is UNAUTHENTICATED. One
 * prepared statement, which also reads the user's row (`me` answers from it: {@link sessionUser});
 * none when this process's session cache (session-cache.ts) still holds this session's check,
 * which every change to it invalidates across processes.
 */
export async function actorFor(em: EntityManager, claims: AccessClaims, riders?: SessionRiders): Promise<UserActor> {
  const cache = sessionCacheOf(em);
  let row = cache?.lookup(claims.userId, claims.sessionId) as (ActorRow & Record<string, unknown>) | undefined;
  if (!row) {
    const ticket = cache?.ticket();
    const rider = riders?.(claims.userId);
    const answer = rider
      ? await preparedQuery<ActorRow & Record<string, unknown>>(
          em,
          `session_actor+${rider.name}`,
          riddenStatement(em, rider),
          [claims.sessionId, claims.userId, ...rider.params],
        ).then(
          ([found]) => found,
          (failure: unknown) => {
            rider.drop(failure);
            return undefined;
          },
        )
      : undefined;
    if (answer) {
      const { rider: own, ...session } = answer;
      rider!.take(own as Record<string, unknown>);
      // No such user: the rider's row alone (the session's columns empty), as no row at all.
      row = session['user.id'] === null ? undefined : session;
    } else {
      [row] = await preparedQuery<ActorRow & Record<string, unknown>>(em, 'session_actor', sessionStatement(em).sql, [
        claims.sessionId,
        claims.userId,
      ]);
    }
    if (row && ticket && row.active && !row.session_revoked) {
      cache?.remember(claims.userId, claims.sessionId, row, ticket);
    }
  }
  if (!row || !row.active || row.session_revoked || row.role !== claims.role) {
    throw unauthenticated('This session is no longer valid; sign in again.');
  }
  sessionUsers.set(em, row);
  return Object.freeze({
    kind: 'user',
    userId: claims.userId,
    role: claims.role,
    sessionId: claims.sessionId,
    patientId: row.patient_id ?? undefined,
    doctorId: row.doctor_id ?? undefined,
    tokenExpiresAt: claims.expiresAt,
    mfaEnabled: row.mfa_enabled,
  });
}
