import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { isUuid } from '../../shared/ids.js';
import { ACTIVE_STATUSES } from '../appointments/appointment-status.js';
import type { Appointment } from '../appointments/appointment.entity.js';
import { smsRemindersSql } from '../patients/patient.entity.js';
import { phoneCode } from '../patients/phone-confirmation.entity.js';
import { PHONE_CODE_MINUTES, textableNumber } from '../patients/phone-confirmation.service.js';
import { formatWhen } from './messages.js';
import type { DeliveryDependencies } from './notification.service.js';
import { deferJob } from './queue.js';
import { SmsRecipientOptedOut, type OutgoingSms, type SmsSender } from './sms.js';

/** The job that texts a patient the reminder of an appointment (the day before). */
export const SEND_REMINDER_SMS = 'send-reminder-sms';
/** The job that texts a patient that the clinic cancelled or moved their appointment. */
export const SEND_CHANGE_SMS = 'send-change-sms';

/** Whether texts go to the patient (`Patient.smsReminders`), on the patient row aliased `p`. */
const TEXTS_WANTED = smsRemindersSql('p');

export interface TextMessageDependencies extends DeliveryDependencies {
  readonly sms: SmsSender;
  /** Derives a confirmation's code (never stored) again. */
  readonly serverSecret: string;
}

const codePayload = z.object({ confirmationId: z.string().refine(isUuid, 'must be a UUID') });
const reminderPayload = z.object({
  appointmentId: z.string().refine(isUuid, 'must be a UUID'),
  startsAt: z.string(),
});
const changePayload = reminderPayload.extend({ kind: z.enum(['CANCELLED', 'RESCHEDULED']) });

/** The text of a confirmation code: the code, how long it lasts, and what to do if not asked for. */
export function phoneCodeText(code: string): string {
  return `${code} is your code to receive appointment reminders on this phone. It expires in ${PHONE_CODE_MINUTES} minutes. Did not ask for it? Ignore this message.`;
}

/**
 * The text of a reminder: when, and where to read more — never the doctor, the department or why
 * (a phone's lock screen shows it to whoever holds the phone).
 */
export function reminderText(startsAt: Date, zone: string): string {
  return `Reminder: you have an appointment on ${formatWhen(startsAt, zone)}. Details, or to cancel: your patient portal.`;
}

/** The text of a cancellation or a move the patient did not make: what happened and when, nothing else. */
export function changeText(kind: 'CANCELLED' | 'RESCHEDULED', startsAt: Date, zone: string): string {
  return kind === 'CANCELLED'
    ? `Your appointment on ${formatWhen(startsAt, zone)} was cancelled. Details, or to book another time: your patient portal.`
    : `Your appointment has moved to ${formatWhen(startsAt, zone)}. Details, or to change it: your patient portal.`;
}

/** The `send-phone-code` task: texts a confirmation's code, unless it was spent or expired meanwhile. */
export async function handleSendPhoneCode(deps: TextMessageDependencies, payload: unknown): Promise<void> {
  const { confirmationId } = codePayload.parse(payload);
  const [row] = await deps.orm.em
    .fork()
    .execute<{ phone: string }[]>(
      'select phone from phone_confirmation where id = ? and used_at is null and expires_at > now()',
      [confirmationId],
    );
  const to = textableNumber(row?.phone);
  if (!to) {
    deps.logger.info({ confirmationId }, 'phone code not sent: spent, expired or gone');
    return;
  }
  try {
    await deps.sms.send({
      to,
      text: phoneCodeText(phoneCode(deps.serverSecret, confirmationId)),
      kind: 'PHONE_CODE',
      ref: confirmationId,
    });
  } catch (error) {
    if (!(error instanceof SmsRecipientOptedOut)) {
      throw error;
    }
    // Every retry would be refused too: the patient must first text START to the sender.
    deps.logger.info({ confirmationId }, 'phone code not sent: the recipient opted out');
  }
}

/**
 * Queues the reminder's text message in the reminder's transaction when the patient asked for
 * them and their phone is confirmed (read now: a patient who turned them off gets none).
 */
export async function queueReminderText(tx: EntityManager, appointment: Appointment): Promise<void> {
  if (await textsWanted(tx, appointment.patient.id)) {
    deferJob(
      tx,
      SEND_REMINDER_SMS,
      { appointmentId: appointment.id, startsAt: appointment.startsAt.toISOString() },
      { jobKey: `reminder-sms:${appointment.id}`, maxAttempts: 3 },
    );
  }
}

