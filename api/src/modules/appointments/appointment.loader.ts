import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { batchLoader, groupByKey } from '../../shared/batch.js';
import { readTrip, uuidIn } from '../../shared/one-trip.js';
import type { TimeInterval } from '../doctors/weekly-slots.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import { ACTIVE_STATUSES } from './appointment-status.js';
import { doctorTimeOf, EPOCH_MS, MAX_SLOT_WINDOW_DAYS, SlotService } from './slot.service.js';
import { toSlot, type Slot } from './slot.type.js';

const DAY = 86_400_000;

/** When one coming appointment takes place. */
export interface ComingTime extends TimeInterval {
  readonly id: string;
  readonly doctorId: string;
}

/** Appointments and free slots seen from a doctor's schedule, batched per request. */
export function appointmentLoaders(em: EntityManager) {
  const nextFree = new Map<string | undefined, DataLoader<Doctor, Slot | null>>();
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
