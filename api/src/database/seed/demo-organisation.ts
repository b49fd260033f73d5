import { faker } from '@faker-js/faker';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { AppointmentStatus } from '../../modules/appointments/appointment-status.js';
import type { Appointment } from '../../modules/appointments/appointment.entity.js';
import { ClaimStatus, PaymentMethod } from '../../modules/billing/billing.types.js';
import { ClaimChange } from '../../modules/billing/claim-change.entity.js';
import { InsuranceClaim } from '../../modules/billing/insurance-claim.entity.js';
import { claimPaymentReference, InsurancePolicy } from '../../modules/billing/insurance-policy.entity.js';
import { InvoiceCounter } from '../../modules/billing/invoice-counter.entity.js';
import { InvoiceLine } from '../../modules/billing/invoice-line.entity.js';
import { Invoice } from '../../modules/billing/invoice.entity.js';
import { Payment } from '../../modules/billing/payment.entity.js';
import type { User } from '../../modules/identity/user.entity.js';
import { Admission } from '../../modules/organisation/admission.entity.js';
import { Bed, BedStatus } from '../../modules/organisation/bed.entity.js';
import {
  DEFAULT_DEPARTMENT_ID,
  DEFAULT_HOSPITAL_ID,
  Department,
} from '../../modules/organisation/department.entity.js';
import { Hospital } from '../../modules/organisation/hospital.entity.js';
import type { Patient } from '../../modules/patients/patient.entity.js';
import { fromMinor, toMinor } from '../../shared/money.js';
import { ageOn, fits, type DemoPatient } from './demo-clinical.js';
import { ADMISSION_REASONS } from './demo-diagnoses.js';

const DAY = 86_400_000;

/** Two hospitals; each specialisation belongs to one department of one of them. */
const SITES = [
  {
    id: DEFAULT_HOSPITAL_ID,
    name: 'City General Hospital',
    code: 'CGH',
    timezone: 'Europe/Berlin',
    currency: 'EUR',
    address: 'Invalidenstraße 12, 10115 Berlin',
    departments: [
      {
        id: DEFAULT_DEPARTMENT_ID,
        name: 'General Medicine',
        specialities: ['General Practice', 'Endocrinology', 'Gastroenterology', 'Rheumatology'],
      },
      { name: 'Cardiology', specialities: ['Cardiology', 'Pulmonology'] },
      { name: 'Women and Children', specialities: ['Pediatrics', 'Obstetrics and Gynecology'] },
      { name: 'Neurology', specialities: ['Neurology', 'Psychiatry'] },
    ],
  },
  {
    name: 'Riverside Clinic',
    code: 'RSC',
    timezone: 'Europe/London',
    currency: 'GBP',
    address: '4 Embankment Road, London SE1 7PB',
    departments: [
      { name: 'Orthopaedics', specialities: ['Orthopedics'] },
      { name: 'Dermatology', specialities: ['Dermatology'] },
      { name: 'Eye and ENT', specialities: ['Ophthalmology', 'Otolaryngology'] },
    ],
  },
] as const;

export interface DemoOrganisation {
  hospitals: Hospital[];
  departments: Department[];
  departmentOf(specialization: string): Department;
  /** The specialities a department's beds are for. */
  specialitiesOf(department: Department): readonly string[];
}

/**
 * The hospitals and departments; doctors are placed by specialisation. The migration's default
 * hospital and department (kept when `npm run seed` wipes nothing but clinic data) become the
 * first site and its general department.
 */
export async function seedOrganisation(tx: EntityManager): Promise<DemoOrganisation> {
  const bySpeciality = new Map<string, Department>();
  const specialities = new Map<Department, readonly string[]>();
  const departments: Department[] = [];
  const hospitals: Hospital[] = [];
  for (const site of SITES) {
    const fields = {
      name: site.name,
      code: site.code,
      timezone: site.timezone,
      currency: site.currency,
      address: site.address,
    };
    const existing = 'id' in site ? await tx.findOne(Hospital, site.id) : null;
    const hospital = existing
      ? Object.assign(existing, fields)
      : tx.create(Hospital, { ...('id' in site ? { id: site.id } : {}), ...fields });
    hospitals.push(hospital);
    for (const entry of site.departments) {
      const known = 'id' in entry ? await tx.findOne(Department, entry.id) : null;
      const department = known
        ? Object.assign(known, { name: entry.name })
        : tx.create(Department, { ...('id' in entry ? { id: entry.id } : {}), hospital, name: entry.name });
      departments.push(department);
      specialities.set(department, entry.specialities);
      for (const speciality of entry.specialities) {
        bySpeciality.set(speciality, department);
      }
    }
  }
  const fallback = departments[0]!;
  return {
    hospitals,
    departments,
    departmentOf: (specialization) => bySpeciality.get(specialization) ?? fallback,
    specialitiesOf: (department) => specialities.get(department) ?? [],
  };
}

