import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../server/context.js';
import { badInput } from '../../shared/errors.js';
import { AccountService } from '../identity/account.service.js';
import type { AuthPayload } from '../identity/auth-payload.type.js';
import type { RegisterPatientInput } from './patient.inputs.js';
import { Role } from '../identity/role.js';
import { SessionService } from '../identity/session.service.js';
import { latestToday } from '../../shared/calendar-days.js';
import { genderCode } from './gender.js';
import { Patient } from './patient.entity.js';
import { PhoneConfirmation } from './phone-confirmation.entity.js';

/** A patient signing up: an account (identity's primitive) with its patient profile, signed in. */
export class PatientAccountService {
  constructor(private readonly ctx: Context) {}

  async registerPatient(input: RegisterPatientInput): Promise<AuthPayload> {
    const accounts = new AccountService(this.ctx);
    const problems = accounts.credentialProblems(input);
    // Born today counts (a newborn registered on the day), wherever today already is.
    if (input.dateOfBirth > latestToday(new Date())) {
      problems.push({ field: 'input.dateOfBirth', message: 'must be in the past' });
    } else if (input.dateOfBirth < '1900-01-01') {
      problems.push({ field: 'input.dateOfBirth', message: 'must be after 1900-01-01' });
    }
    if (problems.length > 0) {
      throw badInput(problems);
    }
    const passwordHash = await accounts.hashPassword(input);
    return this.ctx.em.transactional(async (tx) => {
      const user = await accounts.createUser(tx, input, passwordHash, Role.PATIENT, 'by a link');
      const patient = tx.create(Patient, {
        user,
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        dateOfBirth: input.dateOfBirth,
        phone: input.phone,
        gender: genderCode(input.gender),
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
}

/**
 * An account closing at the patient's request: the contact details the clinic no longer needs are
 * erased — the phone (and its confirmation codes; no more texts), the emergency contacts (other
 * people's data). Name, date of birth, gender and address stay: they identify the medical record
 * and the bills the law keeps. In the caller's transaction.
 */
export async function eraseContactDetails(tx: EntityManager, patientId: string): Promise<void> {
  await tx.execute(
    `update patient set phone = null, phone_confirmed_number = null, sms_reminders_wanted = false,
            emergency_contacts = '[]', updated_at = now() where id = ?`,
    [patientId],
  );
  await tx.nativeDelete(PhoneConfirmation, { patient: patientId });
}
