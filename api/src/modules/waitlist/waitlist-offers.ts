import type { EntityManager } from '@mikro-orm/postgresql';
import type { Settings } from '../../config/settings.js';
import { AppointmentEventKind } from '../appointments/appointment-event.type.js';
import type { ChangeDetails } from '../appointments/appointment-effects.js';
import type { Appointment } from '../appointments/appointment.entity.js';
import { ACTIVE_STATUSES } from '../appointments/appointment-status.js';
import { insertHold, lockDoctor } from '../appointments/slot-hold.service.js';
import { MAX_SLOT_WINDOW_DAYS, SlotService } from '../appointments/slot.service.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { overlaps, type TimeInterval } from '../doctors/weekly-slots.js';
import { waitlistOfferMessage } from '../notifications/messages.js';
import { NotificationKind } from '../notifications/notification.entity.js';
import { addNotification, enqueueSend } from '../notifications/notification.service.js';
import { Patient } from '../patients/patient.entity.js';
import { WaitlistStatus } from './waitlist-entry.entity.js';

const DAY = 86_400_000;
/** The most places considered per pass; the rest wait for the next freed slot. */
const BATCH = 200;

interface Candidate {
  id: string;
  patient_id: string;
  window_from: Date;
  window_to: Date;
}

/**
 * Ends the offers of this doctor that ran out (EXPIRED, their holds let go), then offers the
 * doctor's free slots to the patients waiting for them, first come first served: each place, in
 * the order it was taken, gets the earliest free slot inside its window (one offer per place, one
 * place per slot). An offer is a hold (`WAITLIST_OFFER_MINUTES`), an in-app notification and an
 * e-mail, all in the caller's transaction; the hold's `slot-freed` job at expiry runs this again,
 * passing the slot to the next patient.
 *
 * Race-free across processes: the doctor's row is locked first (`for no key update`, as for any
 * hold: bookings of the doctor wait, and so does any other pass for the doctor), then the waiting
 * places, in queue order, `for update` — without SKIP LOCKED, so a place another pass (for another
 * doctor of the same specialisation) is offering is waited for and re-read rather than jumped:
 * fairness over throughput. Every lock is taken doctor first, then places, so passes cannot
 * deadlock each other. Returns the number of offers made.
 */
async function offerFreeSlots(
  tx: EntityManager,
  settings: Pick<Settings, 'waitlistOfferMinutes'>,
  doctorId: string,
): Promise<number> {
  const active = await lockDoctor(tx, doctorId);
  await tx.execute(
    `with lapsed as (
       update waitlist_entry e set status = 'EXPIRED', updated_at = now()
         from slot_hold h
        where e.offer_hold_id = h.id and e.status = 'OFFERED' and h.doctor_id = ? and h.expires_at <= now()
       returning h.id)
     update slot_hold h set released_at = h.expires_at from lapsed where h.id = lapsed.id and h.released_at is null`,
    [doctorId],
  );
  if (!active) {
    return 0;
  }
  const doctor = await tx.findOneOrFail(Doctor, doctorId);
  const candidates = await tx.execute<Candidate[]>(
    `select e.id, e.patient_id, e.window_from, e.window_to from waitlist_entry e
      where e.status = 'WAITING' and e.window_to > now()
        and (e.doctor_id = ? or (e.doctor_id is null and e.specialization = ?))
      order by e.created_at, e.id
      limit ${BATCH}
      for update of e`,
    [doctorId, doctor.specialization],
  );
  if (candidates.length === 0) {
    return 0;
  }
  const now = new Date();
  const until = new Date(
    Math.min(
      Math.max(...candidates.map((candidate) => new Date(candidate.window_to).getTime())),
      now.getTime() + MAX_SLOT_WINDOW_DAYS * DAY,
    ),
  );
  const free = (await new SlotService(tx).freeSlots([doctor], now, until, now)).get(doctorId) ?? [];
  if (free.length === 0) {
    return 0;
  }
  const busy = await patientsBusy(
    tx,
    candidates.map((candidate) => candidate.patient_id),
    now,
    until,
  );
  let offers = 0;
  for (const candidate of candidates) {
    const from = new Date(candidate.window_from).getTime();
    const to = new Date(candidate.window_to).getTime();
    const index = free.findIndex(
      (slot) =>
        slot.startsAt.getTime() >= from &&
        slot.endsAt.getTime() <= to &&
        !(busy.get(candidate.patient_id) ?? []).some((taken) => overlaps(taken, slot)),
    );
    if (index < 0) {
      continue;
    }
    const [slot] = free.splice(index, 1);
    await offer(tx, settings, doctor, candidate, slot!);
    offers += 1;
    if (free.length === 0) {
      break;
    }
  }
  return offers;
}

