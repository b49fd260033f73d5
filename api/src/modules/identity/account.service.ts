import { LockMode } from '@mikro-orm/core';
import { IANAZone } from 'luxon';
import { badInput, conflict, forbidden, notFound, type FieldProblem } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import type { Context } from '../../server/context.js';
import { refuseStrandingAppointments } from '../doctors/affected-appointments.js';
import { AvailabilityRule } from '../doctors/availability-rule.entity.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { findSpecializationName, UNKNOWN_SPECIALIZATION } from '../doctors/specialization.service.js';
import { Patient } from '../patients/patient.entity.js';
import type { AuthPayload } from './auth-payload.type.js';
import { EmergencyGrant } from './emergency-grant.entity.js';
import type { AvailabilityRuleInput, CreateDoctorInput, RegisterPatientInput } from './identity.inputs.js';
import { hashPassword } from './password.js';
import { passwordProblem } from './password-policy.js';
import { Role } from './role.js';
import { SessionService } from './session.service.js';
import { User } from './user.entity.js';

export const EMERGENCY_ACCESS_MINUTES = 60;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

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

/** Accounts: patients signing up, doctors created by administrators, deactivation, break-glass. */
export class AccountService {
  constructor(private readonly ctx: Context) {}

  async registerPatient(input: RegisterPatientInput): Promise<AuthPayload> {
    const email = input.email.trim().toLowerCase();
    const problems: FieldProblem[] = [];
    const password = passwordProblem(input.password, email, 'input.password');
    if (password) {
      problems.push(password);
    }
    if (input.dateOfBirth >= today()) {
      problems.push({ field: 'input.dateOfBirth', message: 'must be in the past' });
    } else if (input.dateOfBirth < '1900-01-01') {
      problems.push({ field: 'input.dateOfBirth', message: 'must be after 1900-01-01' });
    }
    if (problems.length > 0) {
      throw badInput(problems);
    }
    const passwordHash = await hashPassword(input.password, this.ctx.settings.bcryptCost);
    return this.ctx.em.transactional(async (tx) => {
      if (await tx.count(User, { email })) {
        throw conflict('An account with this email already exists.', 'EMAIL_TAKEN');
      }
      const user = tx.create(User, { email, passwordHash, role: Role.PATIENT });
      const patient = tx.create(Patient, {
        user,
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        dateOfBirth: input.dateOfBirth,
        phone: input.phone,
        gender: input.gender,
      });
      const payload = await new SessionService(this.ctx).startSession(tx, user);
      this.ctx.audit.record(tx, {
        action: 'CREATE',
        entityType: 'Patient',
        entityId: patient.id,
        patientId: patient.id,
      });
      return payload;
    });
  }

  async createDoctor(input: CreateDoctorInput): Promise<Doctor> {
    this.ctx.access.requireRole(Role.ADMIN);
    const email = input.email.trim().toLowerCase();
    const problems: FieldProblem[] = [];
    const password = passwordProblem(input.password, email, 'input.password');
    if (password) {
      problems.push(password);
    }
    if (!IANAZone.isValidZone(input.timezone)) {
      problems.push({ field: 'input.timezone', message: 'must be an IANA time zone, e.g. Europe/Berlin' });
    }
    const specialization = await findSpecializationName(this.ctx.em, input.specialization);
    if (!specialization) {
      problems.push({ field: 'input.specialization', message: UNKNOWN_SPECIALIZATION });
    }
    if (problems.length > 0) {
      throw badInput(problems);
    }
    const passwordHash = await hashPassword(input.password, this.ctx.settings.bcryptCost);
    return this.ctx.em.transactional(async (tx) => {
      if (await tx.count(User, { email })) {
        throw conflict('An account with this email already exists.', 'EMAIL_TAKEN');
      }
      if (await tx.count(Doctor, { licenseNumber: input.licenseNumber })) {
        throw conflict('A doctor with this license number already exists.', 'LICENSE_TAKEN');
      }
      const user = tx.create(User, { email, passwordHash, role: Role.DOCTOR });
      const doctor = tx.create(Doctor, {
        user,
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        specialization: specialization!,
        licenseNumber: input.licenseNumber,
        timezone: input.timezone,
        consultationFee: input.consultationFee,
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
      return doctor;
    });
  }

  /** Ends a user's access at once: no sign-in, no refresh, and their live tokens stop working. */
  async deactivate(userIdInput: string): Promise<User> {
    const actor = this.ctx.access.requireRole(Role.ADMIN);
    const userId = requireId(userIdInput, 'id');
    if (userId === actor.userId) {
      throw conflict('You cannot deactivate your own account.', 'SELF_DEACTIVATION');
    }
    return this.ctx.em.transactional(async (tx) => {
      const user = await tx.findOne(User, userId);
      if (!user) {
        throw notFound('User');
      }
      if (user.active) {
        const doctor = await tx.findOne(Doctor, { user: user.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (doctor) {
          await refuseStrandingAppointments(tx, { kind: 'deactivation', doctorId: doctor.id });
        }
        user.active = false;
        user.deactivatedAt = new Date();
        await new SessionService(this.ctx).revokeAllOf(tx, user.id);
        const patient = await tx.findOne(Patient, { user: user.id }, { fields: ['id'] });
        this.ctx.audit.record(tx, {
          action: 'DEACTIVATE',
          entityType: 'User',
          entityId: user.id,
          patientId: patient?.id,
        });
        await tx.execute(`select pg_notify('user_deactivated', ?)`, [user.id]);
      }
      return user;
    });
  }

  /** Lets a deactivated user sign in again; nothing else of theirs changes. */
  async reactivate(userIdInput: string): Promise<User> {
    this.ctx.access.requireRole(Role.ADMIN);
    const userId = requireId(userIdInput, 'id');
    return this.ctx.em.transactional(async (tx) => {
      const user = await tx.findOne(User, userId);
      if (!user) {
        throw notFound('User');
      }
      if (!user.active) {
        user.active = true;
        user.deactivatedAt = undefined;
        const patient = await tx.findOne(Patient, { user: user.id }, { fields: ['id'] });
        this.ctx.audit.record(tx, {
          action: 'REACTIVATE',
          entityType: 'User',
          entityId: user.id,
          patientId: patient?.id,
        });
      }
      return user;
    });
  }

  /** Break-glass: a doctor states a reason and gets the chart for an hour, audited as an emergency. */
  async requestEmergencyAccess(patientIdInput: string, reasonInput: string): Promise<EmergencyGrant> {
    const actor = this.ctx.access.requireRole(Role.DOCTOR);
    const patientId = requireId(patientIdInput, 'patientId');
    const reason = reasonInput.trim();
    if (reason.length < 10 || reason.length > 1000) {
      throw badInput([{ field: 'reason', message: 'must say why, in 10 to 1000 characters' }]);
    }
    return this.ctx.em.transactional(async (tx) => {
      const patient = await tx.findOne(Patient, patientId);
      if (!patient || !actor.doctorId) {
        throw notFound('Patient');
      }
      const grant = tx.create(EmergencyGrant, {
        doctor: tx.getReference(Doctor, actor.doctorId),
        patient,
        reason,
        expiresAt: new Date(Date.now() + EMERGENCY_ACCESS_MINUTES * 60_000),
      });
      this.ctx.audit.record(tx, {
        action: 'EMERGENCY_ACCESS',
        entityType: 'Patient',
        entityId: patient.id,
        patientId: patient.id,
        emergency: true,
        reason,
      });
      return grant;
    });
  }
}