async function textsWanted(tx: EntityManager, patientId: string): Promise<boolean> {
  const [row] = await tx.execute<{ wanted: boolean }[]>(
    `select ${TEXTS_WANTED} as wanted from patient p where p.id = ?`,
    [patientId],
  );
  return row?.wanted === true;
}

/**
 * Queues the text of a cancellation or move in the change's transaction, for a visit still ahead,
 * when the patient wants texts. Keyed per appointment: a visit moved twice quickly is texted its last time.
 */
export async function queueChangeText(
  tx: EntityManager,
  appointment: Appointment,
  kind: 'CANCELLED' | 'RESCHEDULED',
): Promise<void> {
  if (appointment.startsAt.getTime() <= Date.now() || !(await textsWanted(tx, appointment.patient.id))) {
    return;
  }
  deferJob(
    tx,
    SEND_CHANGE_SMS,
    { appointmentId: appointment.id, kind, startsAt: appointment.startsAt.toISOString() },
    { jobKey: `change-sms:${appointment.id}`, maxAttempts: 3 },
  );
}

/**
 * Sends a patient's text; when they opted out at their carrier (replied STOP), their texts are
 * turned off instead of retried (they can turn them on again in their profile).
 */
async function sendToPatient(deps: TextMessageDependencies, patientId: string, message: OutgoingSms): Promise<void> {
  try {
    await deps.sms.send(message);
  } catch (error) {
    if (!(error instanceof SmsRecipientOptedOut)) {
      throw error;
    }
    await deps.orm.em
      .fork()
      .execute('update patient set sms_reminders_wanted = false, updated_at = now() where id = ?', [patientId]);
    deps.logger.info({ patientId, kind: message.kind, ref: message.ref }, 'texts turned off: the recipient opted out');
  }
}

/** The appointment, its patient's number and whether they want texts, and the doctor's zone, for a text job. */
async function textFacts(deps: TextMessageDependencies, appointmentId: string) {
  const [row] = await deps.orm.em
    .fork()
    .execute<
      { status: string; starts_at: Date; patient_id: string; phone: string; wanted: boolean; timezone: string }[]
    >(
      `select a.status, a.starts_at, a.patient_id, p.phone, d.timezone, u.active and ${TEXTS_WANTED} as wanted
       from appointment a join patient p on p.id = a.patient_id join app_user u on u.id = p.user_id
       join doctor d on d.id = a.doctor_id
      where a.id = ?`,
      [appointmentId],
    );
  return row && { ...row, to: row.wanted ? textableNumber(row.phone) : undefined, startsAt: new Date(row.starts_at) };
}

/**
 * The `send-change-sms` task: texts the cancellation, or the move, if it still stands (cancelled;
 * or active at the time it was moved to) and the visit is still ahead.
 */
export async function handleSendChangeText(deps: TextMessageDependencies, payload: unknown): Promise<void> {
  const { appointmentId, kind, startsAt } = changePayload.parse(payload);
  const facts = await textFacts(deps, appointmentId);
  const stands =
    facts &&
    facts.startsAt.getTime() === Date.parse(startsAt) &&
    facts.startsAt.getTime() > Date.now() &&
    (kind === 'CANCELLED'
      ? facts.status === 'CANCELLED'
      : (ACTIVE_STATUSES as readonly string[]).includes(facts.status));
  if (!facts?.to || !stands) {
    deps.logger.debug({ appointmentId, kind }, 'change text no longer due');
    return;
  }
  await sendToPatient(deps, facts.patient_id, {
    to: facts.to,
    text: changeText(kind, facts.startsAt, facts.timezone),
    kind: 'APPOINTMENT_CHANGE',
    ref: appointmentId,
  });
}

/**
 * The `send-reminder-sms` task: texts the reminder if the appointment is still on, at the time it
 * was queued for and not started, and the patient (an active account) still wants texts at their
 * confirmed number.
 */
export async function handleSendReminderText(deps: TextMessageDependencies, payload: unknown): Promise<void> {
  const { appointmentId, startsAt } = reminderPayload.parse(payload);
  const facts = await textFacts(deps, appointmentId);
  const due =
    facts &&
    (ACTIVE_STATUSES as readonly string[]).includes(facts.status) &&
    facts.startsAt.getTime() === Date.parse(startsAt) &&
    facts.startsAt.getTime() > Date.now();
  if (!facts?.to || !due) {
    deps.logger.debug({ appointmentId }, 'reminder text no longer due');
    return;
  }
  await sendToPatient(deps, facts.patient_id, {
    to: facts.to,
    text: reminderText(facts.startsAt, facts.timezone),
    kind: 'APPOINTMENT_REMINDER',
    ref: appointmentId,
  });
}
