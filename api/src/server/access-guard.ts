import type { GraphQLResolveInfo } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { Appointment } from '../modules/appointments/appointment.entity.js';
import { AuditEvent } from '../modules/audit/audit-event.entity.js';
import { maySeeAuditEvent, maySeeEmergencyGrant, maySeeUser } from '../modules/identity/access.policy.js';
import type { ChartAccess } from '../modules/identity/access-control.js';
import { EmergencyGrant } from '../modules/identity/emergency-grant.entity.js';
import { User } from '../modules/identity/user.entity.js';
import { Patient } from '../modules/patients/patient.entity.js';
import { Prescription } from '../modules/prescriptions/prescription.entity.js';
import { MedicalRecordVersion } from '../modules/records/medical-record-version.entity.js';
import { MedicalRecord } from '../modules/records/medical-record.entity.js';
import { forbidden } from '../shared/errors.js';
import type { Context } from './context.js';

function isClinicalField(info: GraphQLResolveInfo): boolean {
  return info.parentType.getFields()[info.fieldName]?.extensions['clinical'] === true;
}

function audited(context: Context, entityType: string, entityId: string, patientId: string, access: ChartAccess): void {
  context.audit.read({
    entityType,
    entityId,
    patientId,
    emergency: access.relation === 'emergency',
    reason: access.emergencyReason,
  });
}

/** Checks one value a field produced; throws FORBIDDEN when the actor may not see it. */
async function guardValue(context: Context, value: unknown): Promise<void> {
  const { access } = context;
  if (Array.isArray(value)) {
    await Promise.all(value.map((item) => guardValue(context, item)));
  } else if (value instanceof Patient) {
    audited(context, 'Patient', value.id, value.id, await access.assertProfile(value.id));
  } else if (value instanceof MedicalRecord) {
    audited(context, 'MedicalRecord', value.id, value.patient.id, await access.assertClinical(value.patient.id));
  } else if (value instanceof MedicalRecordVersion) {
    const record = await value.record.loadOrFail();
    audited(context, 'MedicalRecord', record.id, record.patient.id, await access.assertClinical(record.patient.id));
  } else if (value instanceof Prescription) {
    audited(context, 'Prescription', value.id, value.patient.id, await access.assertClinical(value.patient.id));
  } else if (value instanceof Appointment) {
    await access.assertAppointment({ patientId: value.patient.id, doctorId: value.doctor.id });
  } else if (value instanceof User) {
    if (!maySeeUser(access.actor, value.id)) {
      throw forbidden('You may not see this account.');
    }
  } else if (value instanceof AuditEvent) {
    if (!maySeeAuditEvent(access.actor, value)) {
      throw forbidden('You may not see this audit event.');
    }
  } else if (value instanceof EmergencyGrant) {
    if (!maySeeEmergencyGrant(access.actor, { doctorId: value.doctor.id, patientId: value.patient.id })) {
      throw forbidden('You may not see this grant.');
    }
  }
}

/** Clinical fields of a non-clinical object (a patient's allergies, an appointment's reason). */
async function guardClinicalField(context: Context, root: unknown): Promise<void> {
  const { access } = context;
  if (root instanceof Patient) {
    await access.assertClinical(root.id);
  } else if (root instanceof Appointment) {
    const actor = access.actor;
    if (actor.kind === 'user' && actor.doctorId === root.doctor.id) {
      audited(context, 'Appointment', root.id, root.patient.id, { relation: 'care' });
      return;
    }
    audited(context, 'Appointment', root.id, root.patient.id, await access.assertClinical(root.patient.id));
  }
}

/**
 * Runs on every field of every operation, whatever path led there: a field marked clinical is
 * checked against its object, and every object a field returns (patient, record, prescription,
 * appointment, account, audit event, grant) is checked and, when it is part of a chart, noted
 * for the audit trail. Nested paths get exactly the answer the top-level query would.
 */
export const accessGuard: MiddlewareFn<Context> = async ({ context, info, root }, next) => {
  if (isClinicalField(info)) {
    await guardClinicalField(context, root);
  }
  const result: unknown = await next();
  if (result !== null && typeof result === 'object') {
    await guardValue(context, result);
  }
  return result;
};
