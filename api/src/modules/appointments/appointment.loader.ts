import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { batchLoader, groupByKey, oneByKey } from '../../shared/batch.js';
import { PartParams, readTrip, uuidIn } from '../../shared/one-trip.js';
import { readRow, rowReader } from '../../shared/read-rows.js';
import type { TimeInterval } from '../doctors/weekly-slots.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import { ACTIVE_STATUSES, AppointmentStatus } from './appointment-status.js';
import { Appointment } from './appointment.entity.js';
import { definePatientOrder, PatientOrder } from '../patients/patient-order.js';
import type { Actor } from '../identity/actor.js';
import { Role } from '../identity/role.js';
import { doctorTimeOf, EPOCH_MS, MAX_SLOT_WINDOW_DAYS, SlotService } from './slot.service.js';
import { toSlot, type Slot } from './slot.type.js';

const DAY = 86_400_000;

/** When one coming appointment takes place. */
export interface ComingTime extends TimeInterval {
  readonly id: string;
  readonly doctorId: string;
}

/** A patient's visits either side of now: the last completed, the next still to come. */
export interface VisitsAround {
  readonly last: Appointment | null;
  readonly next: Appointment | null;
}

/**
 * A patient's visits either side of now (`Patient.lastVisit`, `nextVisit`): the last is the latest
 * completed one that began before now, the next the soonest booked one not yet over (one under way
 * counts). Each as the conditions on an appointment's row (its SQL alias) and the order that puts
 * it first.
 */
const VISITS = {
  last: {
    where: (a: string) => `${a}.status = '${AppointmentStatus.COMPLETED}' and ${a}.starts_at < now()`,
    direction: 'desc',
  },
  next: {
    where: (a: string) =>
      `${a}.status in (${ACTIVE_STATUSES.map((status) => `'${status}'`).join(', ')}) and ${a}.ends_at > now()`,
    direction: 'asc',
  },
} as const;

/**
 * Whose visits with a patient a reader sees there: a doctor their own (their schedule, not the
 * chart), anyone else any doctor's (a partner's still pass the appointments' row guard).
 */
export function visitsDoctorOf(reader: Actor): string | undefined {
  return reader.kind === 'user' && reader.role === Role.DOCTOR ? reader.doctorId : undefined;
}

// The patients list ordered by these visits (`patients(orderBy:)`): the same conditions and the
// same reader's visits, as a key.
for (const [order, visit] of [
  [PatientOrder.LAST_VISIT, VISITS.last],
  [PatientOrder.NEXT_VISIT, VISITS.next],
] as const) {
  definePatientOrder(order, {
    direction: visit.direction,
    sql: (patient, reader) => {
      const doctorId = visitsDoctorOf(reader);
      return {
        sql: `(select ${visit.direction === 'desc' ? 'max' : 'min'}(v.starts_at) from appointment v
               where v.patient_id = ${patient}${doctorId ? ' and v.doctor_id = ?' : ''} and ${visit.where('v')})`,
        params: doctorId ? [doctorId] : [],
      };
    },
  });
}

/** Appointments and free slots seen from a doctor's schedule, batched per request. */
export function appointmentLoaders(em: EntityManager) {
  const nextFree = new Map<string | undefined, DataLoader<Doctor, Slot | null>>();
  const around = new Map<string | undefined, DataLoader<string, VisitsAround>>();
  return {
    /**
     * A doctor's first free slot in the next {@link MAX_SLOT_WINDOW_DAYS} days (the directory's "next
     * available") as `viewer` sees it: a patient's own holds are free to them, as in `availableSlots`.
     */
    nextFreeSlot: (viewer: string | undefined): DataLoader<Doctor, Slot | null> => {
      let loader = nextFree.get(viewer);
      if (!loader) {
        loader = batchLoader<Doctor, Slot | null>(async (doctors) => {
          const now = new Date();
          const slots = await new SlotService(em).freeSlots(
            doctors,
            now,
            new Date(now.getTime() + MAX_SLOT_WINDOW_DAYS * DAY),
            now,
            viewer,
          );
          return doctors.map((d) => {
            const first = slots.get(d.id)?.[0];
            return first ? toSlot(first) : null;
          });
        });
        nextFree.set(viewer, loader);
      }
      return loader;
    },
    /**
     * Per patient id, their last completed visit and their next active one not yet over (one under
     * way counts), with `doctorId` only that doctor's: two parts of the request's round trip for a
     * page of patients, read rows (only read).
     */
    visitsAround: (doctorId: string | undefined): DataLoader<string, VisitsAround> => {
      let loader = around.get(doctorId);
      if (!loader) {
        loader = batchLoader<string, VisitsAround>(async (patientIds) => {
          const part = ({ where, direction }: (typeof VISITS)[keyof typeof VISITS]) => {
            const params = new PartParams();
            const patients = uuidIn(1, patientIds);
            params.values.push(patients.param);
            const doctor = doctorId ? ` and doctor_id = ${params.bind(doctorId, 'uuid')}` : '';
            return readTrip(em).load({
              sql: `select distinct on (patient_id) * from appointment
                    where patient_id ${patients.sql}${doctor} and ${where('appointment')}
                    order by patient_id, starts_at ${direction}, id ${direction}`,
              params: params.values,
            });
          };
          const [last, next] = await Promise.all([part(VISITS.last), part(VISITS.next)]);
          const reader = rowReader(em, Appointment);
          const read = (rows: typeof last) => rows.map((row) => readRow(em, reader, row));
          const patientOf = (appointment: Appointment) => appointment.patient.id;
          const lastOf = oneByKey(patientIds, read(last), patientOf);
          const nextOf = oneByKey(patientIds, read(next), patientOf);
          return patientIds.map((_, index) => ({ last: lastOf[index]!, next: nextOf[index]! }));
        });
        around.set(doctorId, loader);
      }
      return loader;
    },
    /**
     * When a doctor's coming active appointments (starting after now) take place: their ids and
     * times alone (a doctor may have hundreds), one part of the request's round trip.
     */
    comingTimes: batchLoader<string, ComingTime[]>(async (doctorIds) => {
      const doctors = uuidIn(1, doctorIds);
      const found = await readTrip(em).load({
        sql: `select id, doctor_id, ${EPOCH_MS('starts_at')}, ${EPOCH_MS('ends_at')}
              from appointment where doctor_id ${doctors.sql} and status = any($2::text[]) and starts_at > now()`,
        params: [doctors.param, [...ACTIVE_STATUSES]],
        order: 'p.starts_at, p.id',
      });
      return groupByKey(
        doctorIds,
        found.map((row) => ({ id: row['id'] as string, ...doctorTimeOf(row) })),
        (coming) => coming.doctorId,
      );
    }),
  };
}
