import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../server/context.js';
import { badInput, conflict, forbidden, notFound, type FieldProblem } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { isValidZone } from '../../shared/zone-cache.js';
import { AccountService } from '../identity/account.service.js';
import type { AvailabilityRuleInput, CreateDoctorInput } from './doctor.inputs.js';
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
      problems.push({ field: 'input.timezone', message: 'must be an IANA time zone, e.g. Europe/Berlin' });
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
      const user = await accounts.createUser(tx, input, passwordHash, Role.DOCTOR);
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
      const doctor = await tx.findOne(Doctor, doctorId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!doctor) {
        throw notFound('Doctor');
      }
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

/** The fee of a new doctor: exact `fee`, else the legacy float rounded half to even; none when neither. */
function doctorFee(
  input: Pick<CreateDoctorInput, 'fee' | 'consultationFee'>,
  defaultCurrency: string,
): { feeAmount?: string; feeCurrency?: string } {
  if (input.fee) {
    const currency = requireCurrency(input.fee.currency, 'input.fee.currency');
    const minor = requireAmount(input.fee.amount, currency, 'input.fee.amount', { allowZero: true });
    return { feeAmount: fromMinor(minor, currency), feeCurrency: currency };
  }
  if (input.consultationFee === undefined || input.consultationFee === null) {
    return {};
  }
  return {
    feeAmount: fromMinor(floatToMinor(input.consultationFee, defaultCurrency), defaultCurrency),
    feeCurrency: defaultCurrency,
  };
}
