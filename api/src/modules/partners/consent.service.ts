import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../server/context.js';
import { badInput, forbidden, unauthenticated } from '../../shared/errors.js';
import { isUuid, requireId } from '../../shared/ids.js';
import { Role } from '../identity/role.js';
import { Patient } from '../patients/patient.entity.js';
import { ACCOUNT_CLOSED, holdPatient } from '../patients/patient-hold.js';
import { ApiClient } from './api-client.entity.js';
import { Consent, ConsentPurpose } from './consent.entity.js';
import type { GrantConsentInput } from './partners.inputs.js';

const NOT_YOURS = 'This consent is not yours.';

/**
 * A patient's consents. Granting and revoking are audited on the patient's chart (entity
 * Consent, with the consent's id); a partner's access follows on its next request, because every
 * partner request asks for the consent afresh.
 */
export class ConsentService {
  constructor(private readonly ctx: Context) {}

  async grant(input: GrantConsentInput): Promise<Consent> {
    const patientId = this.patientId();
    let clientId: string | null = null;
    if (input.purpose === ConsentPurpose.DATA_SHARING) {
      if (!input.apiClientId) {
        throw badInput([{ field: 'input.apiClientId', message: 'is required to share data with a partner' }]);
      }
      clientId = requireId(input.apiClientId, 'input.apiClientId');
      const client = await this.ctx.em.findOne(ApiClient, clientId);
      if (!client?.active) {
        throw badInput([{ field: 'input.apiClientId', message: 'is not an active partner' }]);
      }
    } else if (input.apiClientId) {
      throw badInput([{ field: 'input.apiClientId', message: 'is only for DATA_SHARING' }]);
    }
    const active = () =>
      this.ctx.em.findOne(Consent, {
        patient: patientId,
        purpose: input.purpose,
        apiClient: clientId,
        revokedAt: null,
      });
    const existing = await active();
    if (existing) {
      return existing;
    }
    try {
      return await this.ctx.em.transactional(async (tx) => {
        // An account closed meanwhile (its consents all withdrawn) takes no new one: see holdPatient.
        if (!(await holdPatient(tx, patientId))) {
          throw unauthenticated(ACCOUNT_CLOSED);
        }
        const consent = tx.create(Consent, {
          patient: tx.getReference(Patient, patientId),
          purpose: input.purpose,
          apiClient: clientId ? tx.getReference(ApiClient, clientId) : null,
        });
        this.ctx.audit.record(tx, { action: 'GRANT_CONSENT', entityType: 'Consent', entityId: consent.id, patientId });
        return consent;
      });
    } catch (error) {
      // Two grants racing: the unique index keeps one; both callers get it.
      if (error instanceof UniqueConstraintViolationException) {
        const winner = await active();
        if (winner) {
          return winner;
        }
      }
      throw error;
    }
  }

  async revoke(idInput: string): Promise<Consent> {
    const patientId = this.patientId();
    if (!isUuid(idInput)) {
      throw badInput([{ field: 'id', message: 'must be an ID (a UUID)' }]);
    }
    return this.ctx.em.transactional(async (tx) => {
      const consent = await tx.findOne(Consent, idInput.toLowerCase());
      if (consent?.patient.id !== patientId) {
        throw forbidden(NOT_YOURS);
      }
      if (!consent.revokedAt) {
        consent.revokedAt = new Date();
        this.ctx.audit.record(tx, { action: 'REVOKE_CONSENT', entityType: 'Consent', entityId: consent.id, patientId });
      }
      return consent;
    });
  }

  /** Every consent of the patient, active and revoked, newest first. */
  mine(): Promise<Consent[]> {
    const patientId = this.patientId();
    return this.ctx.em.find(Consent, { patient: patientId }, { orderBy: { grantedAt: 'desc', id: 'desc' } });
  }

  private patientId(): string {
    const actor = this.ctx.access.requireRole(Role.PATIENT);
    if (!actor.patientId) {
      throw forbidden('Only a patient may give or withdraw consent.');
    }
    return actor.patientId;
  }
}

/**
 * Withdraws every consent the patient still gives (their account closing at their request): no
 * partner sees them from the commit on. In the caller's transaction, each withdrawal audited.
 */
export async function withdrawAllConsents(ctx: Context, tx: EntityManager, patientId: string): Promise<number> {
  const withdrawn = await tx.execute<{ id: string }[]>(
    `update consent set revoked_at = now(), updated_at = now()
      where patient_id = ? and revoked_at is null returning id`,
    [patientId],
  );
  for (const { id } of withdrawn) {
    ctx.audit.record(tx, { action: 'REVOKE_CONSENT', entityType: 'Consent', entityId: id, patientId });
  }
  return withdrawn.length;
}
