import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { z } from 'zod';
import { oneByKey } from '../../shared/batch.js';
import { preparedQuery } from '../../shared/prepared.js';
import { isUuid } from '../../shared/ids.js';
import type { Logger } from '../../shared/logger.js';
import type { AppointmentPeople } from '../appointments/appointment-effects.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Role } from '../identity/role.js';
import { User } from '../identity/user.entity.js';
import { appointmentMessage, type AppointmentFacts, type Audience, type ReminderLead } from './messages.js';
import { Notification, NotificationKind, type AppointmentNotificationKind } from './notification.entity.js';
import { publishNotification } from './notification-events.js';
import { enqueueNotice, type NoticeKind } from './notice-mail.js';
import { deferBatchedJob, deferInsert, requireTransaction } from './queue.js';
import type { Transport } from './transport.js';

/** The job that hands one notification to the transport, after its transaction committed (queued before batches). */
export const SEND_NOTIFICATION = 'send-notification';
/**
 * The job that hands a transaction's notifications to the transport (a batch job: its payload lists
 * them). A task of its own: a process of an earlier version, which knows only single sends, never
 * takes one (during a rolling deployment it would fail it until a newer process took it).
 */
export const SEND_NOTIFICATIONS = 'send-notifications';
const SEND_ATTEMPTS = 10;

export interface SendNotificationPayload {
  readonly notificationId: string;
}

const sendNotificationPayload = z.object({ notificationId: z.string().refine(isUuid, 'must be a UUID') });

/** What the jobs need: their own entity managers, the transport, a logger. */
export interface DeliveryDependencies {
  readonly orm: MikroORM;
  readonly transport: Transport;
  readonly logger: Logger;
}

/** Who hears of what: the patient always; the doctor of new bookings and cancellations. */
const RECIPIENTS: Record<AppointmentNotificationKind, readonly Audience[]> = {
  [NotificationKind.APPOINTMENT_BOOKED]: ['patient', 'doctor'],
  [NotificationKind.APPOINTMENT_CONFIRMED]: ['patient'],
  [NotificationKind.APPOINTMENT_CANCELLED]: ['patient', 'doctor'],
  [NotificationKind.APPOINTMENT_RESCHEDULED]: ['patient'],
  [NotificationKind.APPOINTMENT_REMINDER]: ['patient'],
  [NotificationKind.WAITLIST_OFFER]: ['patient'],
};

/** What a new notification says, to whom. */
export type NotificationFields = Pick<
  Notification,
  'kind' | 'title' | 'body' | 'appointmentId' | 'labOrderId' | 'patientId'
>;

/**
 * Writes one in-app notification to `userId` through `tx` and announces it live (to its
 * recipient's open dashboards, after the commit). Every notification is created here.
 */
export async function addNotification(
  tx: EntityManager,
  userId: string,
  fields: NotificationFields,
): Promise<Notification> {
  const [notification] = await addNotifications(tx, [{ userId, fields }]);
  return notification!;
}

/**
 * {@link addNotification} for several at once, each announced: their rows are written with the
 * transaction's outbox (its other deferred rows, jobs and notices) in one statement just before
 * the commit, so nothing in the transaction reads them back.
 */
export async function addNotifications(
  tx: EntityManager,
  wanted: readonly { readonly userId: string; readonly fields: NotificationFields }[],
): Promise<Notification[]> {
  requireTransaction(tx, 'addNotification');
  if (wanted.length === 0) {
    return [];
  }
  const notifications = wanted.map(({ userId, fields }) =>
    tx.create(Notification, { user: tx.getReference(User, userId), ...fields }, { persist: false }),
  );
  deferInsert(tx, notifications);
  for (const notification of notifications) {
    await publishNotification(tx, { id: notification.id, userId: notification.user.id });
  }
  return notifications;
}

/** An appointment with its patient and doctor loaded (from the identity map when `tx` holds it). */
export async function loadAppointmentForNotice(em: EntityManager, appointmentId: string): Promise<Appointment | null> {
  return em.findOne(Appointment, appointmentId, { populate: ['patient', 'doctor'] });
}

