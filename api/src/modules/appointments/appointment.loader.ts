import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader } from '../../shared/batch.js';
import { AvailabilityRule } from '../doctors/availability-rule.entity.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import { weeklySlots } from '../doctors/weekly-slots.js';
import { ACTIVE_STATUSES } from './appointment-status.js';
import { Appointment } from './appointment.entity.js';
import { MAX_SLOT_WINDOW_DAYS, SlotService } from './slot.service.js';
import { toSlot, type Slot } from './slot.type.js';

const DAY = 86_400_000;

/** Appointments and free slots seen from a doctor's schedule, batched per request. */
export function appointmentLoaders(em: EntityManager) {
  return {
    /** A doctor's first free slot in the next weeks (the directory's "next available"). */
    nextFreeSlot: batchLoader<Doctor, Slot | null>(async (doctors) => {
      const now = new Date();
      const slots = await new SlotService(em).freeSlots(
        doctors,
        now,
        new Date(now.getTime() + MAX_SLOT_WINDOW_DAYS * DAY),
        now,
      );
      return doctors.map((d) => {
        const first = slots.get(d.id)?.[0];
        return first ? toSlot(first) : null;
      });
    }),
    /** Upcoming active appointments the doctor's weekly rules no longer cover. */
    outsideAvailability: batchLoader<Doctor, Appointment[]>(async (doctors) => {
      const ids = doctors.map((d) => d.id);
      const [rules, upcoming] = await Promise.all([
        em.find(AvailabilityRule, { doctor: { $in: ids } }),
        em.find(
          Appointment,
          { doctor: { $in: ids }, status: { $in: [...ACTIVE_STATUSES] }, startsAt: { $gt: new Date() } },
          { orderBy: { startsAt: 'asc' } },
        ),
      ]);
      return doctors.map((d) => {
        const own = rules.filter((rule) => rule.doctor.id === d.id);
        return upcoming.filter(
          (appointment) =>
            appointment.doctor.id === d.id &&
            !weeklySlots(
              own,
              d.timezone,
              new Date(appointment.startsAt.getTime() - DAY),
              new Date(appointment.endsAt.getTime() + DAY),
            ).some(
              (slot) =>
                slot.startsAt.getTime() === appointment.startsAt.getTime() &&
                slot.endsAt.getTime() === appointment.endsAt.getTime(),
            ),
        );
      });
    }),
  };
}
