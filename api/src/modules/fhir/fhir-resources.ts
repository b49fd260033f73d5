import type {
  AllergyIntolerance,
  Appointment as FhirAppointment,
  Condition,
  ContactPoint,
  MedicationRequest,
  Observation,
  Patient as FhirPatient,
  Practitioner,
  PractitionerRole,
  Quantity,
  Reference,
} from '@medplum/fhirtypes';
import { AppointmentStatus, AppointmentType } from '../appointments/appointment-status.js';
import type { Appointment } from '../appointments/appointment.entity.js';
import type { Doctor } from '../doctors/doctor.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import { PrescriptionStatus } from '../prescriptions/prescription-status.js';
import type { PrescriptionItem } from '../prescriptions/prescription-item.entity.js';
import type { Prescription } from '../prescriptions/prescription.entity.js';
import type { MedicalRecord } from '../records/medical-record.entity.js';
import {
  administrativeGender,
  icd10System,
  SYSTEMS,
  VITAL_SIGNS,
  VITAL_SIGNS_CATEGORY,
  type VitalSign,
} from './fhir-vocabulary.js';

/**
 * Pure mappings from the clinic's entities to FHIR R4 resources (types from @medplum/fhirtypes).
 * Ids: entities keep their UUID; resources derived from part of an entity are `<uuid>-<part>`
 * (`<recordId>-hr`, `<recordId>-dx0`, `<patientId>-al1`), so a read finds their source row.
 */

const ref = <T extends 'Patient' | 'Practitioner'>(
  type: T,
  id: string,
): Reference<T extends 'Patient' ? FhirPatient : Practitioner> => ({ reference: `${type}/${id}` });
const instant = (date: Date): string => date.toISOString();

export interface PatientFacts {
  readonly email: string;
  readonly active: boolean;
}

export function toFhirPatient(patient: Patient, facts: PatientFacts): FhirPatient {
  const telecom: ContactPoint[] = [
    ...(patient.phone ? [{ system: 'phone' as const, value: patient.phone }] : []),
    { system: 'email', value: facts.email },
  ];
  const gender = administrativeGender(patient.gender);
  return {
    resourceType: 'Patient',
    id: patient.id,
    meta: { lastUpdated: instant(patient.updatedAt) },
    active: facts.active,
    name: [{ use: 'official', family: patient.lastName, given: [patient.firstName] }],
    birthDate: patient.dateOfBirth,
    ...(gender ? { gender } : {}),
    telecom,
    ...(patient.address ? { address: [{ text: patient.address }] } : {}),
    ...(patient.emergencyContacts.length
      ? {
          contact: patient.emergencyContacts.map((contact) => ({
            relationship: [{ text: contact.relationship }],
            name: { text: contact.name },
            telecom: [{ system: 'phone' as const, value: contact.phone }],
          })),
        }
      : {}),
  };
}

export function toPractitioner(doctor: Doctor): Practitioner {
  return {
    resourceType: 'Practitioner',
    id: doctor.id,
    meta: { lastUpdated: instant(doctor.updatedAt) },
    active: true,
    identifier: [{ system: SYSTEMS.licenseNumber, value: doctor.licenseNumber }],
    name: [{ use: 'official', family: doctor.lastName, given: [doctor.firstName], prefix: ['Dr'] }],
    ...(doctor.qualifications.length
      ? { qualification: doctor.qualifications.map((text) => ({ code: { text } })) }
      : {}),
  };
}

/** The doctor's role at the clinic: their specialisation (one role per doctor, same id). */
export function toPractitionerRole(doctor: Doctor): PractitionerRole {
  return {
    resourceType: 'PractitionerRole',
    id: doctor.id,
    meta: { lastUpdated: instant(doctor.updatedAt) },
    active: true,
    practitioner: { ...ref('Practitioner', doctor.id), display: `Dr ${doctor.firstName} ${doctor.lastName}` },
    specialty: [{ text: doctor.specialization }],
  };
}

const APPOINTMENT_STATUS: Readonly<Record<AppointmentStatus, FhirAppointment['status']>> = {
  [AppointmentStatus.REQUESTED]: 'pending',
  [AppointmentStatus.CONFIRMED]: 'booked',
  [AppointmentStatus.CHECKED_IN]: 'checked-in',
  [AppointmentStatus.COMPLETED]: 'fulfilled',
  [AppointmentStatus.CANCELLED]: 'cancelled',
  [AppointmentStatus.NO_SHOW]: 'noshow',
};

