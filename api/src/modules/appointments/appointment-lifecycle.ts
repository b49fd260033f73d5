import type { Actor } from '../identity/actor.js';
import { Role } from '../identity/role.js';
import { AppointmentEventKind } from './appointment-event.type.js';
import { AppointmentStatus } from './appointment-status.js';

/**
 * The contract's lifecycle, as data: each transition, the statuses it leaves from, the status it
 * reaches, and who may make it. `own doctor` is the appointment's doctor; `own patient` its
 * patient (held to the cancellation cut-off); `consenting partner` an API client acting for the
 * patient (held to the same cut-off: it changes what the patient could change online). Its
 * `appointments:write` scope is checked before execution (scope table), and the patient's consent by
 * the caller through `AccessControl.assertAppointment` before judging.
 */
export type Transition = 'confirm' | 'checkIn' | 'complete' | 'markNoShow' | 'cancel';
type Party = 'ownDoctor' | 'ownPatient' | 'consentingPartner' | 'admin';

interface TransitionRule {
  readonly from: readonly AppointmentStatus[];
  readonly to: AppointmentStatus;
  readonly by: readonly Party[];
  readonly event: AppointmentEventKind;
  readonly verb: string;
  /** Only once the appointment's start has come (a no-show cannot be known earlier). */
  readonly notBeforeStart?: boolean;
  /** Only from the check-in window on: the setting's minutes before the start. */
  readonly checkInWindow?: boolean;
}

export const TRANSITIONS: Readonly<Record<Transition, TransitionRule>> = {
  confirm: {
    from: [AppointmentStatus.REQUESTED],
    to: AppointmentStatus.CONFIRMED,
    by: ['ownDoctor', 'admin'],
    event: AppointmentEventKind.CONFIRMED,
    verb: 'confirm',
  },
  checkIn: {
    from: [AppointmentStatus.CONFIRMED],
    to: AppointmentStatus.CHECKED_IN,
    by: ['ownDoctor', 'admin'],
    event: AppointmentEventKind.CHECKED_IN,
    verb: 'check in',
    checkInWindow: true,
  },
  complete: {
    from: [AppointmentStatus.CHECKED_IN, AppointmentStatus.CONFIRMED],
    to: AppointmentStatus.COMPLETED,
    by: ['ownDoctor'],
    event: AppointmentEventKind.COMPLETED,
    verb: 'complete',
    notBeforeStart: true,
  },
  markNoShow: {
    from: [AppointmentStatus.CONFIRMED],
    to: AppointmentStatus.NO_SHOW,
    by: ['ownDoctor', 'admin'],
    event: AppointmentEventKind.NO_SHOW,
    verb: 'mark as a no-show',
    notBeforeStart: true,
  },
  cancel: {
    from: [AppointmentStatus.REQUESTED, AppointmentStatus.CONFIRMED],
    to: AppointmentStatus.CANCELLED,
    by: ['ownPatient', 'consentingPartner', 'ownDoctor', 'admin'],
    event: AppointmentEventKind.CANCELLED,
    verb: 'cancel',
  },
};

/** Who may reschedule, and from which statuses (the id and the slot change; the status may). */
export const RESCHEDULE: Pick<TransitionRule, 'from' | 'by'> = {
  from: [AppointmentStatus.REQUESTED, AppointmentStatus.CONFIRMED],
  by: ['ownPatient', 'consentingPartner', 'ownDoctor', 'admin'],
};

export interface AppointmentFacts {
  readonly patientId: string;
  readonly doctorId: string;
  readonly status: AppointmentStatus;
  readonly startsAt: Date;
}

export type Verdict =
  | { readonly ok: true; readonly asPatient: boolean }
  | { readonly ok: false; readonly code: 'FORBIDDEN' | 'CONFLICT'; readonly message: string; readonly reason?: string };

/** Parties on the patient's side: held to the cut-off, and a time they pick needs confirming. */
const PATIENT_SIDE: readonly Party[] = ['ownPatient', 'consentingPartner'];

function parties(actor: Actor, appointment: AppointmentFacts): Party[] {
  if (actor.kind === 'partner') {
    // Consent was asserted with the appointment's visibility (assertAppointment) before judging.
    return ['consentingPartner'];
  }
  if (actor.kind !== 'user') {
    return [];
  }
  const found: Party[] = [];
  if (actor.role === Role.ADMIN) {
    found.push('admin');
  }
  if (actor.role === Role.DOCTOR && actor.doctorId === appointment.doctorId) {
    found.push('ownDoctor');
  }
  if (actor.role === Role.PATIENT && actor.patientId === appointment.patientId) {
    found.push('ownPatient');
  }
  return found;
}

/**
 * Whether `actor` may make a change: FORBIDDEN for the wrong party, CONFLICT (naming the current
 * status) for a change the status does not allow, and CONFLICT when a patient is past the cut-off.
 */
export function judge(
  actor: Actor,
  appointment: AppointmentFacts,
  rule: Pick<TransitionRule, 'from' | 'by' | 'notBeforeStart' | 'checkInWindow'> & { verb: string },
  now: Date,
  cutoffHours: number,
  checkInEarliestMinutes = 60,
): Verdict {
  const allowed = parties(actor, appointment).filter((party) => rule.by.includes(party));
  if (allowed.length === 0) {
    return { ok: false, code: 'FORBIDDEN', message: `You may not ${rule.verb} this appointment.` };
  }
  if (!rule.from.includes(appointment.status)) {
    return {
      ok: false,
      code: 'CONFLICT',
      message: `Cannot ${rule.verb} an appointment that is ${appointment.status}.`,
      reason: 'ILLEGAL_TRANSITION',
    };
  }
  if (rule.notBeforeStart && appointment.startsAt.getTime() > now.getTime()) {
    return {
      ok: false,
      code: 'CONFLICT',
      message: `Cannot ${rule.verb} an appointment that has not started yet.`,
      reason: 'NOT_STARTED',
    };
  }
  if (rule.checkInWindow && appointment.startsAt.getTime() - now.getTime() > checkInEarliestMinutes * 60_000) {
    return {
      ok: false,
      code: 'CONFLICT',
      message: `Check-in opens ${checkInEarliestMinutes} minutes before the appointment starts.`,
      reason: 'TOO_EARLY',
    };
  }
  const asPatient = allowed.every((party) => PATIENT_SIDE.includes(party));
  if (asPatient && appointment.startsAt.getTime() - now.getTime() < cutoffHours * 3_600_000) {
    return {
      ok: false,
      code: 'CONFLICT',
      message: `Appointments can be changed online until ${cutoffHours} hours before they start; please call the clinic.`,
      reason: 'CUTOFF_PASSED',
    };
  }
  return { ok: true, asPatient };
}
