import { Property } from '@mikro-orm/core';
import { createHmac } from 'node:crypto';
import { BaseEntity } from '../../shared/base.entity.js';

/**
 * A link e-mailed to an account's address (a password reset, an address confirmation): single
 * use, short-lived. Its token is never stored: it is derived from the row id with a server key
 * (`linkToken`), so the database alone cannot produce a working link and the e-mail job derives
 * it again; only its hash is kept.
 */
export abstract class SingleUseLink extends BaseEntity {
  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  /** Indexed for the retention cleanup (identity/retention.ts). */
  @Property({ type: 'datetime', columnType: 'timestamptz', index: true })
  expiresAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  usedAt?: Date | null;

  /** Set when too many links for the account were asked for: recorded, but no e-mail goes out. */
  @Property({ type: 'boolean', default: false })
  suppressed: boolean = false;
}

/** The token of a link row, derived from its id with the server key and the link's purpose. */
export function linkToken(purpose: 'password-reset' | 'email-verification', serverSecret: string, id: string): string {
  return createHmac('sha256', `${purpose}:${serverSecret}`).update(id).digest('base64url');
}
