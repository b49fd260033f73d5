import type { MikroORM } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { AppointmentStatus } from '../src/modules/appointments/appointment-status.js';
import { Appointment } from '../src/modules/appointments/appointment.entity.js';
import { AvailabilityRule } from '../src/modules/doctors/availability-rule.entity.js';
import { Doctor } from '../src/modules/doctors/doctor.entity.js';
import { Bed } from '../src/modules/organisation/bed.entity.js';
import { InsurancePolicy } from '../src/modules/billing/insurance-policy.entity.js';
import { InvoiceLine } from '../src/modules/billing/invoice-line.entity.js';
import { Invoice } from '../src/modules/billing/invoice.entity.js';
import {
  DEFAULT_DEPARTMENT_ID,
  DEFAULT_HOSPITAL_ID,
  Department,
} from '../src/modules/organisation/department.entity.js';
import { Hospital } from '../src/modules/organisation/hospital.entity.js';
import { EmergencyGrant } from '../src/modules/chart/emergency-grant.entity.js';
import { Attachment, AttachmentStatus } from '../src/modules/files/attachment.entity.js';
import { hashPassword } from '../src/modules/identity/password.js';
import { Role } from '../src/modules/identity/role.js';
import { signAccessToken } from '../src/modules/identity/tokens.js';
import { User } from '../src/modules/identity/user.entity.js';
import { LabOrder, LabOrderStatus } from '../src/modules/labs/lab-order.entity.js';
import { LabInterpretation, LabResult } from '../src/modules/labs/lab-result.entity.js';
import { Patient } from '../src/modules/patients/patient.entity.js';
import { PrescriptionItem } from '../src/modules/prescriptions/prescription-item.entity.js';
import { Prescription } from '../src/modules/prescriptions/prescription.entity.js';
import { MedicalRecordVersion } from '../src/modules/records/medical-record-version.entity.js';
import { MedicalRecord } from '../src/modules/records/medical-record.entity.js';
import { RecordType } from '../src/modules/records/record.types.js';
import type { Application } from '../src/server/bootstrap.js';

export const TEST_PASSWORD = 'test-password-123';
let passwordHash: Promise<string> | undefined;
const hashed = () => (passwordHash ??= hashPassword(TEST_PASSWORD, 4));
const unique = () => randomUUID().slice(0, 8);
const DAY = 86_400_000;
const HALF_HOUR = 1_800_000;
let halfHours = 0;
let invoiceSequence = 0;
/** A distinct half hour, far ahead, for each appointment whose time a test leaves open: none overlap. */
const nextFreeHalfHour = () =>
  new Date(Math.ceil(Date.now() / HALF_HOUR) * HALF_HOUR + 400 * DAY + ++halfHours * HALF_HOUR);
let pastHalfHours = 0;
/**
 * A distinct half hour that has already begun (a day back, then further), for visits a test
 * completes: a visit cannot be completed before it starts.
 */
export const pastHalfHour = () =>
  new Date(Math.floor(Date.now() / HALF_HOUR) * HALF_HOUR - DAY - ++pastHalfHours * HALF_HOUR);
/** The next `weekday` (1 = Monday) at `time` in `zone`, at least `minDays` from now, in UTC. */
export function nextLocal(weekday: number, time: string, zone = 'Europe/Berlin', minDays = 2): Date {
  const [hour, minute] = time.split(':').map(Number);
  let day = DateTime.now().setZone(zone).plus({ days: minDays }).startOf('day');
  while (day.weekday !== weekday) {
    day = day.plus({ days: 1 });
  }
  return day.set({ hour, minute }).toJSDate();
}

/** Every day, around the clock, in 30-minute slots: any half hour can be booked. */
const ALL_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  startTime: '00:00',
  endTime: '23:30',
  slotMinutes: 30,
}));

export interface Account<T> {
  user: User;
  profile: T;
  /** A valid access token of a fresh session. */
  token: string;
}

/** Typed builders of test data, written straight to the database (fast, no HTTP). */
export class Factory {
  constructor(
    private readonly app: Application,
    private readonly orm: MikroORM = app.orm,
  ) {}

  token(user: User): string {
    return signAccessToken(this.app.settings.jwtSecret, { userId: user.id, role: user.role, sessionId: randomUUID() })
      .token;
  }

  async admin(): Promise<Account<null>> {
    const em = this.orm.em.fork();
    const user = em.create(User, {
      email: `admin-${unique()}@clinic.test`,
      passwordHash: await hashed(),
      role: Role.ADMIN,
      emailVerifiedAt: new Date(),
    });
    await em.flush();
    return { user, profile: null, token: this.token(user) };
  }