/** FHIR appointment statuses (search `status`) back to ours. */
export const APPOINTMENT_STATUS_FROM_FHIR: ReadonlyMap<string, AppointmentStatus> = new Map(
  Object.entries(APPOINTMENT_STATUS).map(([ours, theirs]) => [theirs, ours as AppointmentStatus]),
);

const APPOINTMENT_TYPE: Readonly<Record<AppointmentType, { code: string; display: string }>> = {
  [AppointmentType.REGULAR]: { code: 'ROUTINE', display: 'Routine appointment - default if not valued' },
  [AppointmentType.FOLLOW_UP]: { code: 'FOLLOWUP', display: 'A follow up visit from a previous appointment' },
  [AppointmentType.EMERGENCY]: { code: 'EMERGENCY', display: 'Emergency appointment' },
};

/** `reason` is passed only when the caller may read it (the clinical field rule of GraphQL). */
export function toFhirAppointment(appointment: Appointment, reason: string | undefined): FhirAppointment {
  const status = APPOINTMENT_STATUS[appointment.status];
  const participant = (
    actor: Reference<FhirPatient> | Reference<Practitioner>,
  ): NonNullable<FhirAppointment['participant']>[number] => ({
    actor,
    required: 'required',
    status: status === 'cancelled' ? 'declined' : status === 'pending' ? 'needs-action' : 'accepted',
  });
  return {
    resourceType: 'Appointment',
    id: appointment.id,
    meta: { lastUpdated: instant(appointment.updatedAt) },
    status,
    appointmentType: { coding: [{ system: SYSTEMS.appointmentType, ...APPOINTMENT_TYPE[appointment.type] }] },
    ...(reason ? { reasonCode: [{ text: reason }] } : {}),
    ...(appointment.cancellationReason ? { cancelationReason: { text: appointment.cancellationReason } } : {}),
    start: instant(appointment.startsAt),
    end: instant(appointment.endsAt),
    minutesDuration: Math.round((appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000),
    created: instant(appointment.createdAt),
    participant: [
      participant(ref('Patient', appointment.patient.id)),
      participant(ref('Practitioner', appointment.doctor.id)),
    ],
  };
}

const PRESCRIPTION_STATUS: Readonly<Record<PrescriptionStatus, MedicationRequest['status']>> = {
  [PrescriptionStatus.ACTIVE]: 'active',
  [PrescriptionStatus.COMPLETED]: 'completed',
  [PrescriptionStatus.DISCONTINUED]: 'stopped',
};

const days = (value: number): Quantity => ({ value, unit: 'days', system: SYSTEMS.ucum, code: 'd' });

/** One MedicationRequest per prescription item, with its dosage text and its course in days. */
export function toMedicationRequest(item: PrescriptionItem, prescription: Prescription): MedicationRequest {
  const dosage = `${item.dosage}, ${item.frequency}, for ${item.durationDays} day${item.durationDays === 1 ? '' : 's'}`;
  return {
    resourceType: 'MedicationRequest',
    id: item.id,
    meta: { lastUpdated: instant(prescription.updatedAt) },
    groupIdentifier: { value: prescription.id },
    status: PRESCRIPTION_STATUS[prescription.status()],
    ...(prescription.discontinuedReason ? { statusReason: { text: prescription.discontinuedReason } } : {}),
    intent: 'order',
    medicationCodeableConcept: { text: item.medication },
    subject: ref('Patient', prescription.patient.id),
    authoredOn: instant(prescription.issuedAt),
    requester: ref('Practitioner', prescription.doctor.id),
    // A repeat the patient asked for continues the earlier course's item of the same medicine.
    ...(item.repeatOf ? { priorPrescription: { reference: `MedicationRequest/${item.repeatOf.id}` } } : {}),
    ...(prescription.notes ? { note: [{ text: prescription.notes }] } : {}),
    dosageInstruction: [
      {
        sequence: item.position + 1,
        text: dosage,
        ...(item.instructions ? { patientInstruction: item.instructions } : {}),
        timing: { repeat: { boundsDuration: days(item.durationDays) } },
      },
    ],
    dispenseRequest: { expectedSupplyDuration: days(item.durationDays) },
  };
}

const codeOf = (sign: VitalSign) => ({
  coding: [{ system: SYSTEMS.loinc, code: sign.loinc, display: sign.display }],
  text: sign.display,
});
const quantityOf = (sign: VitalSign, value: number): Quantity => ({
  value,
  unit: sign.unit,
  system: SYSTEMS.ucum,
  code: sign.ucum,
});

/** The vital signs of a record, one Observation per measurement (blood pressure as one panel). */
export function toVitalSignObservations(record: MedicalRecord): Observation[] {
  const vitals = record.vitals;
  if (!vitals) {
    return [];
  }
  const base = {
    resourceType: 'Observation' as const,
    status: 'final' as const,
    category: [
      {
        coding: [{ system: SYSTEMS.observationCategory, code: VITAL_SIGNS_CATEGORY, display: 'Vital Signs' }],
        text: 'Vital Signs',
      },
    ],
    subject: ref('Patient', record.patient.id),
    effectiveDateTime: instant(record.recordedAt),
    performer: [ref('Practitioner', record.doctor.id)],
  };
  return VITAL_SIGNS.flatMap((sign): Observation[] => {
    const meta = {
      lastUpdated: instant(record.updatedAt),
      profile: [`http://hl7.org/fhir/StructureDefinition/${sign.profile}`],
    };
    if (sign.kind === 'single') {
      const value = vitals[sign.field];
      return typeof value === 'number'
        ? [
            {
              ...base,
              id: `${record.id}-${sign.slug}`,
              meta,
              code: codeOf(sign),
              valueQuantity: quantityOf(sign, value),
            },
          ]
        : [];
    }
    const components = sign.components.flatMap((part) => {
      const value = vitals[part.field];
      return typeof value === 'number' ? [{ code: codeOf(part), valueQuantity: quantityOf(part, value) }] : [];
    });
    return components.length
      ? [{ ...base, id: `${record.id}-${sign.slug}`, meta, code: codeOf(sign), component: components }]
      : [];
  });
}

/** The diagnoses of a record as encounter diagnoses coded in ICD-10 or, for its longer codes, ICD-10-CM. */
export function toDiagnosisConditions(record: MedicalRecord): Condition[] {
  return record.diagnoses.map((diagnosis, index) => ({
    resourceType: 'Condition',
    id: `${record.id}-dx${index}`,
    meta: { lastUpdated: instant(record.updatedAt) },
    verificationStatus: { coding: [{ system: SYSTEMS.conditionVerification, code: 'confirmed' }] },
    category: [
      { coding: [{ system: SYSTEMS.conditionCategory, code: 'encounter-diagnosis', display: 'Encounter Diagnosis' }] },
    ],
    code: {
      coding: [{ system: icd10System(diagnosis.code), code: diagnosis.code, display: diagnosis.description }],
      text: diagnosis.description,
    },
    subject: ref('Patient', record.patient.id),
    recordedDate: instant(record.recordedAt),
    recorder: ref('Practitioner', record.doctor.id),
  }));
}

/** The patient's chronic conditions (free text in their history) on the problem list. */
export function toProblemListConditions(patient: Patient): Condition[] {
  return patient.chronicConditions.map((text, index) => ({
    resourceType: 'Condition',
    id: `${patient.id}-cc${index}`,
    meta: { lastUpdated: instant(patient.updatedAt) },
    clinicalStatus: { coding: [{ system: SYSTEMS.conditionClinical, code: 'active' }] },
    category: [
      { coding: [{ system: SYSTEMS.conditionCategory, code: 'problem-list-item', display: 'Problem List Item' }] },
    ],
    code: { text },
    subject: ref('Patient', patient.id),
  }));
}

/** The patient's allergies (free text in their history). */
export function toAllergyIntolerances(patient: Patient): AllergyIntolerance[] {
  return patient.allergies.map((text, index) => ({
    resourceType: 'AllergyIntolerance',
    id: `${patient.id}-al${index}`,
    meta: { lastUpdated: instant(patient.updatedAt) },
    clinicalStatus: { coding: [{ system: SYSTEMS.allergyClinical, code: 'active' }] },
    code: { text },
    patient: ref('Patient', patient.id),
  }));
}
