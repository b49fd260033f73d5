import { registerEnumType } from 'type-graphql';

export enum AppointmentStatus {
  REQUESTED = 'REQUESTED',
  CONFIRMED = 'CONFIRMED',
  CHECKED_IN = 'CHECKED_IN',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  NO_SHOW = 'NO_SHOW',
}

export enum AppointmentType {
  REGULAR = 'REGULAR',
  FOLLOW_UP = 'FOLLOW_UP',
  EMERGENCY = 'EMERGENCY',
}

/** Statuses that hold the slot: no two of a doctor's (or a patient's) may overlap. */
export const ACTIVE_STATUSES: readonly AppointmentStatus[] = [
  AppointmentStatus.REQUESTED,
  AppointmentStatus.CONFIRMED,
  AppointmentStatus.CHECKED_IN,
];

registerEnumType(AppointmentStatus, {
  name: 'AppointmentStatus',
  description: 'Where an appointment stands in its lifecycle.',
  valuesConfig: {
    REQUESTED: { description: 'Booked, waiting for the doctor or an administrator to confirm.' },
    CONFIRMED: { description: 'Confirmed: the slot is the patient’s.' },
    CHECKED_IN: { description: 'The patient has arrived.' },
    COMPLETED: { description: 'The visit took place.' },
    CANCELLED: { description: 'Cancelled by the patient, the doctor or an administrator; the slot is free again.' },
    NO_SHOW: { description: 'The patient did not come.' },
  },
});
registerEnumType(AppointmentType, {
  name: 'AppointmentType',
  description: 'What kind of visit an appointment is.',
  valuesConfig: {
    REGULAR: { description: 'An ordinary visit (the default).' },
    FOLLOW_UP: { description: 'A follow-up of an earlier visit.' },
    EMERGENCY: { description: 'An urgent visit.' },
  },
});
