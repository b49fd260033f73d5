import { Faker, base, en, faker } from '@faker-js/faker';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ACTIVE_STATUSES, AppointmentStatus, AppointmentType } from '../../modules/appointments/appointment-status.js';
import { scheduleAppointmentReminders } from '../../modules/notifications/reminders.js';
import { Appointment } from '../../modules/appointments/appointment.entity.js';
import { AvailabilityRule } from '../../modules/doctors/availability-rule.entity.js';
import { Doctor } from '../../modules/doctors/doctor.entity.js';
import { TimeOff } from '../../modules/doctors/time-off.entity.js';
import { overlaps, weeklySlots, type TimeInterval, type WeeklyRule } from '../../modules/doctors/weekly-slots.js';
import { hashPassword } from '../../modules/identity/password.js';
import { Role } from '../../modules/identity/role.js';
import { User } from '../../modules/identity/user.entity.js';
import { BLOOD_GROUPS } from '../../modules/patients/medical-history.types.js';
import { MedicalHistoryChange, MedicalHistoryPart } from '../../modules/patients/medical-history-change.entity.js';
import { Patient } from '../../modules/patients/patient.entity.js';
import { ERASURE_ANSWER_DAYS, ErasureRequest } from '../../modules/privacy/erasure-request.entity.js';
import { AccessAlert, AccessAlertRule, AccessAlertStatus } from '../../modules/privacy/access-alert.entity.js';
import { PrescriptionItem } from '../../modules/prescriptions/prescription-item.entity.js';
import { Prescription } from '../../modules/prescriptions/prescription.entity.js';
import { RepeatRequest } from '../../modules/prescriptions/repeat-request.entity.js';
import { MedicalRecordVersion } from '../../modules/records/medical-record-version.entity.js';
import { MedicalRecord } from '../../modules/records/medical-record.entity.js';
import { RecordType } from '../../modules/records/record.types.js';
import * as vocabulary from './clinical-vocabulary.js';
import {
  ageOn,
  diagnosesFor,
  prescriptionFor,
  visitDiagnosis,
  visitVitals,
  visitWeight,
  vitalsBaseline,
  weightedPicker,
  type DemoPatient,
  type VitalsBaseline,
} from './demo-clinical.js';
import { LONGEST_COURSE_DAYS, type Diagnosis } from './demo-diagnoses.js';
import { DIABETES_CARE, seedLabs, type DemoLabCounts } from './demo-labs.js';
import { seedPartners, type DemoPartnerCounts } from './demo-partners.js';
import { seedMessages, type DemoMessageCounts } from './demo-messages.js';
import { seedBilling, seedOrganisation, type DemoBillingCounts } from './demo-organisation.js';

/** Accounts the README lists; every other demo user signs in with DEMO_PASSWORD. */
export const DEMO_ACCOUNTS = {
  doctor: { email: 'doctor@clinic.test', password: 'doctor-password-1' },
  patient: { email: 'patient@clinic.test', password: 'patient-password-1' },
} as const;
export const DEMO_PASSWORD = 'demo-password-1';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The share of new problems, up to today, seen as an urgent visit booked the same day. */
const URGENT_SHARE = 0.1;
/** How far ahead an urgent visit can still be seeded: booked at most ten minutes ago, within a day of it. */
const URGENT_AHEAD_MS = 12 * HOUR;
/** The share of the demo doctor's slots booked in the week either side of today. */
const BUSY_WEEK_SHARE = 0.75;
const SEED = 20_260_302;
/** The visits' clinical choices draw from a generator of their own (see demo-clinical.ts). */
const CLINICAL_SEED = 20_261_206;
/**
 * How many times more often than another patient with the same conditions the demo patient books:
 * some 15 to 25 past visits in the window, most to the specialties that treat their diabetes and
 * blood pressure, so that their portal has a history and their lists more than a page.
 */
const DEMO_PATIENT_VISITS = 8;
/** The demo patient's visits still to come, at most: a patient has a few booked, not a diary of them. */
const DEMO_PATIENT_UPCOMING = 3;
/** The demo patient's long-term conditions: their lab results follow a diabetes treated since the summer. */
const DEMO_PATIENT_CONDITIONS = ['Type 2 diabetes mellitus', 'Hypertension'];
/** Type 2 diabetes mellitus (ICD-10), the demo patient's condition their reviews are about. */
const DIABETES_CODE = 'E11.9';
/** How long before seeding the demo patient's diabetes review at the latest: its results are in. */
const REVIEW_RESULTED_MS = 7 * DAY;

