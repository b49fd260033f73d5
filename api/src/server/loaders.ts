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

/** Each module's typed factory of per-request loaders. */
const FACTORIES = {
  patients: patientLoaders,
  doctors: doctorLoaders,
  appointments: appointmentLoaders,
  prescriptions: prescriptionLoaders,
  records: recordLoaders,
  chart: chartLoaders,
  messages: messageLoaders,
  partners: partnerLoaders,
  files: attachmentLoaders,
  organisation: organisationLoaders,
  billing: billingLoaders,
  audit: auditLoaders,
  webhooks: webhookLoaders,
  labs: labLoaders,
};

type Factories = typeof FACTORIES;
export type RequestLoaders = { readonly [K in keyof Factories]: ReturnType<Factories[K]> };

/** One request's loaders, each module's made on first use (most requests use one or two). */
class LazyLoaders {
  readonly made = new Map<keyof Factories, unknown>();
  constructor(readonly em: EntityManager) {}
}
for (const name of Object.keys(FACTORIES) as (keyof Factories)[]) {
  Object.defineProperty(LazyLoaders.prototype, name, {
    enumerable: true,
    get(this: LazyLoaders): unknown {
      let loaders = this.made.get(name);
      if (loaders === undefined) {
        loaders = FACTORIES[name](this.em);
        this.made.set(name, loaders);
      }
      return loaders;
    },
  });
}

/**
 * The request's loaders: each module's typed factory, composed once per request. To-one relations
 * are not here: they load through MikroORM references (`ref.loadOrFail()`), which its `dataloader`
 * option batches per request, so one patient is loaded by one loader.
 */
export function createLoaders(em: EntityManager): RequestLoaders {
  return new LazyLoaders(em) as unknown as RequestLoaders;
}
