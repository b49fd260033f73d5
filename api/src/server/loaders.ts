import type { EntityManager } from '@mikro-orm/postgresql';
import { appointmentLoaders } from '../modules/appointments/appointment.loader.js';
import { billingLoaders } from '../modules/billing/billing.loader.js';
import { auditLoaders } from '../modules/audit/audit.loader.js';
import { chartLoaders } from '../modules/chart/chart.loader.js';
import { organisationLoaders } from '../modules/organisation/organisation.loader.js';
import { doctorLoaders } from '../modules/doctors/doctor.loader.js';
import { attachmentLoaders } from '../modules/files/attachment.loader.js';
import { patientLoaders } from '../modules/patients/patient.loader.js';
import { prescriptionLoaders } from '../modules/prescriptions/prescription.loader.js';
import { recordLoaders } from '../modules/records/medical-record.loader.js';
import { messageLoaders } from '../modules/messages/messages.loader.js';
import { webhookLoaders } from '../modules/webhooks/webhook.loader.js';
import { partnerLoaders } from '../modules/partners/partners.loader.js';
import { labLoaders } from '../modules/labs/labs.loader.js';

/**
 * The request's loaders: each module's typed factory, composed once per request. To-one relations
 * are not here: they load through MikroORM references (`ref.loadOrFail()`), which its `dataloader`
 * option batches per request, so one patient is loaded by one loader.
 */
export function createLoaders(em: EntityManager) {
  return {
    patients: patientLoaders(em),
    doctors: doctorLoaders(em),
    appointments: appointmentLoaders(em),
    prescriptions: prescriptionLoaders(em),
    records: recordLoaders(em),
    chart: chartLoaders(em),
    messages: messageLoaders(em),
    partners: partnerLoaders(em),
    files: attachmentLoaders(em),
    organisation: organisationLoaders(em),
    billing: billingLoaders(em),
    audit: auditLoaders(em),
    webhooks: webhookLoaders(em),
    labs: labLoaders(em),
  };
}

export type RequestLoaders = ReturnType<typeof createLoaders>;