export interface DemoSize {
  doctors: number;
  patients: number;
  /** The share of the past's slots that were booked (cancellations and no-shows included). */
  pastBooked: number;
  /**
   * The share of the slots booked at the window's far end: bookings thin out from `pastBooked`
   * today to this, as in a clinic where most visits are booked a few weeks ahead.
   */
  farBooked: number;
  /** Days before and after today the appointments cover. */
  windowDays: number;
}

/** A clinic about as busy as a real one: two thirds of its hours booked, some 3,000 patients. */
export const DEFAULT_DEMO_SIZE: DemoSize = {
  doctors: 14,
  patients: 3000,
  pastBooked: 0.68,
  farBooked: 0.12,
  windowDays: 60,
};

export interface DemoCounts extends DemoBillingCounts, DemoLabCounts, DemoMessageCounts, DemoPartnerCounts {
  doctors: number;
  patients: number;
  appointments: number;
  medicalRecords: number;
  prescriptions: number;
  repeatRequests: number;
  historyChanges: number;
  erasureRequests: number;
  accessAlerts: number;
}

/** True when the database holds no clinic data yet (an admin account alone counts as empty). */
export async function isDatabaseEmpty(em: EntityManager): Promise<boolean> {
  return (await em.count(Patient)) === 0 && (await em.count(Doctor)) === 0;
}

function weeklyRulesFor(index: number): WeeklyRule[] {
  const slotMinutes = [30, 20, 30, 15, 30, 45][index % 6] ?? 30;
  const rules: WeeklyRule[] = [];
  for (let weekday = 1; weekday <= 5; weekday += 1) {
    if (index % 4 === 1 && weekday === 3) {
      continue; // some doctors keep Wednesdays free
    }
    if (index % 3 === 0) {
      rules.push({ weekday, startTime: '08:00', endTime: '12:00', slotMinutes });
      rules.push({ weekday, startTime: '13:00', endTime: '16:00', slotMinutes });
    } else {
      rules.push({ weekday, startTime: '09:00', endTime: '17:00', slotMinutes });
    }
  }
  if (index % 5 === 2) {
    rules.push({ weekday: 6, startTime: '09:00', endTime: '12:00', slotMinutes });
  }
  return rules;
}

function calendarDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Fills the database with a clinic that looks real: doctors across specialisations with weekly
 * availability and time off, patients with medical history, appointments over the past and next
 * `windowDays` days in every status (never outside availability, never overlapping; checked in only
 * once a visit's check-in has opened), and records and prescriptions for completed visits.
 * Deterministic for a given day (fixed faker seed).
 */
export async function seedDemoData(
  em: EntityManager,
  options: {
    bcryptCost: number;
    size?: DemoSize;
    now?: Date;
    /** How long before its start a visit can be checked in (the API's `CHECK_IN_EARLIEST_MINUTES`). */
    checkInEarliestMinutes?: number;
  },
): Promise<DemoCounts> {
  const size = options.size ?? DEFAULT_DEMO_SIZE;
  const now = options.now ?? new Date();
  faker.seed(SEED);
  const clinic = new Faker({ locale: [en, base], seed: CLINICAL_SEED });
  const [demoHash, doctorHash, patientHash] = await Promise.all([
    hashPassword(DEMO_PASSWORD, options.bcryptCost),
    hashPassword(DEMO_ACCOUNTS.doctor.password, options.bcryptCost),
    hashPassword(DEMO_ACCOUNTS.patient.password, options.bcryptCost),
  ]);

  return em.transactional(async (tx) => {
    const windowStart = new Date(Math.floor(now.getTime() / DAY) * DAY - size.windowDays * DAY);
    const windowEnd = new Date(Math.floor(now.getTime() / DAY) * DAY + (size.windowDays + 1) * DAY);

    const organisation = await seedOrganisation(tx);
    const doctors = Array.from({ length: size.doctors }, (_, index) => {
      const firstName = faker.person.firstName();
      const lastName = faker.person.lastName();
      const email =
        index === 0
          ? DEMO_ACCOUNTS.doctor.email
          : `${firstName}.${lastName}.${index}@clinic.test`.toLowerCase().replace(/[^a-z0-9.@-]/g, '');
      const user = tx.create(User, {
        email,
        passwordHash: index === 0 ? doctorHash : demoHash,
        role: Role.DOCTOR,
        emailVerifiedAt: new Date(),
      });
      const specialization = vocabulary.SPECIALIZATIONS[index % vocabulary.SPECIALIZATIONS.length]!;
      const doctor = tx.create(Doctor, {
        user,
        firstName,
        lastName,
        specialization,
        licenseNumber: `LIC-${String(100_000 + index * 7_919).padStart(6, '0')}`,
        timezone: index === 0 ? 'Europe/Berlin' : faker.helpers.arrayElement(vocabulary.TIMEZONES),
        department: organisation.departmentOf(specialization),
        feeAmount: `${faker.number.int({ min: 6, max: 30 }) * 5}.00`,
        feeCurrency: organisation.departmentOf(specialization).hospital.getEntity().currency,
        bio: `${faker.person.bio()}. ${faker.number.int({ min: 3, max: 30 })} years in practice.`,
        qualifications: faker.helpers.arrayElements(vocabulary.QUALIFICATIONS, { min: 1, max: 3 }),
      });
      const rules = weeklyRulesFor(index);
      for (const rule of rules) {
        tx.create(AvailabilityRule, { doctor, ...rule });
      }
      const timeOff: TimeInterval[] = [];
      if (index % 4 === 2) {
        const startsAt = new Date(windowStart.getTime() + (size.windowDays + 20 + index) * DAY);
        timeOff.push({ startsAt, endsAt: new Date(startsAt.getTime() + 3 * DAY) });
      }
      if (index % 5 === 3) {
        const startsAt = new Date(windowStart.getTime() + 15 * DAY);
        timeOff.push({ startsAt, endsAt: new Date(startsAt.getTime() + 2 * DAY) });
      }
      for (const period of timeOff) {
        tx.create(TimeOff, { doctor, ...period, reason: 'Leave' });
      }
      if (index === 0) {
        // The demo doctor's calendar shows an afternoon of training next week.
        const startsAt = new Date(windowStart.getTime() + (size.windowDays + 8) * DAY + 11 * HOUR);
        const training = { startsAt, endsAt: new Date(startsAt.getTime() + 4 * HOUR) };
        timeOff.push(training);
        tx.create(TimeOff, { doctor, ...training, reason: 'Training' });
      }
      const slots = weeklySlots(rules, doctor.timezone, windowStart, windowEnd).filter(
        (slot) => !timeOff.some((period) => overlaps(slot, period)),
      );
      return { doctor, slots, demo: index === 0 };
    });

    const facts = new Map<Patient, DemoPatient>();
    const patients = Array.from({ length: size.patients }, (_, index) => {
      const sex = faker.person.sexType();
      const firstName = faker.person.firstName(sex);
      const lastName = faker.person.lastName();
      const email =
        index === 0
          ? DEMO_ACCOUNTS.patient.email
          : `${firstName}.${lastName}.${index}@example.com`.toLowerCase().replace(/[^a-z0-9.@-]/g, '');
      const user = tx.create(User, {
        email,
        passwordHash: index === 0 ? patientHash : demoHash,
        role: Role.PATIENT,
        emailVerifiedAt: new Date(),
      });
      const dateOfBirth = calendarDate(faker.date.birthdate({ min: 1, max: 92, mode: 'age', refDate: now }));
      const age = ageOn(dateOfBirth, now);
      const conditions =
        index === 0
          ? vocabulary.CHRONIC_CONDITIONS.filter((c) => DEMO_PATIENT_CONDITIONS.includes(c.condition))
          : faker.helpers.arrayElements(
              vocabulary.CHRONIC_CONDITIONS.filter((c) => age >= c.minAge),
              { min: 0, max: age < 18 ? 1 : 2 },
            );
      const surgeries = vocabulary.SURGERIES.filter(
        (procedure) => procedure !== 'Cesarean section' || (sex === 'female' && age >= 20),
      );
      const patient = tx.create(Patient, {
        user,
        firstName,
        lastName,
        dateOfBirth,
        gender: sex === 'female' ? 'female' : 'male',
        phone: faker.phone.number({ style: 'international' }),
        address: `${faker.location.streetAddress()}, ${faker.location.zipCode()} ${faker.location.city()}`,
        bloodGroup: faker.helpers.arrayElement(BLOOD_GROUPS),
        allergies: faker.helpers.arrayElements(vocabulary.ALLERGIES, { min: 0, max: 2 }),
        chronicConditions: conditions.map((c) => c.condition),
        currentMedications: conditions.map((c) => c.medication),
        surgeries:
          faker.number.float() < 0.3
            ? [
                {
                  procedure: faker.helpers.arrayElement(surgeries),
                  // After birth: a child's operation is within their years.
                  date: calendarDate(faker.date.past({ years: Math.min(15, Math.max(age, 1)), refDate: now })),
                },
              ]
            : [],
        familyHistory: faker.helpers
          .arrayElements(vocabulary.FAMILY_CONDITIONS, { min: 0, max: 2 })
          .map((condition) => ({ relation: faker.helpers.arrayElement(vocabulary.RELATIONS), condition })),
        emergencyContacts: [
          {
            name: faker.person.fullName(),
            relationship:
              age < 18
                ? 'Parent'
                : // One draw either way (the seed's sequence stays); past 55, a parent is unlikely to be the one called.
                  faker.helpers.arrayElement(
                    age < 55
                      ? ['Spouse', 'Parent', 'Sibling', 'Friend', 'Child']
                      : ['Spouse', 'Child', 'Sibling', 'Friend'],
                  ),
            phone: faker.phone.number({ style: 'international' }),
          },
        ],
        insurance: faker.helpers.maybe(
          () => ({
            provider: faker.helpers.arrayElement(vocabulary.INSURERS),
            policyNumber: faker.string.alphanumeric({ length: 10, casing: 'upper' }),
            groupNumber: faker.string.numeric(6),
            validUntil: calendarDate(faker.date.future({ years: 3, refDate: now })),
          }),
          { probability: 0.85 },
        ),
      });
      facts.set(patient, {
        age,
        sex: sex === 'female' ? 'female' : 'male',
        allergies: patient.allergies,
        conditions: conditions.map((c) => c.code),
      });
      return patient;
    });

    /** The chance a slot is booked: the past's share, thinning out towards the window's end. */
    const bookedShare = (startsAt: Date): number => {
      const ahead = Math.min(1, Math.max(0, (startsAt.getTime() - now.getTime()) / (size.windowDays * DAY)));
      return size.pastBooked + (size.farBooked - size.pastBooked) * ahead;
    };
    const busy = new Map<Patient, TimeInterval[]>();
    // The demo patient's diabetes is followed: their last review with the doctor who treats it, at
    // least a week ago (its lab results in), is theirs whatever the dice say, so the HbA1c series
    // (demo-labs.ts) always has a visit to hang on.
    const demoPatient = patients[0];
    const diabetesReview = DIABETES_CARE.map((specialty) =>
      doctors.find(({ doctor }) => doctor.specialization === specialty),
    )
      .find((entry) => entry !== undefined)
      ?.slots.filter((slot) => slot.endsAt.getTime() <= now.getTime() - REVIEW_RESULTED_MS)
      .at(-1);
    if (demoPatient && diabetesReview) {
      busy.set(demoPatient, [diabetesReview]);
    }
    let upcomingOfDemoPatient = 0;
    const appointments: Appointment[] = [];
    /** What each visit is about: its reason when booked, its diagnosis when completed. */
    const planned = new Map<Appointment, Diagnosis>();
    for (const { doctor, slots, demo } of doctors) {
      // A paediatrician sees children, a gynaecologist women: each doctor the patients their specialty sees.
      const seen = patients.filter((patient) => diagnosesFor(doctor.specialization, facts.get(patient)!).length > 0);
      if (seen.length === 0) {
        continue; // a clinic too small to have anyone this specialty sees
      }
      // Patients with a condition the specialty treats come back most; the demo patient most of all.
      const nextPatient = weightedPicker(
        faker,
        seen.map((patient) => ({
          value: patient,
          weight:
            visitWeight(doctor.specialization, facts.get(patient)!) *
            (patient === patients[0] ? DEMO_PATIENT_VISITS : 1), // patients[0]: the demo patient
        })),
      );
      for (const slot of slots) {
        // The demo doctor's week around today is as full as a working clinic's.
        const crowded = demo && Math.abs(slot.startsAt.getTime() - now.getTime()) < 7 * DAY;
        const demoReview = slot === diabetesReview;
        if (
          !demoReview &&
          faker.number.float() >=
            (crowded ? Math.max(BUSY_WEEK_SHARE, bookedShare(slot.startsAt)) : bookedShare(slot.startsAt))
        ) {
          continue;
        }
        const patient = demoReview ? demoPatient! : nextPatient();
        const demoUpcoming = patient === patients[0] && slot.startsAt > now;
        if (demoUpcoming && upcomingOfDemoPatient >= DEMO_PATIENT_UPCOMING) {
          continue;
        }
        // Seen by the specialty on the visit's day too (a 17-year-old turning 18 leaves paediatrics).
        if (
          diagnosesFor(doctor.specialization, {
            ...facts.get(patient)!,
            age: ageOn(patient.dateOfBirth, slot.startsAt),
          }).length === 0
        ) {
          continue;
        }
        const taken = busy.get(patient) ?? [];
        if (!demoReview) {
          if (taken.some((other) => overlaps(other, slot))) {
            continue;
          }
          taken.push(slot);
          busy.set(patient, taken);
        }
        const status = demoReview
          ? AppointmentStatus.COMPLETED
          : slot.endsAt <= now
            ? faker.helpers.weightedArrayElement([
                { weight: 72, value: AppointmentStatus.COMPLETED },
                { weight: 10, value: AppointmentStatus.NO_SHOW },
                { weight: 18, value: AppointmentStatus.CANCELLED },
              ])
            : slot.startsAt <= now
              ? AppointmentStatus.CHECKED_IN
              : faker.helpers.weightedArrayElement([
                  // Most upcoming visits are confirmed; a few requests wait for the doctor.
                  { weight: 10, value: AppointmentStatus.REQUESTED },
                  { weight: 78, value: AppointmentStatus.CONFIRMED },
                  { weight: 12, value: AppointmentStatus.CANCELLED },
                ]);
        const about = facts.get(patient)!;
        const diagnosis = demoReview
          ? diagnosesFor(doctor.specialization, about).find((d) => d.code === DIABETES_CODE)!
          : visitDiagnosis(clinic, doctor.specialization, about)!;
        // A review of a long-term condition is a follow-up; now and then a new problem is urgent,
        // booked a few hours before (never a day ahead: one starting later than 12 hours from now
        // would have been booked more than a day before it, as the seed books no later than now).
        const review = about.conditions.includes(diagnosis.code);
        const urgent =
          !review &&
          !diagnosis.code.startsWith('Z00') &&
          slot.startsAt.getTime() < now.getTime() + URGENT_AHEAD_MS &&
          faker.number.float() < URGENT_SHARE;
        const bookedAt = urgent
          ? new Date(
              Math.min(slot.startsAt.getTime() - faker.number.int({ min: 1, max: 4 }) * HOUR, now.getTime() - 600_000),
            )
          : new Date(Math.min(slot.startsAt.getTime(), now.getTime()) - faker.number.int({ min: 1, max: 20 }) * DAY);
        const appointment = tx.create(Appointment, {
          patient,
          doctor,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          status,
          type: review ? AppointmentType.FOLLOW_UP : urgent ? AppointmentType.EMERGENCY : AppointmentType.REGULAR,
          reason: diagnosis.reason,
          ...(status === AppointmentStatus.CANCELLED
            ? { cancellationReason: faker.helpers.arrayElement(vocabulary.CANCELLATION_REASONS) }
            : {}),
          bookedBy: patient.user,
          ...(status === AppointmentStatus.REQUESTED
            ? {}
            : { statusChangedAt: new Date(Math.min(slot.startsAt.getTime(), now.getTime())) }),
          createdAt: bookedAt,
          updatedAt: bookedAt,
        });
        appointments.push(appointment);
        planned.set(appointment, diagnosis);
        upcomingOfDemoPatient += demoUpcoming ? 1 : 0;
      }
    }
    // A patient already in the waiting room when no visit is under way: the next confirmed visit, if
    // its check-in has opened. Seeded at night, when no one can have arrived yet, no one has.
    const checkInOpensUntil = now.getTime() + (options.checkInEarliestMinutes ?? 60) * 60_000;
    if (!appointments.some((a) => a.status === AppointmentStatus.CHECKED_IN)) {
      const next = appointments
        .filter((a) => a.status === AppointmentStatus.CONFIRMED && a.startsAt.getTime() <= checkInOpensUntil)
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
      if (next) {
        next.status = AppointmentStatus.CHECKED_IN;
      }
    }

    // Upcoming visits get their reminders, as booked ones do.
    for (const appointment of appointments) {
      if (ACTIVE_STATUSES.includes(appointment.status) && appointment.startsAt > now) {
        scheduleAppointmentReminders(tx, appointment, now);
      }
    }

    let medicalRecords = 0;
    let prescriptions = 0;
    const issued: Prescription[] = [];
    const baselines = new Map<Patient, VitalsBaseline>();
    /** Each patient's prescribed courses, for the safety check of the next prescription. */
    const courses = new Map<Patient, { prescriptionId: string; medication: string; from: number; until: number }[]>();
    for (const appointment of appointments) {
      if (appointment.status !== AppointmentStatus.COMPLETED) {
        continue;
      }
      const doctor = appointment.doctor.getEntity();
      const patient = appointment.patient.getEntity();
      const about = facts.get(patient)!;
      const diagnosis = planned.get(appointment)!;
      // A long-term condition this specialty treats is noted too, now and then, beside an acute problem.
      const alongside = diagnosesFor(doctor.specialization, about).find(
        (other) => other !== diagnosis && about.conditions.includes(other.code),
      );
      const diagnoses = alongside && clinic.number.float() < 0.3 ? [diagnosis, alongside] : [diagnosis];
      let baseline = baselines.get(patient);
      if (!baseline) {
        baseline = vitalsBaseline(clinic, about);
        baselines.set(patient, baseline);
      }
      const content = {
        type: RecordType.CONSULTATION,
        recordedAt: appointment.endsAt,
        diagnoses: diagnoses.map(({ code, description }) => ({ code, description })),
        symptoms: [...new Set(diagnoses.flatMap((d) => d.symptoms))],
        vitals: visitVitals(clinic, baseline, diagnosis),
        notes: clinic.helpers.arrayElement(
          vocabulary.NOTE_TEMPLATES[
            diagnosis.code.startsWith('Z00')
              ? 'checkUp'
              : about.conditions.includes(diagnosis.code)
                ? 'review'
                : 'acute'
          ],
        ),
        ...(faker.number.float() < 0.3
          ? { followUpDate: calendarDate(new Date(appointment.endsAt.getTime() + 28 * DAY)) }
          : {}),
      };
      const record = tx.create(MedicalRecord, {
        ...content,
        patient,
        doctor,
        appointment,
        createdAt: appointment.endsAt,
        updatedAt: appointment.endsAt,
      });
      tx.create(MedicalRecordVersion, {
        ...content,
        record,
        author: doctor,
        version: 1,
        createdAt: appointment.endsAt,
        updatedAt: appointment.endsAt,
      });
      if (faker.number.float() < 0.08) {
        const amendedAt = new Date(appointment.endsAt.getTime() + DAY);
        const amended = { ...content, notes: `${content.notes} Addendum: results reviewed, no change to the plan.` };
        record.notes = amended.notes;
        record.version = 2;
        tx.create(MedicalRecordVersion, {
          ...amended,
          record,
          author: doctor,
          version: 2,
          amendmentReason: 'Added lab review',
          createdAt: amendedAt,
          updatedAt: amendedAt,
        });
      }
      medicalRecords += 1;

      const issuedAt = appointment.endsAt.getTime();
      const taken = courses.get(patient) ?? [];
      // Any course that may overlap the new one's (at most the formulary's longest) counts as active.
      const active = taken.filter(
        (course) => course.from < issuedAt + LONGEST_COURSE_DAYS * DAY && course.until > issuedAt,
      );
      const items = clinic.number.float() < 0.85 ? prescriptionFor(clinic, diagnosis, about, active) : [];
      if (items.length > 0) {
        const longest = Math.max(...items.map((item) => item.durationDays));
        const prescription = tx.create(Prescription, {
          patient,
          doctor,
          appointment,
          issuedAt: appointment.endsAt,
          completesAt: new Date(appointment.endsAt.getTime() + longest * DAY),
          createdAt: appointment.endsAt,
          updatedAt: appointment.endsAt,
        });
        items.forEach((item, position) => {
          tx.create(PrescriptionItem, { ...item, prescription, position });
          taken.push({
            prescriptionId: prescription.id,
            medication: item.medication,
            from: issuedAt,
            until: issuedAt + item.durationDays * DAY,
          });
        });
        courses.set(patient, taken);
        prescriptions += 1;
        issued.push(prescription);
      }
    }
    const repeatRequests = seedRepeatRequests(tx, issued, doctors[0]?.doctor, now);

    const admin = await tx.findOne(User, { role: Role.ADMIN }, { orderBy: { createdAt: 'asc' } });
    const billing = seedBilling(tx, organisation, patients, appointments, admin ?? undefined, now, facts);
    const labs = seedLabs(tx, appointments, demoPatient?.id, now);
    const messages = seedMessages(tx, appointments, { doctor: doctors[0]?.doctor, patient: demoPatient }, now);
    const partners = seedPartners(tx, patients, demoPatient, now);
    const historyChanges = demoPatient ? seedHistoryChanges(tx, demoPatient, appointments, now) : 0;
    const erasureRequests = seedErasureRequests(tx, patients, demoPatient, now);
    const accessAlerts = seedAccessAlerts(
      tx,
      doctors.map((entry) => entry.doctor),
      patients.filter((patient) => patient !== demoPatient),
      admin ?? undefined,
      now,
    );
    return {
      ...billing,
      ...labs,
      ...messages,
      ...partners,
      doctors: doctors.length,
      patients: patients.length,
      appointments: appointments.length,
      medicalRecords,
      prescriptions,
      repeatRequests,
      historyChanges,
      erasureRequests,
      accessAlerts,
    };
  });
}

/**
 * Access alerts for the console (never about the demo doctor, who signs in): two waiting for a
 * review — a doctor who read many more charts in the last hour than ever before, another who broke
 * the glass three times in a day — and one a month old, dismissed with what explained it.
 */
function seedAccessAlerts(
  tx: EntityManager,
  doctors: readonly Doctor[],
  patients: readonly Patient[],
  admin: User | undefined,
  now: Date,
): number {
  const [, wide, glass, explained] = doctors;
  if (!wide || !glass || !explained || patients.length < 64) {
    return 0;
  }
  const HOUR = 3_600_000;
  const alerts = [
    { doctor: wide, rule: AccessAlertRule.MANY_CHARTS, count: 64, usual: 11, endsAgo: 0.2 * HOUR, hours: 1 },
    { doctor: glass, rule: AccessAlertRule.REPEATED_EMERGENCY_ACCESS, count: 3, usual: null, endsAgo: HOUR, hours: 24 },
    { doctor: explained, rule: AccessAlertRule.MANY_CHARTS, count: 48, usual: 9, endsAgo: 30 * DAY, hours: 1 },
  ];
  alerts.forEach(({ doctor, rule, count, usual, endsAgo, hours }, index) => {
    const windowEnd = new Date(now.getTime() - endsAgo);
    const alert = tx.create(AccessAlert, {
      rule,
      actorId: doctor.user.id,
      actorRole: Role.DOCTOR,
      actorName: `Dr ${doctor.firstName} ${doctor.lastName}`,
      windowStart: new Date(windowEnd.getTime() - hours * HOUR),
      windowEnd,
      patientCount: count,
      usualCount: usual,
      patientIds: patients.slice(index * 3, index * 3 + count).map((patient) => patient.id),
      createdAt: windowEnd,
    });
    if (doctor === explained && admin) {
      alert.status = AccessAlertStatus.DISMISSED;
      alert.reviewedAt = new Date(windowEnd.getTime() + 2 * HOUR);
      alert.reviewedBy = tx.getReference(User, admin.id, { wrapped: true });
      alert.note = 'Quarterly review of the diabetes clinic’s patients, agreed with the head of department.';
    }
  });
  return alerts.length;
}

/**
 * Two patients (never the demo patient) asked to close their accounts: one a few days ago, one
 * nearly a month ago and due in three days, so the console's privacy requests show what is urgent.
 */
function seedErasureRequests(
  tx: EntityManager,
  patients: readonly Patient[],
  demoPatient: Patient | undefined,
  now: Date,
): number {
  const askers = patients.filter((patient) => patient !== demoPatient).slice(-2);
  const asked = [
    { daysAgo: 27, reason: 'I have moved to another country and will not come back.' },
    { daysAgo: 4, reason: null },
  ];
  askers.forEach((patient, index) => {
    const { daysAgo, reason } = asked[index]!;
    const createdAt = new Date(now.getTime() - daysAgo * DAY);
    tx.create(ErasureRequest, {
      patient,
      reason,
      createdAt,
      dueAt: new Date(createdAt.getTime() + ERASURE_ANSWER_DAYS * DAY),
    });
  });
  return askers.length;
}

/**
 * The demo patient's medical history as it came to be: their doctor added the hypertension and its
 * medicine at their last visit, and they added their newest allergy themself a fortnight ago — so
 * the chart's and the profile's change logs have something to show, ending where the history is.
 */
function seedHistoryChanges(
  tx: EntityManager,
  patient: Patient,
  appointments: readonly Appointment[],
  now: Date,
): number {
  const lastVisit = appointments
    .filter((a) => a.patient.id === patient.id && a.status === AppointmentStatus.COMPLETED)
    .sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime())[0];
  const changes: {
    part: MedicalHistoryPart;
    previous: readonly string[];
    current: readonly string[];
    changedBy: User;
    changedByRole: Role;
    changedAt: Date;
  }[] = [];
  if (lastVisit && patient.chronicConditions.length > 1 && patient.currentMedications.length > 1) {
    const doctor = lastVisit.doctor.getEntity();
    const at = lastVisit.endsAt;
    // Conditions and medicines come in pairs (one medicine per condition, in the same order).
    const found = patient.chronicConditions.indexOf('Hypertension');
    const added = found >= 0 ? found : patient.chronicConditions.length - 1;
    for (const [part, value] of [
      [MedicalHistoryPart.CHRONIC_CONDITIONS, patient.chronicConditions],
      [MedicalHistoryPart.CURRENT_MEDICATIONS, patient.currentMedications],
    ] as const) {
      changes.push({
        part,
        previous: value.filter((_, index) => index !== added),
        current: value,
        changedBy: doctor.user.getEntity(),
        changedByRole: Role.DOCTOR,
        changedAt: at,
      });
    }
  }
  if (patient.allergies.length > 0) {
    changes.push({
      part: MedicalHistoryPart.ALLERGIES,
      previous: patient.allergies.slice(0, -1),
      current: patient.allergies,
      changedBy: patient.user.getEntity(),
      changedByRole: Role.PATIENT,
      changedAt: new Date(now.getTime() - 14 * DAY),
    });
  }
  for (const change of changes) {
    tx.create(MedicalHistoryChange, { ...change, patient, createdAt: change.changedAt, updatedAt: change.changedAt });
  }
  return changes.length;
}

const REPEAT_NOTES = [
  'I will run out at the end of the week.',
  null,
  'Working well, no side effects. Could I have the same again?',
] as const;

/**
 * Three patients of the demo doctor asking for a repeat of their latest course from them, hours
 * ago: the Today page's "Repeat requests" has something to answer.
 */
function seedRepeatRequests(
  tx: EntityManager,
  issued: readonly Prescription[],
  doctor: Doctor | undefined,
  now: Date,
): number {
  const asking = new Set<string>();
  const chosen: Prescription[] = [];
  for (const prescription of [...issued].reverse()) {
    const patientId = prescription.patient.id;
    if (prescription.doctor.id === doctor?.id && !asking.has(patientId) && chosen.length < REPEAT_NOTES.length) {
      asking.add(patientId);
      chosen.push(prescription);
    }
  }
  chosen.forEach((prescription, index) => {
    const at = new Date(now.getTime() - (index + 1) * 3 * 3_600_000);
    tx.create(RepeatRequest, {
      prescription,
      patient: prescription.patient,
      doctor: prescription.doctor,
      note: REPEAT_NOTES[index] ?? undefined,
      createdAt: at,
      updatedAt: at,
    });
  });
  return chosen.length;
}
