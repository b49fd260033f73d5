import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { timingSafeEqual } from 'node:crypto';
import type { Context } from '../../server/context.js';
import { badInput, tooManyRequests } from '../../shared/errors.js';
import type { RetentionRule } from '../../shared/retention.js';
import { deferJob } from '../../shared/transaction-outbox.js';
import { Role } from '../identity/role.js';
import { CONFIRMED_PHONE_DIGITS, Patient } from './patient.entity.js';
import { PhoneConfirmation, phoneCode } from './phone-confirmation.entity.js';

/** The job that texts one confirmation's code (after its transaction commits). */
export const SEND_PHONE_CODE = 'send-phone-code';
export const PHONE_CODE_MINUTES = 10;
/** Codes a patient may ask for in an hour, and the least time between two. */
export const MAX_PHONE_CODES_PER_HOUR = 3;
export const PHONE_CODE_GAP_SECONDS = 60;
/** Wrong codes before a code is spent. */
export const MAX_PHONE_CODE_ATTEMPTS = 5;

/** Codes live minutes; the throttle looks back an hour; confirmations are audited on the patient. */
export const PHONE_CONFIRMATION_RETENTION: RetentionRule = {
  table: 'phone_confirmation',
  expired: `expires_at < now() - interval '1 day'`,
  why: 'A code lives ten minutes and the throttle looks back one hour; the confirmation is on the patient and audited.',
};

export interface PhoneCodePayload {
  readonly confirmationId: string;
}

/**
 * A phone number as a text message is addressed (E.164): the stored number without spaces,
 * dashes, dots or brackets when what remains is `+` and 7 to 15 digits; undefined otherwise.
 */
export function textableNumber(phone: string | null | undefined): string | undefined {
  const compact = phone?.replace(/[\s\-.()/]/g, '');
  return compact && /^\+[1-9]\d{6,14}$/.test(compact) ? compact : undefined;
}

/**
 * A reply texted to the clinic's number (STOP or START, the gateway's inbound webhook): turns texts
 * off, or on again, for the patients whose confirmed phone it came from (a number shared by a
 * family: each of them). Answers the patients whose setting changed, for the audit trail.
 */
export async function applyTextReply(tx: EntityManager, from: string, wanted: boolean): Promise<string[]> {
  const changed = await tx.execute<{ id: string }[]>(
    `update patient set sms_reminders_wanted = ?, updated_at = now()
      where phone_confirmed_number is not null and ${CONFIRMED_PHONE_DIGITS} = ?
        and phone = phone_confirmed_number and sms_reminders_wanted <> ?
      returning id`,
    [wanted, from, wanted],
  );
  return changed.map((row) => row.id);
}

const NO_CODE = [{ field: 'code', message: 'has expired or was not asked for; ask for a new code' }];

/**
 * Reminders by text message, for the signed-in patient: the number is confirmed first with a code
 * texted to it (a mistyped number must never get someone else's reminders), then texts go to it
 * while it stays the patient's phone.
 */
export class PhoneConfirmationService {
  constructor(private readonly ctx: Context) {}

  /** Texts a new code to the patient's phone; answers when it expires. */
  async start(): Promise<Date> {
    const actor = this.ctx.access.requireRole(Role.PATIENT);
    return this.ctx.em.transactional(async (tx) => {
      const patient = await tx.findOneOrFail(Patient, actor.patientId!, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!patient.phone) {
        throw badInput([{ field: 'phone', message: 'is needed first: add your mobile number to your profile' }]);
      }
      if (!textableNumber(patient.phone)) {
        throw badInput([
          { field: 'phone', message: 'must be a mobile number in international form, e.g. +49 151 23456789' },
        ]);
      }
      await this.throttle(tx, patient.id);
      await tx.execute(
        `update phone_confirmation set used_at = now(), updated_at = now() where patient_id = ? and used_at is null`,
        [patient.id],
      );
      const confirmation = tx.create(PhoneConfirmation, {
        patient,
        phone: patient.phone,
        expiresAt: new Date(Date.now() + PHONE_CODE_MINUTES * 60_000),
      });
      const payload: PhoneCodePayload = { confirmationId: confirmation.id };
      deferJob(tx, SEND_PHONE_CODE, payload, { maxAttempts: 3 });
      this.ctx.audit.record(tx, { action: 'PHONE_CODE_SENT', entityType: 'Patient', entityId: patient.id });
      return confirmation.expiresAt;
    });
  }

