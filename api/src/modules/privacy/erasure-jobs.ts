import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { TaskList } from 'graphile-worker';
import { z } from 'zod';
import { isUuid } from '../../shared/ids.js';
import { deferJob } from '../../shared/transaction-outbox.js';
import { notifyAdministratorsOfErasure } from '../notifications/erasure-notices.js';
import { ErasureRequest, ErasureRequestStatus } from './erasure-request.entity.js';

/** The job that reminds the administrators of an erasure request still unanswered near its due date. */
export const ERASURE_DUE = 'erasure-due';
/** How many days before its due date an unanswered request is brought up again. */
export const ERASURE_REMINDER_DAYS = 3;

const payloadSchema = z.object({ requestId: z.string().refine(isUuid, 'must be a UUID') });

/** Schedules, in the request's transaction, its reminder {@link ERASURE_REMINDER_DAYS} days before `dueAt` (one per request). */
export function scheduleErasureReminder(
  tx: EntityManager,
  request: { readonly id: string; readonly dueAt: Date },
): void {
  deferJob(
    tx,
    ERASURE_DUE,
    { requestId: request.id },
    {
      runAt: new Date(request.dueAt.getTime() - ERASURE_REMINDER_DAYS * 86_400_000),
      jobKey: `${ERASURE_DUE}:${request.id}`,
      maxAttempts: 5,
    },
  );
}

/** The privacy module's job: a request still REQUESTED when its reminder runs is brought up to every administrator. */
export function privacyTasks(deps: { readonly orm: MikroORM }): TaskList {
  return {
    [ERASURE_DUE]: async (payload) => {
      const { requestId } = payloadSchema.parse(payload);
      await deps.orm.em.fork().transactional(async (tx) => {
        const request = await tx.findOne(ErasureRequest, requestId, { populate: ['patient'] });
        if (request?.status !== ErasureRequestStatus.REQUESTED) {
          return;
        }
        const patient = request.patient.getEntity();
        await notifyAdministratorsOfErasure(tx, 'due', {
          patientName: `${patient.firstName} ${patient.lastName}`,
          dueAt: request.dueAt,
        });
      });
    },
  };
}