export interface DemoBillingCounts {
  beds: number;
  admissions: number;
  invoices: number;
  payments: number;
  claims: number;
}

/** At most this many stays per patient over the demo's window (the current one included). */
const STAYS_PER_PATIENT = 1;
/** The share of patients who may have a stay at all. */
const INPATIENT_SHARE = 0.45;

/** `day` (epoch ms) at a random hour between `from` and `to` o'clock (UTC). */
function atHour(day: number, from: number, to: number): Date {
  return new Date(Math.floor(day / DAY) * DAY + faker.number.int({ min: from * 60, max: to * 60 }) * 60_000);
}

/**
 * Beds in every department with past and current stays, each stay of a patient the department's
 * specialities treat (children and women in Women and Children, a hip fracture in the old), for a
 * reason that fits them, never two at once and at most {@link STAYS_PER_PATIENT} each; an invoice for every completed visit
 * (older ones issued and mostly paid, some overdue, a few void); insurance policies from the
 * patients' histories and claims on some invoices.
 */
export function seedBilling(
  tx: EntityManager,
  organisation: DemoOrganisation,
  patients: readonly Patient[],
  appointments: readonly Appointment[],
  admin: User | undefined,
  now: Date,
  facts: ReadonlyMap<Patient, DemoPatient>,
): DemoBillingCounts {
  const staff = admin ?? patients[0]!.user.getEntity();
  // Beds and stays.
  let beds = 0;
  let admissions = 0;
  const stays = new Map<Patient, { from: number; to: number }[]>();
  // Fewer than half the clinic's patients were in hospital over the window.
  const inpatients = patients.filter(() => faker.number.float() < INPATIENT_SHARE);
  /** A patient free over [from, to] (a day either side) with a reason to be in this department, or undefined. */
  const admit = (department: Department, from: number, to: number) => {
    const reasons = ADMISSION_REASONS.filter((r) => organisation.specialitiesOf(department).includes(r.specialty));
    for (let attempt = 0; attempt < 12 && inpatients.length > 0; attempt += 1) {
      const patient = faker.helpers.arrayElement(inpatients);
      // Their age on the day they came in: someone 65 now was 64 two months ago.
      const then = { ...facts.get(patient)!, age: ageOn(patient.dateOfBirth, new Date(from)) };
      const fitting = reasons.filter((r) => fits(r, then));
      const taken = stays.get(patient) ?? [];
      if (
        fitting.length === 0 ||
        taken.length >= STAYS_PER_PATIENT ||
        taken.some((stay) => stay.from < to + DAY && stay.to > from - DAY)
      ) {
        continue;
      }
      stays.set(patient, [...taken, { from, to }]);
      return { patient, reason: faker.helpers.arrayElement(fitting).reason };
    }
    return undefined;
  };
  const wardBeds: { bed: Bed; department: Department; occupiedFrom: number }[] = [];
  for (const department of organisation.departments) {
    const wards = faker.number.int({ min: 1, max: 2 });
    for (let w = 1; w <= wards; w += 1) {
      const count = faker.number.int({ min: 4, max: 8 });
      for (let b = 1; b <= count; b += 1) {
        const bed = tx.create(Bed, {
          department,
          ward: `Ward ${w}`,
          label: `${w}${String.fromCharCode(64 + b)}`,
          createdAt: new Date(now.getTime() - 90 * DAY),
        });
        wardBeds.push({ bed, department, occupiedFrom: now.getTime() });
        beds += 1;
      }
    }
  }
  /** Someone in this bed now, admitted in the last three days; false when nobody fits. */
  const occupyNow = (entry: (typeof wardBeds)[number], admittedAt: Date): boolean => {
    const stay = admit(entry.department, admittedAt.getTime(), now.getTime());
    if (!stay) {
      return false;
    }
    tx.create(Admission, { ...stay, bed: entry.bed, admittedAt, admittedBy: staff });
    admissions += 1;
    entry.bed.status = BedStatus.OCCUPIED;
    entry.occupiedFrom = admittedAt.getTime();
    return true;
  };
  const admittedLately = () => new Date(now.getTime() - faker.number.int({ min: 1, max: 72 }) * 3_600_000);
  // Who lies in a bed now first, in every department, so that the past stays do not use up the
  // patients a later department's current stays need.
  for (const entry of wardBeds) {
    const roll = faker.number.float();
    const admittedAt = admittedLately();
    if (roll < 0.55 && occupyNow(entry, admittedAt)) {
      continue;
    }
    if (roll >= 0.55 && roll < 0.65) {
      entry.bed.status = BedStatus.CLEANING;
    } else if (roll >= 0.65 && roll < 0.7) {
      entry.bed.status = BedStatus.OUT_OF_SERVICE;
    }
  }
  // Every department has someone in now: one whose dice left all four to sixteen beds empty (a few
  // per cent of seeds) gets a patient in its first free bed.
  for (const department of organisation.departments) {
    const own = wardBeds.filter((entry) => entry.department === department);
    if (!own.some((entry) => entry.bed.status === BedStatus.OCCUPIED)) {
      own.find((entry) => entry.bed.status !== BedStatus.OUT_OF_SERVICE && occupyNow(entry, admittedLately()));
    }
  }
  // Then the past stays over the last 60 days (admitted in the day, discharged late morning), the
  // beds in random order, each stay ended a day before the bed's current one.
  for (const { bed, department, occupiedFrom } of faker.helpers.shuffle(wardBeds)) {
    const end = occupiedFrom - DAY;
    let cursor = now.getTime() - 60 * DAY + faker.number.int({ min: 0, max: 10 }) * DAY;
    while (cursor < end - DAY) {
      const admittedAt = atHour(cursor, 8, 20);
      const dischargedAt = atHour(Math.min(cursor + faker.number.int({ min: 1, max: 7 }) * DAY, end), 10, 13);
      const stay = admit(department, admittedAt.getTime(), dischargedAt.getTime());
      if (stay) {
        tx.create(Admission, { ...stay, bed, admittedAt, dischargedAt, admittedBy: staff, dischargedBy: staff });
        admissions += 1;
      }
      cursor = dischargedAt.getTime() + faker.number.int({ min: 5, max: 20 }) * DAY;
    }
  }
  return seedInvoices(tx, organisation, patients, appointments, staff, now, { beds, admissions });
}

