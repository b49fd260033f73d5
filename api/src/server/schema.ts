import { lexicographicSortSchema, printSchema, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { buildSchema, type BuildSchemaOptions, type ContainerType, type PubSub } from 'type-graphql';
import { Appointment } from '../modules/appointments/appointment.entity.js';
import { AuditEvent } from '../modules/audit/audit-event.entity.js';
import { Doctor } from '../modules/doctors/doctor.entity.js';
import { EmergencyGrant } from '../modules/chart/emergency-grant.entity.js';
import { User } from '../modules/identity/user.entity.js';
import { Patient } from '../modules/patients/patient.entity.js';
import { Prescription } from '../modules/prescriptions/prescription.entity.js';
import { MedicalRecord } from '../modules/records/medical-record.entity.js';
import { MedicalRecordVersion } from '../modules/records/medical-record-version.entity.js';
import { AppointmentEvent } from '../modules/appointments/appointment-event.type.js';
import { Slot } from '../modules/appointments/slot.type.js';
import { AuthPayload } from '../modules/identity/auth-payload.type.js';
import { DateTimeScalar } from '../shared/scalars.js';
import { ServerInfoResolver } from './server-info.resolver.js';
import { AuditResolver } from '../modules/audit/audit.resolver.js';
import { AppointmentBookingResolver } from '../modules/appointments/appointment-booking.resolver.js';
import { AppointmentEventResolver } from '../modules/appointments/appointment-event.resolver.js';
import { SlotResolver } from '../modules/appointments/slot.resolver.js';
import { SlotHoldResolver } from '../modules/appointments/slot-hold.resolver.js';
import { WaitlistResolver } from '../modules/waitlist/waitlist.resolver.js';
import { waitlistGuards } from '../modules/waitlist/waitlist.policy.js';
import { ErasureRequestResolver } from '../modules/privacy/erasure-request.resolver.js';
import { AccessAlertResolver } from '../modules/privacy/access-alert.resolver.js';
import { privacyGuards } from '../modules/privacy/privacy.policy.js';
import { AnalyticsResolver } from '../modules/appointments/analytics.resolver.js';
import { ScheduleResolver } from '../modules/doctors/schedule.resolver.js';
import { NotificationResolver } from '../modules/notifications/notification.resolver.js';
import { AppointmentResolver } from '../modules/appointments/appointment.resolver.js';
import { DoctorResolver } from '../modules/doctors/doctor.resolver.js';
import { PatientResolver } from '../modules/patients/patient.resolver.js';
import { MedicalRecordResolver, MedicalRecordVersionResolver } from '../modules/records/medical-record.resolver.js';
import { PrescriptionResolver } from '../modules/prescriptions/prescription.resolver.js';
import { PrescriptionRepeatResolver, RepeatRequestResolver } from '../modules/prescriptions/repeat-request.resolver.js';
import { applyAccessGuard } from './access-guard.js';
import { unwrapPlainFields } from './plain-fields.js';
import {
  AttachmentResolver,
  LabOrderAttachmentsResolver,
  MedicalRecordAttachmentsResolver,
  MessageAttachmentsResolver,
} from '../modules/files/attachment.resolver.js';
import { fileGuards } from '../modules/files/attachment.policy.js';
import type { AnyRowGuard } from '../modules/identity/row-guard.js';
import { identityGuards } from '../modules/identity/identity.policy.js';
import { patientGuards } from '../modules/patients/patient.policy.js';
import { doctorGuards } from '../modules/doctors/doctor.policy.js';
import { appointmentGuards } from '../modules/appointments/appointment.policy.js';
import { prescriptionGuards } from '../modules/prescriptions/prescription.policy.js';
import { recordGuards } from '../modules/records/medical-record.policy.js';
import { auditGuards } from '../modules/audit/audit.policy.js';
import { notificationGuards } from '../modules/notifications/notification.policy.js';
import { validateInput } from './input-validation.js';
import { callResolversDirectly } from './direct-resolvers.js';
import { validateSubscriptionArgumentsOnce } from './subscription-arguments.js';
import { AccountSecurityResolver, UserSecurityFieldsResolver } from '../modules/identity/account-security.resolver.js';
import { applyMfaEnrollmentGate } from './mfa-gate.js';
import { takeBackJsonReads } from './json-read.js';
import { MessageResolver, MessageThreadResolver } from '../modules/messages/messages.resolver.js';
import { messageGuards } from '../modules/messages/messages.policy.js';
import { ApiClientResolver } from '../modules/partners/api-client.resolver.js';
import { ConsentResolver } from '../modules/partners/consent.resolver.js';
import { partnerGuards } from '../modules/partners/partners.policy.js';
import { IdentityResolver } from '../modules/identity/identity.resolver.js';
import { PatientAccountResolver } from '../modules/patients/patient-account.resolver.js';
import { DoctorAdminResolver, UserDoctorResolver } from '../modules/doctors/doctor-admin.resolver.js';
import { PatientChartResolver } from '../modules/chart/chart.resolver.js';
import { EmergencyAccessResolver } from '../modules/chart/emergency-access.resolver.js';
import { MedicalHistoryChangeResolver } from '../modules/chart/medical-history.resolver.js';
import { chartGuards } from '../modules/chart/chart.policy.js';
import { DoctorAppointmentsResolver } from '../modules/appointments/doctor-schedule.resolver.js';
import { AppointmentPrescriptionsResolver } from '../modules/prescriptions/prescription.resolver.js';
import { AppointmentRecordsResolver } from '../modules/records/medical-record.resolver.js';
import {
  AdmissionResolver,
  BedResolver,
  DepartmentResolver,
  HospitalResolver,
  PatientAdmissionsResolver,
} from '../modules/organisation/organisation.resolver.js';
import { OccupancyResolver } from '../modules/organisation/occupancy.resolver.js';
import { organisationGuards } from '../modules/organisation/organisation.policy.js';
import { InvoiceResolver, PaymentResolver } from '../modules/billing/invoice.resolver.js';
import {
  ClaimChangeResolver,
  InsuranceClaimResolver,
  InsurancePolicyResolver,
} from '../modules/billing/insurance.resolver.js';
import { PhoneConfirmationResolver } from '../modules/patients/phone-confirmation.resolver.js';
import { BillingAnalyticsResolver } from '../modules/billing/billing-analytics.resolver.js';
import { billingGuards } from '../modules/billing/billing.policy.js';
import { ScheduleChangeResolver } from '../modules/appointments/schedule-change.resolver.js';
import { ApiClientWebhooksResolver, WebhookResolver } from '../modules/webhooks/webhook.resolver.js';
import { webhookGuards } from '../modules/webhooks/webhook.policy.js';
import { SpecializationResolver } from '../modules/doctors/specialization.resolver.js';
import { LabOrderResolver, PatientLabOrdersResolver } from '../modules/labs/labs.resolver.js';
import { labGuards } from '../modules/labs/labs.policy.js';
import { PatientVisitsResolver } from '../modules/appointments/patient-visits.resolver.js';

const resolvers = [
  ServerInfoResolver,
  IdentityResolver,
  AccountSecurityResolver,
  UserSecurityFieldsResolver,
  PatientAccountResolver,
  UserDoctorResolver,
  PatientChartResolver,
  EmergencyAccessResolver,
  MedicalHistoryChangeResolver,
  DoctorAppointmentsResolver,
  AppointmentPrescriptionsResolver,
  AppointmentRecordsResolver,
  DoctorAdminResolver,
  MedicalRecordResolver,
  PrescriptionResolver,
  RepeatRequestResolver,
  PrescriptionRepeatResolver,
  PatientResolver,
  DoctorResolver,
  AppointmentResolver,
  AuditResolver,
  MedicalRecordVersionResolver,
  AppointmentBookingResolver,
  AppointmentEventResolver,
  SlotResolver,
  SlotHoldResolver,
  WaitlistResolver,
  NotificationResolver,
  ScheduleResolver,
  AnalyticsResolver,
  MessageThreadResolver,
  MessageResolver,
  ApiClientResolver,
  ConsentResolver,
  AttachmentResolver,
  MedicalRecordAttachmentsResolver,
  LabOrderAttachmentsResolver,
  MessageAttachmentsResolver,
  HospitalResolver,
  DepartmentResolver,
  BedResolver,
  AdmissionResolver,
  PatientAdmissionsResolver,
  OccupancyResolver,
  InvoiceResolver,
  PaymentResolver,
  InsurancePolicyResolver,
  InsuranceClaimResolver,
  ClaimChangeResolver,
  PhoneConfirmationResolver,
  BillingAnalyticsResolver,
  SpecializationResolver,
  ScheduleChangeResolver,
  WebhookResolver,
  ApiClientWebhooksResolver,
  LabOrderResolver,
  PatientLabOrdersResolver,
  PatientVisitsResolver,
  ErasureRequestResolver,
  AccessAlertResolver,
] as const;

/** Types of the contract that no operation reaches yet; listed so the schema carries them. */
const contractTypes = [
  User,
  Patient,
  Doctor,
  Appointment,
  Prescription,
  MedicalRecord,
  MedicalRecordVersion,
  AuditEvent,
  EmergencyGrant,
  AuthPayload,
  Slot,
  AppointmentEvent,
];

const topicPubSubUnused: PubSub = {
  publish() {
    throw new Error('Topic pub/sub is not used: publish through PostgreSQL NOTIFY.');
  },
  subscribe() {
    throw new Error('Topic pub/sub is not used: subscribe with a `subscribe` function.');
  },
};

/** Every module's row guards (its `<module>.policy.ts`): an entity type without one stops the build. */
export const rowGuards: readonly AnyRowGuard[] = [
  ...identityGuards,
  ...patientGuards,
  ...doctorGuards,
  ...appointmentGuards,
  ...prescriptionGuards,
  ...recordGuards,
  ...auditGuards,
  ...notificationGuards,
  ...chartGuards,
  ...messageGuards,
  ...partnerGuards,
  ...fileGuards,
  ...organisationGuards,
  ...billingGuards,
  ...webhookGuards,
  ...labGuards,
  ...waitlistGuards,
  ...privacyGuards,
];

export interface SchemaOptions {
  /** More object types to carry (tests use it to add a type the guards do not know). */
  readonly extraTypes?: readonly (new () => object)[];
  /** Keep type-graphql's own resolvers (tests compare them with the direct calls of direct-resolvers.ts). */
  readonly typeGraphqlResolvers?: boolean;
}

/**
 * One instance of each resolver (and middleware) class, found by a map: type-graphql's default
 * container does the same with a search through a list of every class on each field it resolves.
 */
function resolverInstances(): ContainerType {
  const instances = new Map<new () => object, object>();
  return {
    get(someClass: new () => object) {
      let instance = instances.get(someClass);
      if (!instance) {
        instance = new someClass();
        instances.set(someClass, instance);
      }
      return instance;
    },
  };
}

export async function buildAppSchema(options: SchemaOptions = {}): Promise<GraphQLSchema> {
  const built = {
    resolvers,
    orphanedTypes: [...contractTypes, ...(options.extraTypes ?? [])],
    // type-graphql 2 validates inputs only when asked.
    validate: true,
    validateFn: validateInput,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // Subscriptions stream from PostgreSQL LISTEN/NOTIFY (AppointmentEventHub) through their own
    // `subscribe` functions; type-graphql still wants a topic pub/sub, which nothing may use.
    pubSub: topicPubSubUnused,
    emitSchemaFile: false,
    container: resolverInstances(),
  } satisfies BuildSchemaOptions;
  const schema = await buildSchema(built);
  describeRootTypes(schema);
  // Resolver methods called without type-graphql's per-call promise pipeline where it only copies
  // (direct-resolvers.ts); under every wrapper below, so every rule still runs around them.
  if (!options.typeGraphqlResolvers) {
    callResolversDirectly(schema, built);
  }
  // A subscription's event arguments are validated once per distinct set, not per event and subscriber.
  validateSubscriptionArgumentsOnce(schema, built);
  // Plain properties are read by GraphQL itself, not through type-graphql's per-field wrapper.
  unwrapPlainFields(schema, built);
  // Every field that can lead to data passes the access guard, on every path (access-guard.ts).
  // Outermost: a list the JSON path read but left to the general path is not read twice (json-read.ts).
  return takeBackJsonReads(applyMfaEnrollmentGate(applyAccessGuard(schema, rowGuards)));
}

/** type-graphql names the root types but gives them no description; these are the API's entry points. */
function describeRootTypes(schema: GraphQLSchema): void {
  const descriptions: [GraphQLObjectType | null | undefined, string][] = [
    [schema.getQueryType(), 'Everything that can be read. Each field says who may ask.'],
    [schema.getMutationType(), 'Every change. Each runs in one transaction; errors carry `extensions.code`.'],
    [schema.getSubscriptionType(), 'Live streams over WebSocket (`graphql-transport-ws` on `/graphql`).'],
  ];
  for (const [type, description] of descriptions) {
    if (type && !type.description) {
      type.description = description;
    }
  }
}

/** The SDL committed as schema/schema.graphql: sorted, so it changes only when the API does. */
export function printAppSchema(schema: GraphQLSchema): string {
  return `# Generated by \`npm run schema\` from the type-graphql classes. Do not edit by hand.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