/** Active appointments of these patients in [from, to): a slot they could not take is not offered. */
async function patientsBusy(
  tx: EntityManager,
  patientIds: readonly string[],
  from: Date,
  to: Date,
): Promise<Map<string, TimeInterval[]>> {
  const rows = await tx.execute<{ patient_id: string; starts_at: Date; ends_at: Date }[]>(
    `select a.patient_id, a.starts_at, a.ends_at from appointment a
      where a.patient_id = any(?::uuid[]) and a.status in (${ACTIVE_STATUSES.map(() => '?').join(',')})
        and a.starts_at < ? and a.ends_at > ?`,
    [`{${[...new Set(patientIds)].join(',')}}`, ...ACTIVE_STATUSES, to, from],
  );
  const busy = new Map<string, TimeInterval[]>();
  for (const row of rows) {
    const list = busy.get(row.patient_id) ?? [];
    list.push({ startsAt: new Date(row.starts_at), endsAt: new Date(row.ends_at) });
    busy.set(row.patient_id, list);
  }
  return busy;
}

/** One offer: the hold, the place marked OFFERED, the notification and its e-mail. */
async function offer(
  tx: EntityManager,
  settings: Pick<Settings, 'waitlistOfferMinutes'>,
  doctor: Doctor,
  candidate: Candidate,
  slot: TimeInterval,
): Promise<void> {
  const hold = await insertHold(tx, {
    doctorId: doctor.id,
    patientId: candidate.patient_id,
    slot,
    minutes: settings.waitlistOfferMinutes,
    waitlistEntryId: candidate.id,
  });
  await tx.execute(`update waitlist_entry set status = ?, offer_hold_id = ?, updated_at = now() where id = ?`, [
    WaitlistStatus.OFFERED,
    hold.id,
    candidate.id,
  ]);
  const patient = await tx.findOneOrFail(Patient, candidate.patient_id);
  const { title, body } = waitlistOfferMessage({ startsAt: slot.startsAt, doctor }, hold.expiresAt);
  const notification = await addNotification(tx, patient.user.id, {
    kind: NotificationKind.WAITLIST_OFFER,
    title,
    body,
  });
  enqueueSend(tx, notification.id);
}

/**
 * The one place freed time reaches the waitlist: every path that may give a doctor free time
 * ends here, in some transaction — an appointment cancelled or moved (to another time or
 * another doctor; in the change's own transaction, through `Context.offerFreedTime`), a place
 * that declined its offer, a new place joining, and through the `slot-freed` job new hours,
 * time off removed, a doctor reactivated, a hold let go or run out. Doctors are passed in id
 * order, so two passes over the same doctors lock them in the same order. Returns the offers made.
 */
export async function offerFreedTime(
  tx: EntityManager,
  settings: Pick<Settings, 'waitlistOfferMinutes'>,
  doctorIds: Iterable<string>,
): Promise<number> {
  let offers = 0;
  for (const doctorId of [...new Set(doctorIds)].sort()) {
    offers += await offerFreeSlots(tx, settings, doctorId);
  }
  return offers;
}

/**
 * The appointment follower: a booking that used an offer's hold (through acceptWaitlistOffer, or
 * bookAppointment by the same patient) marks the place BOOKED. (Time a change frees goes through
 * {@link offerFreedTime}.)
 */
export async function waitlistOnAppointmentChange(
  tx: EntityManager,
  appointment: Appointment,
  kind: AppointmentEventKind,
  details: ChangeDetails = {},
): Promise<void> {
  if (kind === AppointmentEventKind.BOOKED && details.usedHold !== false) {
    // Only a booking that used a hold can be an accepted offer.
    await tx.execute(
      `update waitlist_entry e set status = 'BOOKED', appointment_id = h.appointment_id, updated_at = now()
         from slot_hold h
        where h.appointment_id = ? and h.waitlist_entry_id = e.id and e.offer_hold_id = h.id and e.status = 'OFFERED'`,
      [appointment.id],
    );
  }
}