/** The appointment's doctor and patient as its notices need them, from its loaded entities. */
function peopleOf(appointment: Appointment): AppointmentPeople {
  const doctor = appointment.doctor.getEntity();
  const patient = appointment.patient.getEntity();
  return {
    doctor: {
      userId: doctor.user.id,
      firstName: doctor.firstName,
      lastName: doctor.lastName,
      specialization: doctor.specialization,
      timezone: doctor.timezone,
    },
    patient: { userId: patient.user.id, firstName: patient.firstName, lastName: patient.lastName },
  };
}

/**
 * Writes the in-app notifications of one appointment event, at once, through `tx` (the caller's
 * unit of work is left alone). Only who and when reach the text: see messages.ts. With `once`,
 * a recipient who already has the very same message is skipped (a job that runs again).
 */
export async function createAppointmentNotifications(
  tx: EntityManager,
  appointment: Appointment,
  kind: AppointmentNotificationKind,
  audiences: readonly Audience[] = RECIPIENTS[kind],
  options: {
    readonly lead?: ReminderLead;
    readonly once?: boolean;
    /** The doctor and patient, when the caller read them (else the appointment's loaded entities). */
    readonly people?: AppointmentPeople | undefined;
  } = {},
): Promise<Notification[]> {
  const people = options.people ?? peopleOf(appointment);
  const facts: AppointmentFacts = { startsAt: appointment.startsAt, doctor: people.doctor, patient: people.patient };
  const wanted: { userId: string; fields: NotificationFields }[] = [];
  for (const audience of audiences) {
    const userId = people[audience].userId;
    const { title, body } = appointmentMessage(kind, audience, facts, options.lead);
    if (options.once && (await tx.count(Notification, { user: userId, appointmentId: appointment.id, kind, body }))) {
      continue;
    }
    wanted.push({ userId, fields: { kind, title, body, appointmentId: appointment.id } });
  }
  return addNotifications(tx, wanted);
}

/**
 * Enqueues the e-mail of one notification in `tx` (with the transaction's other deferred jobs, at
 * the commit): it goes out only if `tx` commits. A transaction's e-mails share one batch job.
 */
export function enqueueSend(tx: EntityManager, notificationId: string): void {
  const payload: SendNotificationPayload = { notificationId };
  deferBatchedJob(tx, SEND_NOTIFICATIONS, payload, { maxAttempts: SEND_ATTEMPTS });
}

/**
 * Tells the people concerned about a change to an appointment, inside the transaction that makes
 * the change: in-app notifications (the patient; the doctor too on BOOKED and CANCELLED) and their
 * e-mails (one `send-notification` batch job), so nothing is said about a change that rolls back and the
 * e-mail leaves only after the commit. Call it after the change is applied to the entity (a
 * pending, unflushed appointment is read from `tx`'s identity map).
 */
export async function notifyAppointmentEvent(
  tx: EntityManager,
  event: {
    readonly appointmentId: string;
    readonly kind: AppointmentNotificationKind;
    /**
     * The appointment itself when the caller has it with its patient and doctor loaded, or with
     * `people` (its doctor and patient as the caller read them: then neither needs loading).
     */
    readonly appointment?: Appointment;
    readonly people?: AppointmentPeople | undefined;
  },
): Promise<Notification[]> {
  requireTransaction(tx, 'notifyAppointmentEvent');
  const given = event.appointment;
  const appointment =
    given && (event.people || (given.patient.isInitialized() && given.doctor.isInitialized()))
      ? given
      : await loadAppointmentForNotice(tx, event.appointmentId);
  if (!appointment) {
    throw new Error(`notifyAppointmentEvent: appointment ${event.appointmentId} not found`);
  }
  const notifications = await createAppointmentNotifications(tx, appointment, event.kind, RECIPIENTS[event.kind], {
    people: event.people,
  });
  for (const notification of notifications) {
    enqueueSend(tx, notification.id);
  }
  return notifications;
}

