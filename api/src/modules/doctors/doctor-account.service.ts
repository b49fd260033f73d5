import { LockMode, ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../server/context.js';
import { badInput, conflict, forbidden, notFound, type FieldProblem } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { isValidZone, NOT_A_ZONE } from '../../shared/zone-cache.js';
import { AccountService } from '../identity/account.service.js';
import type { AvailabilityRuleInput, CreateDoctorInput, UpdateDoctorInput } from './doctor.inputs.js';
import { assertMayEditProfile } from './doctor.policy.js';
import { Role } from '../identity/role.js';
import { AvailabilityRule } from './availability-rule.entity.js';
import { Doctor } from './doctor.entity.js';
import { announceFreedTime } from '../../shared/freed-time.js';
import { floatToMinor, fromMinor, requireAmount, requireCurrency } from '../../shared/money.js';
import { Department } from '../organisation/department.entity.js';
import { refuseStrandingAppointments } from './affected-appointments.js';
import { findSpecializationName, UNKNOWN_SPECIALIZATION } from './specialization.service.js';

function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Problems with a set of weekly rules: bad windows and overlaps on one weekday. */
export function availabilityProblems(rules: readonly AvailabilityRuleInput[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  rules.forEach((rule, index) => {
    const length = minutesOf(rule.endTime) - minutesOf(rule.startTime);
    if (length <= 0) {
      problems.push({ field: `rules.${index}.endTime`, message: 'must be after startTime' });
    } else if (length < rule.slotMinutes) {
      problems.push({
        field: `rules.${index}.slotMinutes`,
        message: 'must fit at least once between startTime and endTime',
      });
    }
    rules.forEach((other, otherIndex) => {
      if (
        otherIndex < index &&
        other.weekday === rule.weekday &&
        minutesOf(other.startTime) < minutesOf(rule.endTime) &&
        minutesOf(rule.startTime) < minutesOf(other.endTime)
      ) {
        problems.push({ field: `rules.${index}`, message: `overlaps rule ${otherIndex} on the same weekday` });
      }
    });
  });
  return problems;
}

/** Doctors' accounts: created by administrators over identity's primitive, and their weekly rules. */
export class DoctorAccountService {
  constructor(private readonly ctx: Context) {}

  async createDoctor(input: CreateDoctorInput): Promise<Doctor> {
    this.ctx.access.requireRole(Role.ADMIN);
    const accounts = new AccountService(this.ctx);
    const problems = accounts.credentialProblems(input);
    if (!isValidZone(input.timezone)) {
      problems.push({ field: 'input.timezone', message: NOT_A_ZONE });
    }
    const specialization = await findSpecializationName(this.ctx.em, input.specialization);
    if (!specialization) {
      problems.push({ field: 'input.specialization', message: UNKNOWN_SPECIALIZATION });
    }
    if (problems.length > 0) {
      throw badInput(problems);
    }
    const departmentId = input.departmentId ? requireId(input.departmentId, 'input.departmentId') : undefined;
    const passwordHash = await accounts.hashPassword(input);
    return this.ctx.em.transactional(async (tx) => {
      const department = departmentId
        ? await tx.findOne(Department, departmentId, { populate: ['hospital'] })
        : (
            await tx.find(
              Department,
              {},
              { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 1, populate: ['hospital'] },
            )
          )[0];
      if (!department) {
        throw badInput([{ field: 'input.departmentId', message: 'is not a department' }]);
      }
      const fee = doctorFee(input, department.hospital.getEntity().currency);
      const user = await accounts.createUser(tx, input, passwordHash, Role.DOCTOR, 'by the administrator');
      if (await tx.count(Doctor, { licenseNumber: input.licenseNumber })) {
        throw conflict('A doctor with this license number already exists.', 'LICENSE_TAKEN');
      }
      const doctor = tx.create(Doctor, {
        user,
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        specialization: specialization!,
        licenseNumber: input.licenseNumber,
        timezone: input.timezone,
        department,
        ...fee,
        bio: input.bio,
        qualifications: input.qualifications ?? [],
      });
      this.ctx.audit.record(tx, { action: 'CREATE', entityType: 'Doctor', entityId: doctor.id });
      return doctor;
    });
  }

  /**
   * Changes a doctor's profile: the fields given, null clearing the optional ones (fee, bio,
   * qualifications). A new time zone is refused while booked appointments would fall outside the
   * weekly hours read in it. Audited with the names of the fields changed (no values).
   */
  async updateDoctor(idInput: string, input: UpdateDoctorInput): Promise<Doctor> {
    const doctorId = requireId(idInput, 'id');
    const given = Object.entries(input)
      .filter(([, value]) => value !== undefined)
      .map(([key]) => key);
    assertMayEditProfile(this.ctx, doctorId, given);
    const problems: FieldProblem[] = [];
    for (const field of [
      'firstName',
      'lastName',
      'specialization',
      'licenseNumber',
      'timezone',
      'departmentId',
    ] as const) {
      if (input[field] === null) {
        problems.push({ field: `input.${field}`, message: 'cannot be cleared' });
      }
    }
    if (input.timezone && !isValidZone(input.timezone)) {
      problems.push({ field: 'input.timezone', message: NOT_A_ZONE });
    }
    const specialization = input.specialization
      ? await findSpecializationName(this.ctx.em, input.specialization)
      : undefined;
    if (input.specialization && !specialization) {
      problems.push({ field: 'input.specialization', message: UNKNOWN_SPECIALIZATION });
    }
    const fee = input.fee ? exactFee(input.fee) : input.fee;
    const departmentId = input.departmentId ? requireId(input.departmentId, 'input.departmentId') : undefined;
    if (problems.length > 0) {
      throw badInput(problems);
    }
    return this.ctx.em.transactional(async (tx) => {
      // Locked, so no booking slips in between the time zone's check and the commit.
      const doctor = await lockedDoctor(tx, doctorId);
      const changed: string[] = [];
      const change = <K extends keyof Doctor & string>(key: K, value: Doctor[K]) => {
        if (doctor[key] !== value) {
          doctor[key] = value;
          changed.push(key);
        }
      };
      if (input.firstName) {
        change('firstName', input.firstName.trim());
      }
      if (input.lastName) {
        change('lastName', input.lastName.trim());
      }
      if (specialization) {
        change('specialization', specialization);
      }
      if (input.licenseNumber && input.licenseNumber !== doctor.licenseNumber) {
        if (await tx.count(Doctor, { licenseNumber: input.licenseNumber, id: { $ne: doctorId } })) {
          throw conflict('A doctor with this license number already exists.', 'LICENSE_TAKEN');
        }
        change('licenseNumber', input.licenseNumber);
      }
      if (departmentId && departmentId !== doctor.department.id) {
        const department = await tx.findOne(Department, departmentId);
        if (!department) {
          throw badInput([{ field: 'input.departmentId', message: 'is not a department' }]);
        }
        doctor.department = ref(department);
        changed.push('departmentId');
      }
      if (fee !== undefined) {
        const before = doctor.fee;
        if (fee === null ? before !== null : before?.amount !== fee.amount || before.currency !== fee.currency) {
          doctor.feeAmount = fee?.amount ?? null;
          if (fee) {
            doctor.feeCurrency = fee.currency;
          }
          changed.push('fee');
        }
      }
      if (input.bio !== undefined) {
        change('bio', input.bio?.trim() || null);
      }
      if (input.qualifications !== undefined) {
        const qualifications = (input.qualifications ?? []).map((q) => q.trim()).filter(Boolean);
        if (qualifications.join('\n') !== doctor.qualifications.join('\n')) {
          doctor.qualifications = qualifications;
          changed.push('qualifications');
        }
      }
      if (input.timezone && input.timezone !== doctor.timezone) {
        await refuseStrandingAppointments(tx, { kind: 'timezone', doctorId, timezone: input.timezone });
        doctor.timezone = input.timezone;
        changed.push('timezone');
        // Its hours now fall at other times: waiting patients may find a slot.
        announceFreedTime(tx, doctor.id);
      }
      if (changed.length > 0) {
        doctor.updatedAt = new Date();
        this.ctx.audit.record(tx, {
          action: 'UPDATE',
          entityType: 'Doctor',
          entityId: doctor.id,
          reason: `Changed: ${changed.join(', ')}`,
        });
      }
      return doctor;
    });
  }

  /** Replaces a doctor's weekly rules: an administrator, or the doctor themself. */
  async setAvailability(doctorIdInput: string, rules: AvailabilityRuleInput[]): Promise<Doctor> {
    const actor = this.ctx.access.requireRole(Role.ADMIN, Role.DOCTOR);
    const doctorId = requireId(doctorIdInput, 'doctorId');
    if (actor.role === Role.DOCTOR && actor.doctorId !== doctorId) {
      throw forbidden('Doctors may change only their own availability.');
    }
    const problems = availabilityProblems(rules);
    if (problems.length > 0) {
      throw badInput(problems);
    }
    return this.ctx.em.transactional(async (tx) => {
      // Locked, so no booking slips in between the check for stranded appointments and the commit.
      const doctor = await lockedDoctor(tx, doctorId);
      await refuseStrandingAppointments(tx, { kind: 'availability', doctorId, rules });
      await tx.nativeDelete(AvailabilityRule, { doctor: doctorId });
      for (const rule of rules) {
        tx.create(AvailabilityRule, { doctor, ...rule });
      }
      doctor.updatedAt = new Date();
      this.ctx.audit.record(tx, { action: 'SET_AVAILABILITY', entityType: 'Doctor', entityId: doctor.id });
      announceFreedTime(tx, doctor.id);
      return doctor;
    });
  }
}

/** The doctor, locked for the rest of the transaction (bookings of them wait); NOT_FOUND when none. */
async function lockedDoctor(tx: EntityManager, doctorId: string): Promise<Doctor> {
  const doctor = await tx.findOne(Doctor, doctorId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!doctor) {
    throw notFound('Doctor');
  }
  return doctor;
}

/** An exact fee as given: its currency and amount checked, the amount at the currency's scale. */
function exactFee(fee: { amount: string; currency: string }): { amount: string; currency: string } {
  const currency = requireCurrency(fee.currency, 'input.fee.currency');
  const minor = requireAmount(fee.amount, currency, 'input.fee.amount', { allowZero: true });
  return { amount: fromMinor(minor, currency), currency };
}

/** The fee of a new doctor: exact `fee`, else the legacy float rounded half to even; none when neither. */
function doctorFee(
  input: Pick<CreateDoctorInput, 'fee' | 'consultationFee'>,
  defaultCurrency: string,
): { feeAmount?: string; feeCurrency?: string } {
  if (input.fee) {
    const { amount, currency } = exactFee(input.fee);
    return { feeAmount: amount, feeCurrency: currency };
  }
  if (input.consultationFee === undefined || input.consultationFee === null) {
    return {};
  }
  return {
    feeAmount: fromMinor(floatToMinor(input.consultationFee, defaultCurrency), defaultCurrency),
    feeCurrency: defaultCurrency,
  };
}