function seedInvoices(
  tx: EntityManager,
  organisation: DemoOrganisation,
  patients: readonly Patient[],
  appointments: readonly Appointment[],
  staff: User,
  now: Date,
  counts: { beds: number; admissions: number },
): DemoBillingCounts {
  const policies = new Map<Patient, InsurancePolicy>();
  for (const patient of patients) {
    const insurance = patient.insurance;
    if (insurance?.provider && insurance.policyNumber) {
      policies.set(
        patient,
        tx.create(InsurancePolicy, {
          patient,
          provider: insurance.provider,
          policyNumber: insurance.policyNumber,
          memberId: insurance.groupNumber,
          validFrom: DateTime.fromJSDate(now).minus({ years: 2 }).toISODate()!,
          validTo: insurance.validUntil,
        }),
      );
    }
  }
  const counters = new Map<string, number>();
  let invoices = 0;
  let payments = 0;
  let claims = 0;
  const completed = appointments
    .filter((a) => a.status === AppointmentStatus.COMPLETED)
    .sort((a, b) => a.endsAt.getTime() - b.endsAt.getTime());
  for (const appointment of completed) {
    const doctor = appointment.doctor.getEntity();
    if (!doctor.feeAmount) {
      continue;
    }
    const hospital = organisation.departmentOf(doctor.specialization).hospital.getEntity();
    const year = DateTime.fromJSDate(appointment.endsAt, { zone: hospital.timezone }).year;
    const key = `${hospital.id}:${year}`;
    const sequence = (counters.get(key) ?? 0) + 1;
    counters.set(key, sequence);
    const currency = doctor.feeCurrency;
    const fee = toMinor(doctor.feeAmount, currency)!;
    const ageDays = (now.getTime() - appointment.endsAt.getTime()) / DAY;
    const issued = ageDays > 2;
    const issuedAt = issued ? new Date(appointment.endsAt.getTime() + DAY) : undefined;
    const invoice = tx.create(Invoice, {
      number: `${hospital.code}-${year}-${String(sequence).padStart(6, '0')}`,
      hospital,
      year,
      sequence,
      patient: appointment.patient,
      appointment,
      currency,
      totalAmount: fromMinor(fee, currency),
      issuedAt,
      dueDate: issuedAt ? DateTime.fromJSDate(issuedAt).plus({ days: 30 }).toISODate()! : undefined,
      issuedBy: issuedAt ? staff : undefined,
      createdAt: appointment.endsAt,
      updatedAt: appointment.endsAt,
    });
    tx.create(InvoiceLine, {
      invoice,
      position: 1,
      description: `Consultation — Dr ${doctor.firstName} ${doctor.lastName}, ${doctor.specialization}`,
      quantity: 1,
      unitAmount: fromMinor(fee, currency),
      currency,
    });
    invoices += 1;
    if (!issuedAt) {
      continue;
    }
    const roll = faker.number.float();
    const patient = appointment.patient.getEntity();
    const policy = policies.get(patient);
    let paid = 0n;
    const pay = (amount: bigint, method: PaymentMethod, at: Date, reference?: string) => {
      tx.create(Payment, {
        invoice,
        amountValue: fromMinor(amount, currency),
        currency,
        method,
        reference,
        paidAt: at,
        recordedBy: staff,
      });
      paid += amount;
      payments += 1;
    };
    if (roll < 0.03) {
      invoice.voidedAt = new Date(issuedAt.getTime() + DAY);
      invoice.voidReason = 'Billed to the wrong patient';
      invoice.voidedBy = staff as never;
    } else if (roll < 0.55 && ageDays > 5) {
      const method = faker.helpers.arrayElement([PaymentMethod.CASH, PaymentMethod.CARD, PaymentMethod.TRANSFER]);
      pay(
        fee,
        method,
        // Within 20 days of the bill, and never after today (issued a day after the visit).
        new Date(issuedAt.getTime() + faker.number.int({ min: 0, max: Math.min(20, Math.floor(ageDays) - 2) }) * DAY),
        method === PaymentMethod.CASH ? undefined : faker.string.alphanumeric({ length: 8, casing: 'upper' }),
      );
    } else if (roll < 0.7 && ageDays > 5) {
      pay(fee / 2n, PaymentMethod.CARD, new Date(issuedAt.getTime() + 3 * DAY), faker.string.numeric(6));
    } else if (roll < 0.85 && policy) {
      const decided = ageDays > 20;
      const status = decided
        ? faker.helpers.weightedArrayElement([
            { weight: 6, value: ClaimStatus.APPROVED },
            { weight: 2, value: ClaimStatus.PARTIALLY_APPROVED },
            { weight: 2, value: ClaimStatus.REJECTED },
          ])
        : ClaimStatus.SUBMITTED;
      const approved =
        status === ClaimStatus.APPROVED
          ? fee
          : status === ClaimStatus.PARTIALLY_APPROVED
            ? (fee * 7n) / 10n
            : undefined;
      const submittedAt = new Date(issuedAt.getTime() + DAY);
      const decidedAt = decided ? new Date(submittedAt.getTime() + 10 * DAY) : undefined;
      const claim = tx.create(InsuranceClaim, {
        invoice,
        policy,
        status,
        currency,
        claimedAmount: fromMinor(fee, currency),
        approvedAmount: approved === undefined ? undefined : fromMinor(approved, currency),
        submittedAt,
        decidedAt,
        note: status === ClaimStatus.REJECTED ? 'Not covered by the plan' : undefined,
        createdAt: submittedAt,
        updatedAt: decidedAt ?? submittedAt,
      });
      tx.create(ClaimChange, {
        claim,
        toStatus: ClaimStatus.SUBMITTED,
        currency,
        changedBy: staff,
        changedAt: submittedAt,
      });
      if (decidedAt) {
        tx.create(ClaimChange, {
          claim,
          fromStatus: ClaimStatus.SUBMITTED,
          toStatus: status,
          currency,
          approvedAmount: claim.approvedAmount,
          note: claim.note,
          changedBy: staff,
          changedAt: decidedAt,
        });
      }
      if (approved !== undefined && decidedAt) {
        pay(approved, PaymentMethod.INSURANCE, decidedAt, claimPaymentReference(policy));
      }
      claims += 1;
    }
    invoice.paidAmount = fromMinor(paid, currency);
  }
  for (const [key, lastNumber] of counters) {
    const [hospitalId, year] = key.split(':') as [string, string];
    tx.create(InvoiceCounter, { hospital: tx.getReference(Hospital, hospitalId), year: Number(year), lastNumber });
  }
  return { ...counts, invoices, payments, claims };
}
