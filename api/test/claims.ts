import type { Application } from '../src/server/bootstrap.js';
import type { Patient } from '../src/modules/patients/patient.entity.js';
import type { Account, Factory } from './factories.js';
import { expectData, gql } from './graphql.js';

/**
 * A claim submitted by an administrator (through the API, as the console does) for a new issued
 * invoice of `patient` against a new policy with `provider`.
 */
export async function submittedClaim(
  app: Application,
  factory: Factory,
  adminToken: string,
  patient: Account<Patient>,
  provider: string,
  total = '80.00',
): Promise<{ claimId: string; policyId: string; invoiceNumber: string }> {
  const [invoice, policy] = await Promise.all([
    factory.invoice(patient.profile, { issued: true, total }),
    factory.policy(patient.profile, { provider }),
  ]);
  const claim = expectData(
    await gql<{ submitClaim: { id: string } }>(
      app,
      'mutation ($invoiceId: ID!, $policyId: ID!) { submitClaim(invoiceId: $invoiceId, policyId: $policyId) { id } }',
      { token: adminToken, variables: { invoiceId: invoice.id, policyId: policy.id } },
    ),
  ).submitClaim;
  return { claimId: claim.id, policyId: policy.id, invoiceNumber: invoice.number };
}
