import type { QueryBuilder } from '@mikro-orm/postgresql';
import { badInput, conflict, forbidden, notFound, type FieldProblem } from '../../shared/errors.js';
import type { GraphQLResolveInfo } from 'graphql';
import { readById, readNamePage } from '../../shared/read-page.js';
import { prefetchChildren, rowFieldsOf } from '../../shared/selection.js';
import { jsonRowsOf } from '../../shared/json-select.js';
import { requireId } from '../../shared/ids.js';
import type { PageArgs } from '../../shared/pagination.js';
import { searchTerms } from '../../shared/search.js';
import { patientsMatching } from './patient-search.js';
import type { ConnectionShape } from '../../shared/connection.js';
import type { Context } from '../../server/context.js';
import { auditFieldsOf } from '../identity/access-control.js';
import { profileReach } from '../identity/access.policy.js';
import { Role } from '../identity/role.js';
import { EmailVerificationService } from '../identity/email-verification.service.js';
import { User } from '../identity/user.entity.js';
import { genderCode } from './gender.js';
import { latestToday } from '../../shared/calendar-days.js';
import { changedHistoryParts, MedicalHistoryChange } from './medical-history-change.entity.js';
import { Patient } from './patient.entity.js';
import { narrowPatients } from './patient.policy.js';
import { PatientOrder, patientOrderKey } from './patient-order.js';
import { DEMOGRAPHIC_FIELDS, type UpdatePatientInput } from './patient.inputs.js';

/**
 * What a patient's row needs of their account when read for a list: its e-mail and whether it is
 * active, joined in the list's statement (no secrets read).
 */
export const PATIENT_ACCOUNT = { name: 'user', fields: new Set(['email', 'active', 'emailVerifiedAt']) };

/** Patients: the directory (scoped to who may see whom), and changes to a patient's profile. */
export class PatientService {
  constructor(private readonly ctx: Context) {}

  /**
   * ADMIN: every patient; DOCTOR: patients under their care; a partner: patients whose active
   * DATA_SHARING consent names its client (the list is narrowed, never refused); others: FORBIDDEN.
   */
  async list(
    search: string | null | undefined,
    args: PageArgs,
    /** What the client asked for: the total, and the accounts' e-mail or state (joined in the page's statement). */
    asked: { count: boolean; account: boolean } = { count: true, account: false },
    /** By name, or by the last or next visit (then by name), the visits `Patient.lastVisit`/`nextVisit` give the caller. */
    orderBy: PatientOrder = PatientOrder.NAME,
  ): Promise<ConnectionShape<Patient>> {
    const caller = this.ctx.access.requireSignedIn();
    const actor = caller.kind === 'partner' ? caller : this.ctx.access.requireRole(Role.ADMIN, Role.DOCTOR);
    if (orderBy !== PatientOrder.NAME) {
      // The order tells when patients come: what their visits tell a partner only with its scope.
      this.ctx.access.requireScope('appointments:read');
    }
    const scoped = (): QueryBuilder<Patient> => {
      const qb = this.ctx.em.createQueryBuilder(Patient, 'p').join('p.user', 'u');
      // Each word matches the name-and-phone expression or the email, each through its own
      // trigram index (an OR across the join would scan every patient).
      for (const term of searchTerms(search)) {
        qb.andWhere(`p.id in ${patientsMatching('?', '?')}`, [`%${term}%`, `%${term}%`]);
      }
      return narrowPatients(qb, 'p', actor);
    };
    const key = orderBy === PatientOrder.NAME ? undefined : patientOrderKey(orderBy);
    return readNamePage(this.ctx.em, scoped, args, {
      count: asked.count,
      join: asked.account ? [PATIENT_ACCOUNT] : [],
      lead: key && { direction: key.direction, sql: (id) => key.sql(id, actor) },
    });
  }

