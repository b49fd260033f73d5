import type { Scope } from './scopes.js';

/**
 * What a partner needs for each part of the schema: the one scope table. `public`: any caller;
 * `structural`: a wrapper (connection, edge, page info) covered by the field that leads to it;
 * `null`: not for API clients at all. A field marked clinical (`@Extensions(CLINICAL)`) needs
 * `clinical:read` whatever its type's scope. Anything not listed is refused (fail closed), and
 * scope-table.test.ts fails for any operation or type of the built schema missing here.
 */
export type ScopeRequirement = Scope | 'public' | 'structural' | null;

export const OPERATION_SCOPES: Record<'Query' | 'Mutation' | 'Subscription', Record<string, ScopeRequirement>> = {
  Query: {
    serverTime: 'public',
    apiScopes: 'public',
    doctors: 'doctors:read',
    doctor: 'doctors:read',
    availableSlots: 'doctors:read',
    patients: 'patients:read',
    patient: 'patients:read',
    appointments: 'appointments:read',
    appointment: 'appointments:read',
    medicalRecord: 'clinical:read',
    prescription: 'clinical:read',
    me: null,
    analytics: null,
    auditEvents: null,
    myAccessLog: null,
    notifications: null,
    unreadNotificationCount: null,
    apiClients: null,
    sharingPartners: null,
    myConsents: null,
    hospitals: null,
    bedAvailability: null,
    admissions: null,
    bedOccupancy: null,
    invoices: null,
    invoice: null,
    insurancePolicies: null,
    claims: null,
    claimTotals: null,
    receivables: null,
  },
  Mutation: {
    addTimeOff: null,
    amendMedicalRecord: null,
    bookAppointment: 'appointments:write',
    cancelAppointment: null,
    checkInAppointment: null,
    completeAppointment: null,
    confirmAppointment: null,
    createDoctor: null,
    createMedicalRecord: null,
    deactivateUser: null,
    discontinuePrescription: null,
    issuePrescription: null,
    login: null,
    logout: null,
    markNoShow: null,
    markNotificationRead: null,
    refreshSession: null,
    registerPatient: null,
    removeTimeOff: null,
    requestEmergencyAccess: null,
    rescheduleAppointment: null,
    setDoctorAvailability: null,
    updatePatient: null,
    createApiClient: null,
    rotateApiClientSecret: null,
    revokeApiClient: null,
    grantConsent: null,
    revokeConsent: null,
    createHospital: null,
    createDepartment: null,
    createBed: null,
    setBedStatus: null,
    admitPatient: null,
    dischargePatient: null,
    issueInvoice: null,
    recordPayment: null,
    voidInvoice: null,
    addInsurancePolicy: null,
    submitClaim: null,
    decideClaim: null,
  },
  Subscription: {
    appointmentUpdated: 'events:read',
    bedAvailabilityChanged: null,
  },
};

export const TYPE_SCOPES: Record<string, ScopeRequirement> = {
  Doctor: 'doctors:read',
  AvailabilityRule: 'doctors:read',
  Slot: 'doctors:read',
  TimeOff: 'doctors:read',
  Patient: 'patients:read',
  EmergencyContact: 'patients:read',
  Insurance: 'patients:read',
  Appointment: 'appointments:read',
  AppointmentEvent: 'events:read',
  MedicalRecord: 'clinical:read',
  MedicalRecordVersion: 'clinical:read',
  Diagnosis: 'clinical:read',
  Vitals: 'clinical:read',
  Prescription: 'clinical:read',
  PrescriptionItem: 'clinical:read',
  LabResult: 'clinical:read',
  Surgery: 'clinical:read',
  FamilyHistoryEntry: 'clinical:read',
  TimelineEntry: 'clinical:read',
  ApiScope: 'public',
  PageInfo: 'structural',
  User: null,
  AuthPayload: null,
  AuditEvent: null,
  EmergencyGrant: null,
  Notification: null,
  Analytics: null,
  DailyAppointments: null,
  DoctorUtilisation: null,
  ApiClient: null,
  ApiClientSecret: null,
  Consent: null,
  Money: null,
  Department: null,
  Hospital: null,
  Bed: null,
  Admission: null,
  DepartmentBeds: null,
  DailyOccupancy: null,
  Invoice: null,
  InvoiceLine: null,
  Payment: null,
  InsurancePolicy: null,
  InsuranceClaim: null,
  ClaimChange: null,
  ClaimTotals: null,
  Receivables: null,
  AgeingBucket: null,
};

/** Fields whose need differs from their type's (beyond clinical ones). */
export const FIELD_SCOPES: Record<string, ScopeRequirement> = {};

/** Connection and edge types are wrappers: named `<Node>Connection` / `<Node>Edge`. */
export function isStructuralTypeName(name: string): boolean {
  return /^[A-Z]\w*(Connection|Edge)$/.test(name);
}

/** Routes outside GraphQL, for the partner guide; each route asks `AccessControl.requireScope` itself. */
export const ROUTE_SCOPES: Record<string, ScopeRequirement> = {
  'GET /prescriptions/{id}.pdf': 'clinical:read',
};
