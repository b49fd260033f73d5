import { Webhook, WebhookDelivery } from '../modules/webhooks/webhook.entity.js';
import { AppointmentChange } from '../modules/appointments/appointment-change.entity.js';
import { AppointmentEventRecord } from '../modules/appointments/appointment-event.entity.js';
import { Appointment } from '../modules/appointments/appointment.entity.js';
import { SlotHold } from '../modules/appointments/slot-hold.entity.js';
import { WaitlistEntry } from '../modules/waitlist/waitlist-entry.entity.js';
import { ErasureRequest } from '../modules/privacy/erasure-request.entity.js';
import { AccessAlert } from '../modules/privacy/access-alert.entity.js';
import { AuditEvent } from '../modules/audit/audit-event.entity.js';
import { AvailabilityRule } from '../modules/doctors/availability-rule.entity.js';
import { Doctor } from '../modules/doctors/doctor.entity.js';
import { Specialization } from '../modules/doctors/specialization.entity.js';
import { TimeOff } from '../modules/doctors/time-off.entity.js';
import { EmergencyGrant } from '../modules/chart/emergency-grant.entity.js';
import { LoginFailure } from '../modules/identity/login-failure.entity.js';
import { RefreshToken } from '../modules/identity/refresh-token.entity.js';
import { User } from '../modules/identity/user.entity.js';
import { MfaChallenge } from '../modules/identity/mfa-challenge.entity.js';
import { EmailVerification } from '../modules/identity/email-verification.entity.js';
import { PasswordReset } from '../modules/identity/password-reset.entity.js';
import { RecoveryCode } from '../modules/identity/recovery-code.entity.js';
import { Notification } from '../modules/notifications/notification.entity.js';
import { Patient } from '../modules/patients/patient.entity.js';
import { MedicalHistoryChange } from '../modules/patients/medical-history-change.entity.js';
import { PhoneConfirmation } from '../modules/patients/phone-confirmation.entity.js';
import { PrescriptionItem } from '../modules/prescriptions/prescription-item.entity.js';
import { Prescription } from '../modules/prescriptions/prescription.entity.js';
import { RepeatRequest } from '../modules/prescriptions/repeat-request.entity.js';
import { MedicalRecordContent } from '../modules/records/medical-record-content.js';
import { MedicalRecordVersion } from '../modules/records/medical-record-version.entity.js';
import { MedicalRecord } from '../modules/records/medical-record.entity.js';
import { ApiClient } from '../modules/partners/api-client.entity.js';
import { Consent } from '../modules/partners/consent.entity.js';
import { IdempotencyRecord } from '../server/idempotency.entity.js';
import { RateLimitBucket } from '../server/rate-limit.entity.js';
import { BaseEntity } from '../shared/base.entity.js';
import { MessageThread } from '../modules/messages/message-thread.entity.js';
import { Message } from '../modules/messages/message.entity.js';
import { Attachment } from '../modules/files/attachment.entity.js';
import { Hospital } from '../modules/organisation/hospital.entity.js';
import { Department } from '../modules/organisation/department.entity.js';
import { Bed } from '../modules/organisation/bed.entity.js';
import { Admission } from '../modules/organisation/admission.entity.js';
import { Invoice } from '../modules/billing/invoice.entity.js';
import { InvoiceLine } from '../modules/billing/invoice-line.entity.js';
import { InvoiceCounter } from '../modules/billing/invoice-counter.entity.js';
import { Payment } from '../modules/billing/payment.entity.js';
import { InsurancePolicy } from '../modules/billing/insurance-policy.entity.js';
import { InsuranceClaim } from '../modules/billing/insurance-claim.entity.js';
import { ClaimChange } from '../modules/billing/claim-change.entity.js';
import { FhirExport } from '../modules/fhir/fhir-export.entity.js';
import { LabOrder } from '../modules/labs/lab-order.entity.js';
import { LabResult } from '../modules/labs/lab-result.entity.js';
import { OutboxEntry } from '../shared/outbox-entry.entity.js';

/** Every table the ORM knows, listed once (no folder scanning, so builds and tests agree). */
export const entities = [
  BaseEntity,
  MedicalRecordContent,
  User,
  RefreshToken,
  LoginFailure,
  MfaChallenge,
  RecoveryCode,
  PasswordReset,
  EmailVerification,
  EmergencyGrant,
  Patient,
  MedicalHistoryChange,
  PhoneConfirmation,
  Specialization,
  Doctor,
  AvailabilityRule,
  TimeOff,
  Appointment,
  SlotHold,
  WaitlistEntry,
  ErasureRequest,
  AccessAlert,
  AppointmentChange,
  AppointmentEventRecord,
  Prescription,
  RepeatRequest,
  PrescriptionItem,
  MedicalRecord,
  MedicalRecordVersion,
  AuditEvent,
  Notification,
  MessageThread,
  Message,
  ApiClient,
  Consent,
  Webhook,
  WebhookDelivery,
  RateLimitBucket,
  IdempotencyRecord,
  Attachment,
  Hospital,
  Department,
  Bed,
  Admission,
  Invoice,
  InvoiceLine,
  InvoiceCounter,
  Payment,
  InsurancePolicy,
  InsuranceClaim,
  ClaimChange,
  FhirExport,
  LabOrder,
  LabResult,
  OutboxEntry,
];
