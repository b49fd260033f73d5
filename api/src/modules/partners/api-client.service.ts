import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../server/context.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { badInput, conflict, notFound } from '../../shared/errors.js';
import { isUuid, requireId } from '../../shared/ids.js';
import type { PageArgs } from '../../shared/pagination.js';
import { readTimePage } from '../../shared/read-page.js';
import { Role } from '../identity/role.js';
import { ApiClient } from './api-client.entity.js';
import type { CreateApiClientInput } from './partners.inputs.js';
import {
  clientSecretValid,
  DEFAULT_GRACE_SECONDS,
  hashClientSecret,
  MAX_GRACE_SECONDS,
  newClientSecret,
} from './partners.policy.js';

/** The PostgreSQL channel on which a revocation reaches every API process (to close its sockets). */
export const API_CLIENT_REVOKED_CHANNEL = 'api_client_revoked';

export interface IssuedSecret {
  client: ApiClient;
  clientSecret: string;
}

/** API clients, managed by administrators: each change in one transaction with its audit event. */
export class ApiClientService {
  constructor(private readonly ctx: Context) {}

  async create(input: CreateApiClientInput): Promise<IssuedSecret> {
    const admin = this.ctx.access.requireRole(Role.ADMIN);
    const insurer = insurerOf(input);
    const clientSecret = newClientSecret();
    const client = await this.ctx.em.transactional((tx) => {
      const created = tx.create(ApiClient, {
        name: input.name.trim(),
        scopes: [...new Set(input.scopes)],
        insurer,
        secretHash: hashClientSecret(clientSecret),
        createdBy: admin.userId,
      });
      this.ctx.audit.record(tx, { action: 'CREATE', entityType: 'ApiClient', entityId: created.id });
      return Promise.resolve(created);
    });
    return { client, clientSecret };
  }

  /** A new secret; the old one keeps working for `graceSeconds` (0: not at all). */
  async rotate(idInput: string, graceSeconds: number | null | undefined): Promise<IssuedSecret> {
    this.ctx.access.requireRole(Role.ADMIN);
    const id = requireId(idInput, 'id');
    const grace = graceSeconds ?? DEFAULT_GRACE_SECONDS;
    if (!Number.isInteger(grace) || grace < 0 || grace > MAX_GRACE_SECONDS) {
      throw badInput([{ field: 'graceSeconds', message: `must be between 0 and ${MAX_GRACE_SECONDS}` }]);
    }
    const clientSecret = newClientSecret();
    const client = await this.ctx.em.transactional(async (tx) => {
      const found = await this.lockedClient(tx, id);
      if (found.revokedAt) {
        throw conflict('This API client was revoked; create a new one.', 'CLIENT_REVOKED');
      }
      const now = new Date();
      found.previousSecretHash = grace > 0 ? found.secretHash : null;
      found.previousSecretExpiresAt = grace > 0 ? new Date(now.getTime() + grace * 1000) : null;
      found.secretHash = hashClientSecret(clientSecret);
      found.secretIssuedAt = now;
      this.ctx.audit.record(tx, { action: 'ROTATE_SECRET', entityType: 'ApiClient', entityId: found.id });
      return found;
    });
    return { client, clientSecret };
  }

  /** Ends the client: its secrets stop, and its tokens on every process from their next request. */
  async revoke(idInput: string): Promise<ApiClient> {
    this.ctx.access.requireRole(Role.ADMIN);
    const id = requireId(idInput, 'id');
    return this.ctx.em.transactional((tx) => this.revokeIn(tx, id));
  }

  /** {@link revoke} in the caller's transaction (an access alert confirmed as a breach). */
  async revokeIn(tx: EntityManager, id: string): Promise<ApiClient> {
    const found = await this.lockedClient(tx, id);
    if (!found.revokedAt) {
      found.revokedAt = new Date();
      found.previousSecretExpiresAt = null;
      this.ctx.audit.record(tx, { action: 'REVOKE', entityType: 'ApiClient', entityId: found.id });
      // Delivered on commit: every process closes the client's live subscriptions.
      await tx.execute('select pg_notify(?, ?)', [API_CLIENT_REVOKED_CHANNEL, found.id]);
    }
    return found;
  }

  /** Every client, newest first; `count`: the client asked for the total. */
  list(args: PageArgs, options: { count?: boolean } = {}): Promise<ConnectionShape<ApiClient>> {
    this.ctx.access.requireRole(Role.ADMIN);
    return readTimePage(this.ctx.em, ApiClient, [], 'createdAt', 'desc', args, options);
  }

  /** Distinct patients with an active DATA_SHARING consent naming the client (no clinical content). */
  consentCount(client: ApiClient): Promise<number> {
    this.ctx.access.requireRole(Role.ADMIN);
    return this.ctx.loaders.partners.consentCount.load(client.id);
  }

  private async lockedClient(tx: EntityManager, id: string): Promise<ApiClient> {
    const found = await tx.findOne(ApiClient, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!found) {
      throw notFound('API client');
    }
    return found;
  }
}

/**
 * The insurer a new client answers claims for: named exactly when it holds a claims scope (an
 * insurer without one could see nothing; a claims scope without an insurer would match no policy).
 */
function insurerOf(input: CreateApiClientInput): string | null {
  const insurer = input.insurer?.trim().replace(/\s+/g, ' ') || null;
  const forClaims = input.scopes.some((scope) => scope.startsWith('claims:'));
  if (forClaims && !insurer) {
    throw badInput([{ field: 'input.insurer', message: 'is required with claims:read or claims:write' }]);
  }
  if (!forClaims && insurer) {
    throw badInput([{ field: 'input.insurer', message: 'is only for a client with claims:read or claims:write' }]);
  }
  return insurer;
}

/** The client whose id and secret these are, if it is active; undefined otherwise (one answer for every failure). */
export async function authenticateClient(
  em: EntityManager,
  clientId: string,
  clientSecret: string,
): Promise<ApiClient | undefined> {
  if (!isUuid(clientId)) {
    return undefined;
  }
  const client = await em.findOne(ApiClient, clientId.toLowerCase());
  if (!client || client.revokedAt || !clientSecretValid(client, clientSecret)) {
    return undefined;
  }
  return client;
}
