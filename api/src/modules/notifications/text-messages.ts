import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { isUuid } from '../../shared/ids.js';
import { ACTIVE_STATUSES } from '../appointments/appointment-status.js';
import type { Appointment } from '../appointments/appointment.entity.js';
import { phoneCode } from '../patients/phone-confirmation.entity.js';
import { PHONE_CODE_MINUTES, textableNumber } from '../patients/phone-confirmation.service.js';
import { formatWhen } from './messages.js';
import type { DeliveryDependencies } from './notification.service.js';
import { deferJob } from './queue.js';
import type { SmsSender } from './sms.js';

/** The job that texts a patient the reminder of an appointment (the day before). */
export const SEND_REMINDER_SMS = 'send-reminder-sms';

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
  await deps.sms.send({
    to,
    text: phoneCodeText(phoneCode(deps.serverSecret, confirmationId)),
    kind: 'PHONE_CODE',
    ref: confirmationId,
  });
}

/**
 * Queues the reminder's text message in the reminder's transaction when the patient asked for
 * them and their phone is confirmed (read now: a patient who turned them off gets none).
 */
export async function queueReminderText(tx: EntityManager, appointment: Appointment): Promise<void> {
  const [row] = await tx.execute<{ wanted: boolean }[]>(
    `select sms_reminders_wanted and phone is not null and phone = phone_confirmed_number as wanted
       from patient where id = ?`,
    [appointment.patient.id],
  );
  if (row?.wanted) {
    deferJob(
      tx,
      SEND_REMINDER_SMS,
      { appointmentId: appointment.id, startsAt: appointment.startsAt.toISOString() },
      { jobKey: `reminder-sms:${appointment.id}`, maxAttempts: 3 },
    );
  }
}

/**
 * The `send-reminder-sms` task: texts the reminder if the appointment is still on, at the time it
 * was queued for and not started, and the patient (an active account) still wants texts at their
 * confirmed number.
 */
export async function handleSendReminderText(deps: TextMessageDependencies, payload: unknown): Promise<void> {
  const { appointmentId, startsAt } = reminderPayload.parse(payload);
  const [row] = await deps.orm.em
    .fork()
    .execute<{ status: string; starts_at: Date; phone: string; wanted: boolean; timezone: string }[]>(
      `select a.status, a.starts_at, p.phone, d.timezone,
            u.active and p.sms_reminders_wanted and p.phone is not null and p.phone = p.phone_confirmed_number as wanted
       from appointment a join patient p on p.id = a.patient_id join app_user u on u.id = p.user_id
       join doctor d on d.id = a.doctor_id
      where a.id = ?`,
      [appointmentId],
    );
  const to = textableNumber(row?.phone);
  const due =
    row &&
    row.wanted &&
    (ACTIVE_STATUSES as readonly string[]).includes(row.status) &&
    new Date(row.starts_at).getTime() === Date.parse(startsAt) &&
    new Date(row.starts_at).getTime() > Date.now();
  if (!to || !due) {
    deps.logger.debug({ appointmentId }, 'reminder text no longer due');
    return;
  }
  await deps.sms.send({
    to,
    text: reminderText(new Date(row.starts_at), row.timezone),
    kind: 'APPOINTMENT_REMINDER',
    ref: appointmentId,
  });
}
