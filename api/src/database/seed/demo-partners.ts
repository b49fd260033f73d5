import { faker } from '@faker-js/faker';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiClient } from '../../modules/partners/api-client.entity.js';
import { Consent, ConsentPurpose } from '../../modules/partners/consent.entity.js';
import { hashClientSecret } from '../../modules/partners/partners.policy.js';
import type { Scope } from '../../modules/partners/scopes.js';
import type { Patient } from '../../modules/patients/patient.entity.js';

const DAY = 86_400_000;
/** Its own seed, so the partners do not shift the rest of the demo clinic. */
const PARTNER_SEED = 20_261_206;

interface DemoPartner {
  readonly id: string;
  readonly name: string;
  /** The demo's own, printed in the README: never a real deployment's (those are random, shown once). */
  readonly secret: string;
  readonly scopes: readonly Scope[];
  /** An insurer's: the name patients' policies give it (clinical-vocabulary.ts INSURERS). */
  readonly insurer?: string;
  /** The share of the other patients who share their data with it. */
  readonly sharing: number;
}

/**
 * The demo clinic's partner systems (README, "Demo accounts"): their client ids and secrets are
 * fixed, so the partner API, FHIR and the patients' sharing page can be tried on the demo data.
 */
export const DEMO_PARTNERS = {
  lab: {
    id: '0de30000-0000-4000-8000-00000000000a',
    name: 'Berlin City Labs',
    secret: 'hcs_demo-lab-secret-not-for-production',
    scopes: ['patients:read', 'clinical:read', 'labs:write', 'fhir:read'],
    sharing: 0.35,
  },
  insurer: {
    id: '0de30000-0000-4000-8000-00000000000b',
    name: 'Northern Health Insurance',
    secret: 'hcs_demo-insurer-secret-not-for-production',
    scopes: ['patients:read', 'appointments:read', 'fhir:read', 'fhir:export', 'claims:read', 'claims:write'],
    insurer: 'Northern Health Insurance',
    sharing: 0.25,
  },
  referrals: {
    id: '0de30000-0000-4000-8000-00000000000c',
    name: 'Referral Connect',
    secret: 'hcs_demo-referrals-secret-not-for-production',
    scopes: ['doctors:read', 'appointments:read', 'appointments:write', 'events:read'],
    sharing: 0.15,
  },
} as const satisfies Record<string, DemoPartner>;

export interface DemoPartnerCounts {
  readonly apiClients: number;
  readonly consents: number;
}

/**
 * The partners, and the patients who share their data with them: the demo patient shares with the
 * lab and once shared with the insurer (withdrawn ten days ago), so their sharing page shows both.
 */
export function seedPartners(
  tx: EntityManager,
  patients: readonly Patient[],
  demoPatient: Patient | undefined,
  now: Date,
): DemoPartnerCounts {
  faker.seed(PARTNER_SEED);
  const clients = Object.values(DEMO_PARTNERS).map((partner) => ({
    partner,
    client: tx.create(ApiClient, {
      id: partner.id,
      name: partner.name,
      scopes: [...partner.scopes],
      insurer: 'insurer' in partner ? partner.insurer : null,
      secretHash: hashClientSecret(partner.secret),
      secretIssuedAt: new Date(now.getTime() - 90 * DAY),
      createdAt: new Date(now.getTime() - 90 * DAY),
    }),
  }));
  let consents = 0;
  const share = (patient: Patient, client: ApiClient, grantedDaysAgo: number, revokedDaysAgo?: number) => {
    tx.create(Consent, {
      patient,
      purpose: ConsentPurpose.DATA_SHARING,
      apiClient: client,
      grantedAt: new Date(now.getTime() - grantedDaysAgo * DAY),
      revokedAt: revokedDaysAgo === undefined ? null : new Date(now.getTime() - revokedDaysAgo * DAY),
    });
    consents += 1;
  };
  const [lab, insurer] = clients;
  if (demoPatient && lab && insurer) {
    share(demoPatient, lab.client, 20);
    share(demoPatient, insurer.client, 40, 10);
  }
  for (const patient of patients) {
    if (patient === demoPatient) {
      continue;
    }
    for (const { partner, client } of clients) {
      if (faker.number.float() < partner.sharing) {
        share(patient, client, faker.number.int({ min: 1, max: 80 }));
      }
    }
  }
  return { apiClients: clients.length, consents };
}