  async patient(
    overrides: Partial<Pick<Patient, 'firstName' | 'lastName' | 'allergies' | 'chronicConditions' | 'phone'>> & {
      email?: string;
    } = {},
  ): Promise<Account<Patient>> {
    const em = this.orm.em.fork();
    const { email, ...fields } = overrides;
    const user = em.create(User, {
      email: email ?? `patient-${unique()}@example.com`,
      passwordHash: await hashed(),
      role: Role.PATIENT,
      emailVerifiedAt: new Date(),
    });
    const profile = em.create(Patient, {
      user,
      firstName: 'Ada',
      lastName: `Patient${unique()}`,
      dateOfBirth: '1980-04-12',
      allergies: ['Penicillin'],
      chronicConditions: ['Asthma'],
      ...fields,
    });
    await em.flush();
    return { user, profile, token: this.token(user) };
  }

  async doctor(
    overrides: Partial<
      Pick<Doctor, 'firstName' | 'lastName' | 'specialization' | 'timezone' | 'feeAmount' | 'feeCurrency'>
    > & {
      departmentId?: string;
    } = {},
    rules: readonly { weekday: number; startTime: string; endTime: string; slotMinutes: number }[] = ALL_DAY,
  ): Promise<Account<Doctor>> {
    const em = this.orm.em.fork();
    const { departmentId, ...fields } = overrides;
    const user = em.create(User, {
      email: `doctor-${unique()}@clinic.test`,
      passwordHash: await hashed(),
      role: Role.DOCTOR,
      emailVerifiedAt: new Date(),
    });
    const profile = em.create(Doctor, {
      user,
      firstName: 'Gregory',
      lastName: `Doctor${unique()}`,
      specialization: 'General Practice',
      licenseNumber: `LIC-${unique()}`,
      timezone: 'Europe/Berlin',
      feeAmount: '80.00',
      department: em.getReference(Department, departmentId ?? DEFAULT_DEPARTMENT_ID),
      ...fields,
    });
    for (const rule of rules) {
      em.create(AvailabilityRule, { doctor: profile, ...rule });
    }
    await em.flush();
    return { user, profile, token: this.token(user) };
  }

  async appointment(
    patient: Patient,
    doctor: Doctor,
    options: { status?: AppointmentStatus; startsAt?: Date; reason?: string } = {},
  ): Promise<Appointment> {
    const em = this.orm.em.fork();
    const startsAt = options.startsAt ?? nextFreeHalfHour();
    const appointment = em.create(Appointment, {
      patient: em.getReference(Patient, patient.id),
      doctor: em.getReference(Doctor, doctor.id),
      startsAt,
      endsAt: new Date(startsAt.getTime() + 30 * 60_000),
      status: options.status ?? AppointmentStatus.CONFIRMED,
      reason: options.reason ?? 'Persistent cough',
    });
    await em.flush();
    return appointment;
  }

  async record(patient: Patient, doctor: Doctor, appointment?: Appointment): Promise<MedicalRecord> {
    const em = this.orm.em.fork();
    const content = {
      type: RecordType.CONSULTATION,
      recordedAt: new Date(),
      diagnoses: [{ code: 'J06.9', description: 'Acute upper respiratory infection' }],
      symptoms: ['Cough'],
      vitals: { temperatureC: 37.9, heartRate: 88 },
      notes: 'Secret clinical note',
    };
    const record = em.create(MedicalRecord, {
      ...content,
      patient: em.getReference(Patient, patient.id),
      doctor: em.getReference(Doctor, doctor.id),
      appointment: appointment ? em.getReference(Appointment, appointment.id) : undefined,
    });
    em.create(MedicalRecordVersion, { ...content, record, author: em.getReference(Doctor, doctor.id), version: 1 });
    await em.flush();
    return record;
  }

  /** A READY attachment row of a record (metadata only: no bytes in any store). */
  async attachment(record: MedicalRecord, uploader: User): Promise<Attachment> {
    const em = this.orm.em.fork();
    const attachment = em.create(Attachment, {
      patient: em.getReference(Patient, record.patient.id),
      medicalRecord: em.getReference(MedicalRecord, record.id),
      uploadedBy: em.getReference(User, uploader.id),
      fileName: 'lab-report.pdf',
      contentType: 'application/pdf',
      sizeBytes: 1024,
      sha256: '0'.repeat(64),
      status: AttachmentStatus.READY,
      uploadExpiresAt: new Date(),
      storageKey: '',
    });
    attachment.storageKey = `${record.patient.id}/${attachment.id}`;
    await em.flush();
    return attachment;
  }

