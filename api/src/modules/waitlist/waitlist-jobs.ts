import type { MikroORM } from '@mikro-orm/postgresql';
import type { TaskList } from 'graphile-worker';
import { z } from 'zod';
import type { Settings } from '../../config/settings.js';
import { isUuid } from '../../shared/ids.js';
import { retryOnDeadlock } from '../../shared/retry.js';
import { SLOT_FREED } from '../../shared/freed-time.js';
import { offerFreedTime } from './waitlist-offers.js';

const payloadSchema = z.object({ doctorId: z.string().refine(isUuid, 'must be a UUID') });

/**
 * The waitlist's job: a doctor may have free time (a hold ran out or was let go, an offer lapsed,
 * new hours): offer it to the patients waiting. Running late only delays the next offer; an
 * expired hold stopped counting on time regardless.
 */
export function waitlistTasks(deps: {
  readonly orm: MikroORM;
  readonly settings: Pick<Settings, 'waitlistOfferMinutes'>;
}): TaskList {
  const { settings } = deps;
  return {
    [SLOT_FREED]: async (payload) => {
      const { doctorId } = payloadSchema.parse(payload);
      await retryOnDeadlock(() => deps.orm.em.fork().transactional((tx) => offerFreedTime(tx, settings, [doctorId])));
    },
  };
}
