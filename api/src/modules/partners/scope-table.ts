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
    appointmentChanges: 'events:read',
    medicalRecord: 'clinical:read',
    prescription: 'clinical:read',
    me: null,
    repeatRequests: null,
    repeatRequestCount: null,
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
    // An insurer's client: the claims against its policies, of patients who share their data with it.
    claims: 'claims:read',
    claimTotals: 'claims:read',
    receivables: null,
    revenue: null,
    balanceDue: null,
    firstAvailableSlots: 'doctors:read',
    specializations: 'doctors:read',
    patientLookup: null,
    affectedAppointments: null,
    // Account security is a person's own: a partner has no account, sessions or second factor.
    mySessions: null,
    // Messages are private correspondence between a patient and their doctor: never a third party's, consent
    // or not (DATA_SHARING covers the chart, not the conversation).
    messageThreads: null,
    messageThread: null,
    unreadMessageCount: null,
    careTeam: null,
    // Holds and the waitlist are the patient's own booking flow, not for API clients (a partner
    // books directly with appointments:write).
    myWaitlist: null,
    doctorWaitlist: null,
    // A record's file is chart content: under consent, like the record (its owner rule refuses message files).
    attachment: 'clinical:read',
    webhooks: 'events:read',
    webhookDeliveries: 'events:read',
    labCatalogue: 'public',
    labOrder: 'clinical:read',
    labResultsToReview: null,
    labResultsToReviewCount: null,
  },
  Mutation: {
    addTimeOff: null,
    amendMedicalRecord: null,
    bookAppointment: 'appointments:write',
    holdSlot: null,
    releaseSlotHold: null,
    joinWaitlist: null,
    acceptWaitlistOffer: null,
    leaveWaitlist: null,
    cancelAppointment: 'appointments:write',
    checkInAppointment: null,
    completeAppointment: null,
    confirmAppointment: null,
    createDoctor: null,
    createMedicalRecord: null,
    deactivateUser: null,
    discontinuePrescription: null,
    issuePrescription: null,
    requestRepeatPrescription: null,
    declineRepeatRequest: null,
    withdrawRepeatRequest: null,
    login: null,
    logout: null,
    markNoShow: null,
    markNotificationRead: null,
    refreshSession: null,
    registerPatient: null,
    removeTimeOff: null,
    requestEmergencyAccess: null,
    rescheduleAppointment: 'appointments:write',
    setDoctorAvailability: null,
    updatePatient: null,
    updateDoctor: null,
    createApiClient: null,
    rotateApiClientSecret: null,
    revokeApiClient: null,
    grantConsent: null,
    revokeConsent: null,
    createHospital: null,
    updateHospital: null,
    createDepartment: null,
    updateDepartment: null,
    createBed: null,
    setBedStatus: null,
    admitPatient: null,
    dischargePatient: null,
    transferPatient: null,
    issueInvoice: null,
    issueInvoices: null,
    recordPayment: null,
    voidInvoice: null,
    addInsurancePolicy: null,
    submitClaim: null,
    decideClaim: 'claims:write',
    // A patient's own phone and how they want reminders: never a partner's.
    startPhoneConfirmation: null,
    confirmPhone: null,
    setSmsReminders: null,
    markAllNotificationsRead: null,
    // Account security: a person's own sign-in (partners authenticate with client credentials instead).
    startTotpEnrollment: null,
    confirmTotpEnrollment: null,
    disableTotp: null,
    completeMfaLogin: null,
    requestPasswordReset: null,
    resetPassword: null,
    changePassword: null,
    verifyEmail: null,
    resendEmailVerification: null,
    revokeSession: null,
    revokeOtherSessions: null,
    // Messages: only the two people of a conversation write or read it.
    startThread: null,
    sendMessage: null,
    markThreadRead: null,
    reactivateUser: null,
    resolveAffectedAppointments: null,
    createSpecialization: null,
    // Uploads: a caring doctor writes the chart, a participant writes a conversation; no scope writes files.
    createAttachmentUpload: null,
    createWebhook: 'events:read',
    deleteWebhook: 'events:read',
    reactivateWebhook: 'events:read',
    testWebhook: 'events:read',
    orderLabTests: null,
    recordLabResults: 'labs:write',
    markLabSpecimenCollected: 'labs:write',
    cancelLabOrder: null,
    markLabResultsReviewed: null,
  },
  Subscription: {
    appointmentUpdated: 'events:read',
    bedAvailabilityChanged: null,
    // Live messages: the conversation's two people only.
    messageReceived: null,
    notificationReceived: null,
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
  RepeatRequest: null,
  LabResult: 'clinical:read',
  RecordLabResult: 'clinical:read',
  LabOrder: 'clinical:read',
  LabTest: 'clinical:read',
  LabCatalogueEntry: 'public',
  Surgery: 'clinical:read',
  FamilyHistoryEntry: 'clinical:read',
  TimelineEntry: 'clinical:read',
  MedicalHistoryChange: 'clinical:read',
  ApiScope: 'public',
  PageInfo: 'structural',
  User: null,
  AuthPayload: null,
  AuditEvent: null,
  EmergencyGrant: null,
  Notification: null,
  SlotHold: null,
  WaitlistEntry: null,
  Analytics: null,
  DailyAppointments: null,
  DoctorUtilisation: null,
  ApiClient: null,
  ApiClientSecret: null,
  Consent: null,
  // An amount and its currency: covered by the field that leads to it.
  Money: 'public',
  Department: null,
  Hospital: null,
  Bed: null,
  Admission: null,
  DepartmentBeds: null,
  DailyOccupancy: null,
  // An insurer sees the invoices it is claimed for, their lines and the policy (billing/insurer-access.ts);
  // the patient's own payments are not its business.
  Invoice: 'claims:read',
  InvoiceLine: 'claims:read',
  Payment: null,
  InsurancePolicy: 'claims:read',
  InsuranceClaim: 'claims:read',
  ClaimChange: 'claims:read',
  ClaimTotals: 'claims:read',
  Receivables: null,
  Revenue: null,
  BalanceDue: null,
  DoctorSlot: 'doctors:read',
  Specialization: 'doctors:read',
  PatientLookupResult: null,
  // A person's own sign-ins and second factor: no partner has either.
  Session: null,
  // Private correspondence between a patient and their doctor, consent or not.
  MessageThread: null,
  Message: null,
  TotpEnrollment: null,
  // A file of a consenting patient's record, read and downloaded like the record; a conversation's file is
  // refused by its owner rule (attachment-owners.ts) whatever the scope.
  Attachment: 'clinical:read',
  // Only people upload.
  AttachmentUpload: null,
  AgeingBucket: null,
  Webhook: 'events:read',
  WebhookSecret: 'events:read',
  WebhookDelivery: 'events:read',
  WebhookTestResult: 'events:read',
};

/** Fields whose need differs from their type's (beyond clinical ones). */
export const FIELD_SCOPES: Record<string, ScopeRequirement> = {
  // An invoice's payments, its hospital's page and its PDF link are the clinic's and the patient's, not the insurer's.
  'Invoice.payments': null,
  'Invoice.pdfUrl': null,
  'Invoice.hospital': null,
  // How the patient wants reminders: their own setting, not a partner's business.
  'Patient.phoneConfirmed': null,
  'Patient.smsReminders': null,
};

/** Connection and edge types are wrappers: named `<Node>Connection` / `<Node>Edge`. */
export function isStructuralTypeName(name: string): boolean {
  return /^[A-Z]\w*(Connection|Edge)$/.test(name);
}

/** Routes outside GraphQL, for the partner guide; each route asks `AccessControl.requireScope` itself. */
export const ROUTE_SCOPES: Record<string, ScopeRequirement> = {
  'GET /prescriptions/{id}.pdf': 'clinical:read',
  // FHIR: `fhir:read` and the scope of the data (modules/fhir DATA_SCOPES), consenting patients only.
  'GET /fhir/R4/{type}[/{id}]': 'fhir:read',
  'GET /fhir/R4/$export': 'fhir:export',
};
