import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { User } from '../identity/user.entity.js';

export enum NotificationKind {
  APPOINTMENT_BOOKED = 'APPOINTMENT_BOOKED',
  APPOINTMENT_CONFIRMED = 'APPOINTMENT_CONFIRMED',
  APPOINTMENT_CANCELLED = 'APPOINTMENT_CANCELLED',
  APPOINTMENT_RESCHEDULED = 'APPOINTMENT_RESCHEDULED',
  APPOINTMENT_REMINDER = 'APPOINTMENT_REMINDER',
  WEBHOOK_DISABLED = 'WEBHOOK_DISABLED',
  LAB_RESULTS_READY = 'LAB_RESULTS_READY',
  LAB_RESULT_CRITICAL = 'LAB_RESULT_CRITICAL',
  LAB_RESULT_UNATTENDED = 'LAB_RESULT_UNATTENDED',
  WAITLIST_OFFER = 'WAITLIST_OFFER',
  PRESCRIPTION_ISSUED = 'PRESCRIPTION_ISSUED',
  PRESCRIPTION_DISCONTINUED = 'PRESCRIPTION_DISCONTINUED',
  INVOICE_ISSUED = 'INVOICE_ISSUED',
  PAYMENT_RECEIVED = 'PAYMENT_RECEIVED',
  INVOICE_OVERDUE = 'INVOICE_OVERDUE',
  INVOICE_VOIDED = 'INVOICE_VOIDED',
  REPEAT_REQUESTED = 'REPEAT_REQUESTED',
  REPEAT_DECLINED = 'REPEAT_DECLINED',
  EMERGENCY_ACCESS = 'EMERGENCY_ACCESS',
  ERASURE_REQUESTED = 'ERASURE_REQUESTED',
  ERASURE_REFUSED = 'ERASURE_REFUSED',
  ACCESS_ALERT = 'ACCESS_ALERT',
  DATA_BREACH = 'DATA_BREACH',
}

/** The kinds about one appointment (the others are about lab results, prescriptions, bills and the clinic's systems). */
export type AppointmentNotificationKind = Exclude<
  NotificationKind,
  | NotificationKind.LAB_RESULTS_READY
  | NotificationKind.LAB_RESULT_CRITICAL
  | NotificationKind.LAB_RESULT_UNATTENDED
  | NotificationKind.WEBHOOK_DISABLED
  | NotificationKind.PRESCRIPTION_ISSUED
  | NotificationKind.PRESCRIPTION_DISCONTINUED
  | NotificationKind.INVOICE_ISSUED
  | NotificationKind.PAYMENT_RECEIVED
  | NotificationKind.INVOICE_OVERDUE
  | NotificationKind.INVOICE_VOIDED
  | NotificationKind.REPEAT_REQUESTED
  | NotificationKind.REPEAT_DECLINED
  | NotificationKind.EMERGENCY_ACCESS
  | NotificationKind.ERASURE_REQUESTED
  | NotificationKind.ERASURE_REFUSED
  | NotificationKind.ACCESS_ALERT
  | NotificationKind.DATA_BREACH
