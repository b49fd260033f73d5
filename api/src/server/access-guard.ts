import { defaultFieldResolver, getNamedType, isLeafType, isObjectType, type GraphQLSchema } from 'graphql';
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
import { ApiClient } from '../modules/partners/api-client.entity.js';
import { Consent } from '../modules/partners/consent.entity.js';
import { forbidden } from '../shared/errors.js';
import type { Context } from './context.js';

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
  } else if (value instanceof ApiClient) {
    // People see partners by name and scopes (admins manage them, patients consent to them).
    if (access.actor.kind !== 'user') {
      throw forbidden('You may not see this API client.');
    }
  } else if (value instanceof Consent) {
    if (access.actor.kind !== 'user' || access.actor.patientId !== value.patient.id) {
      throw forbidden('You may not see this consent.');
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
 * Puts the guard on every field that can return an object or is marked clinical, whatever type
 * it belongs to, so every path through the graph is checked: a field marked clinical is checked
 * against its object, and every object a field returns (patient, record, prescription,
 * appointment, account, audit event, grant) is checked and, when it is part of a chart, noted for
 * the audit trail. Fields of scalars and enums are left alone: they cannot lead anywhere.
 */
export function applyAccessGuard(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) {
      continue;
    }
    for (const field of Object.values(type.getFields())) {
      const clinical = field.extensions['clinical'] === true;
      if (!clinical && isLeafType(getNamedType(field.type))) {
        continue;
      }
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = async (root: unknown, args, context: Context, info) => {
        if (clinical) {
          await guardClinicalField(context, root);
        }
        const result: unknown = await resolve(root, args, context, info);
        if (result !== null && typeof result === 'object') {
          await guardValue(context, result);
        }
        return result;
      };
    }
  }
  return schema;
}