  /**
   * The patient if the caller may see them: the same FORBIDDEN whether or not the id exists. With
   * `info` (the `patient` query), the chart's fields the client selected are read in the same
   * statement as the patient (one round trip for the whole chart); their rows still pass their
   * row guards, which decide on the facts this statement brings — a caller who may not see the
   * patient gets FORBIDDEN and none of those rows.
   */
  async get(idInput: string, info?: GraphQLResolveInfo): Promise<Patient> {
    const id = requireId(idInput, 'id');
    this.ctx.access.requireSignedIn();
    // Only read: a read row, with the facts the access check needs in the same statement.
    // The chart's loads first: their batches join the round trip the patient's read then starts.
    // Not the clinical lists of a caller their check will refuse (an administrator).
    if (info && this.ctx.access.mightSeeProfile(id)) {
      prefetchChildren(
        info,
        this.ctx,
        id,
        (field) => field.extensions['clinical'] === true && !this.ctx.access.mightReadClinical(id),
      );
    }
    const patient = await readById(this.ctx.em, Patient, id, {
      facts: this.ctx.access.careFactsAbout('id'),
      // Only the columns of the fields asked for: no surgeries or family history read unasked.
      fields: info && rowFieldsOf(info),
      trip: true,
      // On the JSON path (server/json-read.ts), the patient's JSON too.
      json: info && jsonRowsOf(info),
    });
    // Decided before "not found", so an answer never tells whether a chart exists.
    await this.ctx.access.assertProfile(id);
    if (!patient) {
      throw notFound('Patient');
    }
    return patient;
  }

  /**
   * The patient themself changes anything; an administrator changes demographics only; a doctor
   * who may write to the chart (caring for the patient, or under an emergency grant) the medical
   * history only — an allergy found at a visit is recorded where the prescription checks read it.
   * Every change is validated first and written in one transaction with its audit event (an
   * emergency's flagged as such).
   */
  async update(idInput: string, input: UpdatePatientInput): Promise<Patient> {
    const id = requireId(idInput, 'id');
    const actor = this.ctx.access.requireRole(Role.PATIENT, Role.ADMIN, Role.DOCTOR);
    const access =
      actor.role === Role.DOCTOR
        ? await this.ctx.access.assertClinicalWrite(id)
        : await this.ctx.access.assertProfile(id);
    const reach = profileReach(actor, access.relation);
    if (!reach) {
      throw forbidden('Only the patient, a doctor caring for them or an administrator may change this profile.');
    }
    const given = Object.entries(input)
      .filter(([, value]) => value !== undefined)
      .map(([key]) => key);
    const demographic = (key: string) => (DEMOGRAPHIC_FIELDS as readonly string[]).includes(key);
    if (reach === 'demographics' && given.some((key) => !demographic(key))) {
      const clinical = given.filter((key) => !demographic(key));
      throw forbidden(`Administrators may change demographics only, not: ${clinical.join(', ')}.`);
    }
    if (reach === 'history' && given.some(demographic)) {
      throw forbidden(`Doctors may change the medical history only, not: ${given.filter(demographic).join(', ')}.`);
    }
    const problems: FieldProblem[] = [];
    // Today anywhere on Earth is not the future: a newborn's birth date, a surgery this morning.
    const today = latestToday(new Date());
    if (input.dateOfBirth !== undefined && (input.dateOfBirth > today || input.dateOfBirth < '1900-01-01')) {
      problems.push({ field: 'input.dateOfBirth', message: 'must be in the past (after 1900-01-01)' });
    }
    input.surgeries?.forEach((surgery, index) => {
      if (surgery.date && surgery.date > today) {
        problems.push({ field: `input.surgeries.${index}.date`, message: 'must not be in the future' });
      }
    });
    if (problems.length > 0) {
      throw badInput(problems);
    }

    return this.ctx.em.transactional(async (tx) => {
      const patient = await tx.findOne(Patient, id, { populate: ['user'] });
      if (!patient) {
        throw notFound('Patient');
      }
      const { email, ...fields } = input;
      if (email !== undefined) {
        const normalized = email.trim().toLowerCase();
        if (normalized !== patient.user.getEntity().email) {
          if (await tx.count(User, { email: normalized, id: { $ne: patient.user.id } })) {
            throw conflict('An account with this email already exists.', 'EMAIL_TAKEN');
          }
          const account = patient.user.getEntity();
          const previous = account.email;
          account.email = normalized;
          // The new address is unconfirmed until its link is opened; the old one hears of the change.
          await new EmailVerificationService(this.ctx).changed(tx, account, previous);
        }
      }
      const changes = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
      if (fields.gender !== undefined) {
        changes['gender'] = genderCode(fields.gender);
      }
      // The history keeps what each changed part held, and who changed it (the audit says only that).
      for (const change of changedHistoryParts(patient, changes)) {
        tx.create(MedicalHistoryChange, {
          ...change,
          patient,
          changedBy: actor.userId,
          changedByRole: actor.role,
          emergency: auditFieldsOf(access).emergency,
        });
      }
      tx.assign(patient, changes);
      this.ctx.audit.record(tx, {
        action: 'UPDATE',
        entityType: 'Patient',
        entityId: patient.id,
        patientId: patient.id,
        ...auditFieldsOf(access),
      });
      return patient;
    });
  }
}