  /** At most {@link MAX_PHONE_CODES_PER_HOUR} an hour, {@link PHONE_CODE_GAP_SECONDS} apart. */
  private async throttle(tx: EntityManager, patientId: string): Promise<void> {
    const [row] = await tx.execute<{ count: number; free_in: number; last_ago: number | null }[]>(
      `select count(*)::int as count,
              coalesce(ceil(extract(epoch from min(created_at) + interval '1 hour' - now())), 0)::int as free_in,
              floor(extract(epoch from now() - max(created_at)))::int as last_ago
         from phone_confirmation where patient_id = ? and created_at > now() - interval '1 hour'`,
      [patientId],
    );
    if (row && row.count >= MAX_PHONE_CODES_PER_HOUR) {
      throw tooManyRequests(
        'Several codes were sent in the last hour. Use the newest, or ask again later.',
        Math.max(1, row.free_in),
      );
    }
    if (row?.last_ago !== null && row?.last_ago !== undefined && row.last_ago < PHONE_CODE_GAP_SECONDS) {
      throw tooManyRequests(
        'A code was sent a moment ago. Wait for it, or ask again in a minute.',
        PHONE_CODE_GAP_SECONDS - row.last_ago,
      );
    }
  }

  /**
   * Confirms the phone with the newest code texted to it, and turns text reminders on. A wrong code
   * counts (the count kept though the answer is an error); at the limit the code is spent.
   */
  async confirm(code: string): Promise<Patient> {
    const actor = this.ctx.access.requireRole(Role.PATIENT);
    const given = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(given)) {
      throw badInput([{ field: 'code', message: 'is the six digits of the text message we sent' }]);
    }
    const outcome = await this.ctx.em.transactional(async (tx) => {
      const patient = await tx.findOneOrFail(Patient, actor.patientId!, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const confirmation = await tx.findOne(
        PhoneConfirmation,
        { patient, phone: patient.phone ?? '', usedAt: null, expiresAt: { $gt: new Date() } },
        { orderBy: { createdAt: 'desc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!confirmation) {
        return { kind: 'missing' as const };
      }
      const expected = phoneCode(this.ctx.settings.jwtSecret, confirmation.id);
      if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
        confirmation.attempts += 1;
        if (confirmation.attempts >= MAX_PHONE_CODE_ATTEMPTS) {
          confirmation.usedAt = new Date();
        }
        this.ctx.audit.record(tx, { action: 'PHONE_CODE_FAILED', entityType: 'Patient', entityId: patient.id });
        return { kind: 'wrong' as const, left: MAX_PHONE_CODE_ATTEMPTS - confirmation.attempts };
      }
      confirmation.usedAt = new Date();
      patient.phoneConfirmedNumber = confirmation.phone;
      patient.smsRemindersWanted = true;
      this.ctx.audit.record(tx, { action: 'PHONE_CONFIRMED', entityType: 'Patient', entityId: patient.id });
      return { kind: 'confirmed' as const, patient };
    });
    switch (outcome.kind) {
      case 'confirmed':
        return outcome.patient;
      case 'wrong':
        throw badInput([
          {
            field: 'code',
            message:
              outcome.left > 0
                ? `is not the code we sent (${outcome.left} tries left)`
                : 'was wrong too often; ask for a new code',
          },
        ]);
      case 'missing':
        throw badInput(NO_CODE);
    }
  }

  /** Turns text reminders on (the phone must be confirmed) or off. */
  async setReminders(enabled: boolean): Promise<Patient> {
    const actor = this.ctx.access.requireRole(Role.PATIENT);
    return this.ctx.em.transactional(async (tx) => {
      const patient = await tx.findOneOrFail(Patient, actor.patientId!, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (enabled && !patient.phoneConfirmed) {
        throw badInput([
          { field: 'enabled', message: 'needs your phone number confirmed first (a code is texted to it)' },
        ]);
      }
      if (patient.smsRemindersWanted !== enabled) {
        patient.smsRemindersWanted = enabled;
        this.ctx.audit.record(tx, {
          action: enabled ? 'SMS_REMINDERS_ON' : 'SMS_REMINDERS_OFF',
          entityType: 'Patient',
          entityId: patient.id,
        });
      }
      return patient;
    });
  }
}
