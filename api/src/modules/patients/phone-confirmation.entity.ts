import { Entity, Index, ManyToOne, Property, type Opt, type Ref } from '@mikro-orm/core';
import { createHmac } from 'node:crypto';
import { BaseEntity } from '../../shared/base.entity.js';
import { Patient } from './patient.entity.js';

/**
 * A code texted to a patient's phone to confirm the number before reminders go to it: six digits,
 * minutes long, a few tries. The code is never stored: it is derived from the row id with a server
 * key (`phoneCode`), so the database alone cannot produce it and the sending job derives it again.
 */
@Entity({ tableName: 'phone_confirmation' })
@Index({ properties: ['patient', 'createdAt'] })
export class PhoneConfirmation extends BaseEntity {
  @ManyToOne({ entity: () => Patient, ref: true, deleteRule: 'cascade' })
  patient!: Ref<Patient>;

  /** The number the code went to: confirming sets it only while it is still the patient's phone. */
  @Property({ type: 'text' })
  phone!: string;

  /** Indexed for the retention cleanup. */
  @Property({ type: 'datetime', columnType: 'timestamptz', index: true })
  expiresAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  usedAt?: Date | null;

  /** Wrong codes entered; the code is spent at the limit. */
  @Property({ type: 'smallint', default: 0 })
  attempts: Opt<number> = 0;
}

/** The six-digit code of a confirmation row, derived from its id with the server key. */
export function phoneCode(serverSecret: string, confirmationId: string): string {
  const digest = createHmac('sha256', `phone-confirmation:${serverSecret}`).update(confirmationId).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}