  /** A lab order for potassium; with `potassium`, RESULTED with that value (interpreted against 3.5–5.1). */
  async labOrder(patient: Patient, doctor: Doctor, potassium?: number): Promise<LabOrder> {
    const em = this.orm.em.fork();
    const order = em.create(LabOrder, {
      patient: em.getReference(Patient, patient.id),
      doctor: em.getReference(Doctor, doctor.id),
      tests: [{ code: '2823-3', name: 'Potassium [Moles/volume] in Serum or Plasma' }],
    });
    if (potassium !== undefined) {
      order.status = LabOrderStatus.RESULTED;
      order.resultedAt = new Date();
      em.create(LabResult, {
        order,
        code: '2823-3',
        name: 'Potassium [Moles/volume] in Serum or Plasma',
        value: String(potassium),
        numericValue: potassium,
        unit: 'mmol/L',
        referenceLow: 3.5,
        referenceHigh: 5.1,
        interpretation:
          potassium < 3.5 ? LabInterpretation.LOW : potassium > 5.1 ? LabInterpretation.HIGH : LabInterpretation.NORMAL,
        version: 1,
      });
    }
    await em.flush();
    return order;
  }

  async prescription(patient: Patient, doctor: Doctor, appointment?: Appointment): Promise<Prescription> {
    const em = this.orm.em.fork();
    const prescription = em.create(Prescription, {
      patient: em.getReference(Patient, patient.id),
      doctor: em.getReference(Doctor, doctor.id),
      appointment: appointment ? em.getReference(Appointment, appointment.id) : undefined,
      completesAt: new Date(Date.now() + 7 * DAY),
    });
    em.create(PrescriptionItem, {
      prescription,
      position: 0,
      medication: 'Amoxicillin',
      dosage: '500 mg',
      frequency: 'three times daily',
      durationDays: 7,
    });
    await em.flush();
    return prescription;
  }

  /** An invoice of `patient` at the default hospital: DRAFT, or ISSUED with `issued`. */
  async invoice(patient: Patient, options: { issued?: boolean; total?: string } = {}): Promise<Invoice> {
    const em = this.orm.em.fork();
    const sequence = ++invoiceSequence + Math.floor(Math.random() * 1_000_000) * 1000;
    const total = options.total ?? '80.00';
    const invoice = em.create(Invoice, {
      number: `TEST-${sequence}`,
      hospital: em.getReference(Hospital, DEFAULT_HOSPITAL_ID),
      year: 1999,
      sequence,
      patient: em.getReference(Patient, patient.id),
      currency: 'EUR',
      totalAmount: total,
      issuedAt: options.issued ? new Date() : undefined,
    });
    em.create(InvoiceLine, {
      invoice,
      position: 1,
      description: 'Consultation',
      quantity: 1,
      unitAmount: total,
      currency: 'EUR',
    });
    await em.flush();
    return invoice;
  }

  /** An insurance policy of `patient`, valid from 2000 on. */
  async policy(patient: Patient, options: { provider?: string } = {}): Promise<InsurancePolicy> {
    const em = this.orm.em.fork();
    const policy = em.create(InsurancePolicy, {
      patient: em.getReference(Patient, patient.id),
      provider: options.provider ?? 'AOK',
      policyNumber: `P-${unique()}`,
      validFrom: '2000-01-01',
    });
    await em.flush();
    return policy;
  }

  /** A hospital with one department (and `beds` beds in one ward), straight to the database. */
  async hospital(
    options: { timezone?: string; currency?: string; beds?: number } = {},
  ): Promise<{ hospital: Hospital; department: Department; beds: Bed[] }> {
    const em = this.orm.em.fork();
    const code = `H${unique()
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, 6)}`;
    const hospital = em.create(Hospital, {
      name: `Hospital ${code}`,
      code,
      timezone: options.timezone ?? 'Europe/Berlin',
      currency: options.currency ?? 'EUR',
    });
    const department = em.create(Department, { hospital, name: 'General Medicine' });
    const beds = Array.from({ length: options.beds ?? 0 }, (_, index) =>
      em.create(Bed, { department, ward: 'Ward 1', label: `${index + 1}A` }),
    );
    await em.flush();
    return { hospital, department, beds };
  }

  async emergencyGrant(doctor: Doctor, patient: Patient, minutes = 60): Promise<EmergencyGrant> {
    const em = this.orm.em.fork();
    const grant = em.create(EmergencyGrant, {
      doctor: em.getReference(Doctor, doctor.id),
      patient: em.getReference(Patient, patient.id),
      reason: 'Unconscious in the emergency room',
      expiresAt: new Date(Date.now() + minutes * 60_000),
    });
    await em.flush();
    return grant;
  }
}