>;

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a notification is about.',
  valuesConfig: {
    APPOINTMENT_BOOKED: { description: 'An appointment was booked.' },
    APPOINTMENT_CONFIRMED: { description: 'The doctor confirmed an appointment.' },
    APPOINTMENT_CANCELLED: { description: 'An appointment was cancelled.' },
    APPOINTMENT_RESCHEDULED: { description: 'An appointment moved to another time.' },
    APPOINTMENT_REMINDER: { description: 'An appointment is coming up.' },
    WEBHOOK_DISABLED: { description: 'A webhook failed for too long and was turned off (administrators).' },
    LAB_RESULTS_READY: { description: 'New lab results are available (to the patient).' },
    LAB_RESULT_CRITICAL: {
      description:
        'A lab order has a critical result: review it now (to the ordering doctor; while they are away, to the patient’s other doctors at work, else to their department’s).',
    },
    LAB_RESULT_UNATTENDED: {
      description:
        'A critical lab result has no doctor at work to review it: its doctor is away and none of the patient’s doctors or of that department is at work (administrators: ask a doctor at work to review it).',
    },
    WAITLIST_OFFER: {
      description: 'A slot the patient waited for is held for them: accept it before the offer runs out.',
    },
    PRESCRIPTION_ISSUED: { description: 'A doctor issued a prescription for the patient (to the patient).' },
    PRESCRIPTION_DISCONTINUED: {
      description: 'A doctor stopped one of the patient’s prescriptions (to the patient).',
    },
    INVOICE_ISSUED: { description: 'A bill was issued to the patient: its number, amount and due date.' },
    PAYMENT_RECEIVED: { description: 'A payment (the patient’s or their insurer’s) was booked on their bill.' },
    INVOICE_OVERDUE: {
      description: 'A bill passed its due date with money still owed: sent the morning after (to the patient).',
    },
    INVOICE_VOIDED: {
      description: 'A bill issued to the patient was cancelled: nothing is owed on it (to the patient).',
    },
    REPEAT_REQUESTED: {
      description: 'A patient asked for a repeat of a prescription the doctor issued (to the doctor; in-app only).',
    },
    REPEAT_DECLINED: {
      description: 'The doctor did not issue the repeat the patient asked for; why is in the portal (to the patient).',
    },
    EMERGENCY_ACCESS: {
      description:
        'A doctor opened the patient’s chart with emergency access (to the patient, and to administrators for review); the reason is in the access log and the audit trail, not here.',
    },
    ERASURE_REQUESTED: {
      description:
        'A patient asked to close their account and erase their data (administrators: answer by its due date).',
    },
    ERASURE_REFUSED: {
      description:
        'The clinic refused the patient’s request to erase their data: its answer is on the request (to the patient).',
    },
    ACCESS_ALERT: {
      description:
        'An account read patients’ charts in an unusual way: review the alert under Access alerts (administrators).',
    },
    DATA_BREACH: {
      description:
        'An account that read the patient’s chart was found misused, and was locked out (to the patient; what to do is in the text).',
    },
  },
});

/**
 * An in-app message to one user. Says what happened and when, never anything clinical (no visit
 * reason, diagnosis, note or medication): the same text goes out by e-mail.
 */
@ObjectType({
  description:
    'A message to the signed-in user about their appointments, lab results, prescriptions or bills. Never clinical.',
})
@Entity({ tableName: 'notification' })
@Index({ properties: ['user', 'createdAt'] })
export class Notification extends BaseEntity {
  // indexed by the composite index above
  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'restrict' })
  user!: Ref<User>;

  @Field(() => NotificationKind, { description: 'What it is about.' })
  @Enum({ items: () => NotificationKind })
  kind!: NotificationKind;

  @Field({ description: 'A one-line summary.' })
  @Property({ type: 'text' })
  title!: string;

  @Field({ description: 'The message, in plain words (no clinical content).' })
  @Property({ type: 'text' })
  body!: string;

  /** A plain column, not a foreign key: a notification outlives anything it mentions. */
  @Field(() => ID, { nullable: true, description: 'The appointment this is about, if any.' })
  @Property({ type: 'uuid', nullable: true })
  appointmentId?: string;

  /** A plain column too: the lab order a lab notification is about. */
  @Field(() => ID, { nullable: true, description: 'The lab order this is about, if any.' })
  @Property({ type: 'uuid', nullable: true })
  labOrderId?: string;

  /** A plain column too: whose chart a doctor's lab alert opens. */
  @Field(() => ID, {
    nullable: true,
    description: 'The patient this is about, if any: a doctor’s lab alert names whose chart to open.',
  })
  @Property({ type: 'uuid', nullable: true })
  patientId?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the user marked it read; empty while unread.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  readAt?: Date;
}