/**
 * Tells every active administrator, in the caller's transaction: in-app, and by e-mail once it
 * commits — with the same text (`mail` 'same text', for the clinic's systems: a webhook turned
 * off), a fixed-text notice naming no one (a notice kind, when the text names a patient), or not
 * at all ('none': reviewed in the console).
 */
export async function notifyAdministrators(
  tx: EntityManager,
  message: { readonly kind: NotificationKind; readonly title: string; readonly body: string },
  mail: 'same text' | 'none' | NoticeKind = 'same text',
): Promise<void> {
  requireTransaction(tx, 'notifyAdministrators');
  const admins = await tx.execute<{ id: string }[]>(`select id from app_user where role = ? and active`, [Role.ADMIN]);
  const notifications = await addNotifications(
    tx,
    admins.map((admin) => ({ userId: admin.id, fields: message })),
  );
  for (const notification of notifications) {
    if (mail === 'same text') {
      enqueueSend(tx, notification.id);
    } else if (mail !== 'none') {
      enqueueNotice(tx, notification.user.id, mail);
    }
  }
}

/** What the transport needs of a notification and its recipient. */
interface Delivery {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly title: string;
  readonly body: string;
  readonly email: string;
  readonly active: boolean;
  readonly confirmed: boolean;
}

const DELIVERIES = `select n.id, n.kind, n.title, n.body, u.email, u.active, u.email_verified_at is not null as confirmed
  from notification n join app_user u on u.id = n.user_id where n.id = any($1::uuid[])`;
const deliveryLoaders = new WeakMap<MikroORM, DataLoader<string, Delivery | null>>();

/**
 * A notification with its recipient's address, read by one prepared statement for every send job
 * that asks in the same tick (a booking's two e-mails run side by side).
 */
function loadDelivery(orm: MikroORM, notificationId: string): Promise<Delivery | null> {
  let loader = deliveryLoaders.get(orm);
  if (!loader) {
    loader = new DataLoader<string, Delivery | null>(
      async (ids) =>
        oneByKey(
          ids.map((id) => id.toLowerCase()),
          await preparedQuery<Delivery>(orm.em.fork(), 'notification-deliveries', DELIVERIES, [ids]),
          (row) => row.id,
        ),
      { cache: false },
    );
    deliveryLoaders.set(orm, loader);
  }
  return loader.load(notificationId);
}

/**
 * Hands one stored notification to the transport. Returns false when there is nothing to send
 * (gone, the account deactivated, or its address not confirmed: a mistyped address may be a
 * stranger's, and the text names a doctor and a time; the notification stays in the app); a
 * transport failure throws, so the job is retried.
 */
export async function deliverNotification(deps: DeliveryDependencies, notificationId: string): Promise<boolean> {
  const notification = await loadDelivery(deps.orm, notificationId);
  if (!notification) {
    deps.logger.warn({ notificationId }, 'notification to send no longer exists');
    return false;
  }
  if (!notification.active) {
    deps.logger.info({ notificationId, kind: notification.kind }, 'notification not sent: account deactivated');
    return false;
  }
  if (!notification.confirmed) {
    deps.logger.info({ notificationId, kind: notification.kind }, 'notification not e-mailed: address not confirmed');
    return false;
  }
  await deps.transport.send({
    to: notification.email,
    subject: notification.title,
    text: notification.body,
    kind: notification.kind,
    notificationId: notification.id,
  });
  return true;
}

/** The `send-notification` task (one notification). */
export async function handleSendNotification(deps: DeliveryDependencies, payload: unknown): Promise<void> {
  const { notificationId } = sendNotificationPayload.parse(payload);
  await deliverNotification(deps, notificationId);
}

/**
 * The `send-notifications` task: one promise per listed notification, so graphile-worker retries
 * only the ones that failed.
 */
export function handleSendNotifications(deps: DeliveryDependencies, payload: unknown): Promise<void>[] {
  if (!Array.isArray(payload)) {
    throw new Error('send-notifications expects a list of notifications');
  }
  return payload.map((one) => handleSendNotification(deps, one));
}
