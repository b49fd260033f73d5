import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { z } from 'zod';
import type { Settings } from '../../config/settings.js';
import { isUuid } from '../../shared/ids.js';
import { addJob, JOB_SCHEMA } from '../../shared/job-queue.js';
import type { Logger } from '../../shared/logger.js';
import { openText } from '../../shared/sealing.js';
import type { AppointmentEventKind } from '../appointments/appointment-event.type.js';
import { WEBHOOK_FANOUT } from '../appointments/webhook-fanout.js';
import type { ClaimStatus } from '../billing/billing.types.js';
import { CLAIM_WEBHOOK_FANOUT } from '../billing/claim-webhook-fanout.js';
import { insurerSeesClaim } from '../billing/insurer-access.js';
import { consentingPatients } from '../identity/consent-rule.js';
import { Webhook, WebhookDelivery, webhookEventType } from './webhook.entity.js';
import { notifyWebhookDisabled } from './webhook-notice.js';
import { retryDelayMs, WEBHOOK_SECRET_PURPOSE } from './webhook.policy.js';
import { hostOf, modeOf, RefusedAddressError, urlProblem, webhookLookup, type AddressMode } from './webhook-address.js';

/** The job that makes one attempt to deliver one event to one webhook. */
export const WEBHOOK_DELIVER = 'webhook_deliver';

export interface WebhookJobDependencies {
  readonly orm: MikroORM;
  readonly logger: Logger;
  readonly settings: Pick<Settings, 'env' | 'jwtSecret' | 'webhooks'>;
}

const fanoutPayload = z.object({ eventId: z.string().refine(isUuid, 'must be a UUID') });
const claimFanoutPayload = z.object({ changeId: z.string().refine(isUuid, 'must be a UUID') });
const deliverPayload = z.object({
  webhookId: z.string().refine(isUuid, 'must be a UUID'),
  eventId: z.string().refine(isUuid, 'must be a UUID'),
  attempt: z.number().int().min(1),
  /** What the event is a change of: an appointment (every delivery queued before claims had events), or a claim. */
  source: z.enum(['appointment', 'claim']).optional(),
});
export type DeliverPayload = z.infer<typeof deliverPayload>;

/** An appointment event as webhooks see it: ids, kind and time — nothing clinical. */
interface EventRow {
  id: string;
  kind: AppointmentEventKind;
  at: Date;
  appointment_id: string;
  patient_id: string;
}

async function loadEvent(em: EntityManager, eventId: string): Promise<EventRow | undefined> {
  const [row] = await em.execute<EventRow[]>(
    `select c.id, c.kind, c.created_at as at, c.appointment_id, a.patient_id
     from appointment_change c join appointment a on a.id = c.appointment_id where c.id = ?`,
    [eventId],
  );
  return row;
}

/** A change of a claim as webhooks see it: ids, what the claim became and when — no amounts, no patient. */
interface ClaimEventRow {
  id: string;
  kind: ClaimStatus;
  at: Date;
  claim_id: string;
}

async function loadClaimEvent(em: EntityManager, changeId: string): Promise<ClaimEventRow | undefined> {
  const [row] = await em.execute<ClaimEventRow[]>(
    'select id, to_status as kind, changed_at as at, claim_id from claim_change where id = ?',
    [changeId],
  );
  return row;
}

/** An event about to be delivered, whatever it is a change of. */
interface Deliverable {
  readonly body: string;
  /** Whether the webhook asked for this kind of event. */
  readonly wanted: (webhook: Webhook) => boolean;
  /** Whether the webhook's owner may receive it now (the clinic always; a partner by the rule of its kind). */
  readonly mayReceive: (em: EntityManager, webhook: Webhook) => Promise<boolean>;
  /** The delivery log's kind columns. */
  readonly kinds: Pick<WebhookDelivery, 'eventKind' | 'claimKind'>;
}

/** The Standard Webhooks body of a claim's change: `claim.<status>` with the ids, what it became and when. */
export function claimWebhookBody(event: ClaimEventRow): string {
  const at = new Date(event.at).toISOString();
  return JSON.stringify({
    type: webhookEventType({ claimKind: event.kind }),
    timestamp: at,
    data: { id: event.id, kind: event.kind, claimId: event.claim_id, at },
  });
}

async function deliverable(
  em: EntityManager,
  source: 'appointment' | 'claim',
  eventId: string,
): Promise<Deliverable | undefined> {
  if (source === 'claim') {
    const event = await loadClaimEvent(em, eventId);
    return (
      event && {
        body: claimWebhookBody(event),
        wanted: (webhook: Webhook) => webhook.claimEvents.includes(event.kind),
        mayReceive: (tx: EntityManager, webhook: Webhook) => ownerMaySeeClaim(tx, webhook, event.claim_id),
        kinds: { eventKind: null, claimKind: event.kind },
      }
    );
  }
  const event = await loadEvent(em, eventId);
  return (
    event && {
      body: webhookBody(event),
      wanted: (webhook: Webhook) => webhook.events.includes(event.kind),
      mayReceive: (tx: EntityManager, webhook: Webhook) => ownerMayReceive(tx, webhook, event),
      kinds: { eventKind: event.kind, claimKind: null },
    }
  );
}

/**
 * Each endpoint's deliveries run one at a time (a graphile-worker job queue of its own): a slow
 * or dead receiver holds at most one of the webhook workers, never all of them, and events reach
 * an endpoint roughly in order.
 */
export function endpointQueue(webhookId: string): string {
  return `webhook:${webhookId}`;
}

/** The Standard Webhooks body: `type`, `timestamp`, and the event's ids, kind and time. */
export function webhookBody(event: Pick<EventRow, 'id' | 'kind' | 'at' | 'appointment_id'>): string {
  const at = new Date(event.at).toISOString();
  return JSON.stringify({
    type: webhookEventType({ eventKind: event.kind }),
    timestamp: at,
    data: { id: event.id, kind: event.kind, appointmentId: event.appointment_id, at },
  });
}

/**
 * The fan-out: one delivery job per active webhook that asked for this kind of event (found with
 * the event's kind in one statement: none for an event that is gone, nothing read when no webhook
 * listens). The jobs are added in one transaction, keyed by webhook and event, so a fan-out that
 * runs twice queues each delivery once.
 */
export async function handleWebhookFanout(deps: WebhookJobDependencies, payload: unknown): Promise<void> {
  const { eventId } = fanoutPayload.parse(payload);
  // Only webhooks that were listening when the change committed: not one registered (or turned
  // back on) after it, though this job runs after that. The event's transaction id (`e.xid`)
  // against the webhook's snapshot of when it started listening; an event pruned meanwhile is
  // sent as before. (The events stored before they kept their transaction's id have 0, which
  // every snapshot shows committed: they precede every webhook that has one.)
  await fanOut(
    deps,
    eventId,
    'appointment',
    `select w.id, c.id as change_id from webhook w join appointment_change c on c.kind = any(w.events)
       left join appointment_event e on e.change_id = c.id
      where c.id = ? and w.disabled_at is null
        and (w.listening_since is null or e.xid is null or not pg_visible_in_snapshot(e.xid, w.listening_since))`,
  );
}

/**
 * The fan-out of one change of a claim: one delivery job per active webhook that asked for what the
 * claim became and that was listening when the change committed (the change's transaction id
 * against the webhook's snapshot, as for appointments). Whether the owner may see the claim is
 * decided at each attempt.
 */
export async function handleClaimWebhookFanout(deps: WebhookJobDependencies, payload: unknown): Promise<void> {
  const { changeId } = claimFanoutPayload.parse(payload);
  await fanOut(
    deps,
    changeId,
    'claim',
    `select w.id, c.id as change_id from webhook w join claim_change c on c.to_status = any(w.claim_events)
      where c.id = ? and w.disabled_at is null
        and (w.listening_since is null or not pg_visible_in_snapshot(c.xid, w.listening_since))`,
  );
}

/**
 * Queues one delivery job per webhook `matching` selects for the event (its `id` and the
 * `change_id`, binding the event's id to its one `?`), in one transaction, the webhooks in one order.
 *
 * Two fan-outs of one event (a late one, or one queued again while the first ran) take turns:
 * run side by side, both would find nothing queued, and each would then wait on the other's new
 * delivery jobs (a deadlock). The second finds the first's deliveries and adds none.
 *
 * A delivery already queued or under way (this fan-out run twice, or late) is left alone, not
 * added again: replacing the key of a job that is running locks that job's row, and the runner's
 * batched completion of it, deleting the same rows in another order, could then deadlock with
 * this transaction; graphile-worker stops the whole runner when a completion fails, and the
 * webhooks lane would deliver nothing more.
 */
async function fanOut(
  deps: WebhookJobDependencies,
  eventId: string,
  source: 'appointment' | 'claim',
  matching: string,
): Promise<void> {
  await deps.orm.em.fork().transactional(async (tx) => {
    await tx.execute(`select pg_advisory_xact_lock(hashtextextended('webhook-fanout:' || ?, 0)) is null as held`, [
      eventId,
    ]);
    // The delivery's job key (one per webhook and event) is made here, once, for the check and the job.
    const hooks = await tx.execute<{ id: string; job_key: string }[]>(
      `select m.id, k.job_key from (${matching}) m
         cross join lateral (select 'webhook:' || m.id || ':' || m.change_id as job_key) k
        where not exists (select 1 from ${JOB_SCHEMA}.jobs j where j.key = k.job_key)
        order by m.id`,
      [eventId],
    );
    for (const hook of hooks) {
      const first: DeliverPayload = { webhookId: hook.id, eventId, attempt: 1, ...sourceOf(source) };
      await addJob(tx, WEBHOOK_DELIVER, first, {
        jobKey: hook.job_key,
        maxAttempts: 5,
        queueName: endpointQueue(hook.id),
      });
    }
  });
}

/** A delivery's `source` as its job carries it: none for an appointment's (as every job before claims). */
const sourceOf = (source: 'appointment' | 'claim') => (source === 'claim' ? { source } : {});

/** The outcome of one HTTP attempt, as logged: never the body sent or received. */
export interface AttemptOutcome {
  readonly succeeded: boolean;
  readonly statusCode: number | undefined;
  readonly durationMs: number;
  readonly errorClass: string | undefined;
}

const MAX_RESPONSE_BYTES = 64 * 1024;

function errorClassOf(error: unknown): string {
  if (error instanceof RefusedAddressError) {
    return 'REFUSED_ADDRESS';
  }
  const code = (error as { code?: string }).code ?? '';
  const name = (error as { name?: string }).name ?? '';
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'ETIMEDOUT' || code === 'ABORT_ERR') {
    return 'TIMEOUT';
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') {
    return 'DNS';
  }
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /CERT|SSL|SELF_SIGNED/.test(code)) {
    return 'TLS';
  }
  return 'CONNECTION';
}

/**
 * One POST to the endpoint. The URL is checked again now, the connection's DNS lookup refuses
 * inner addresses (and connects only to the checked ones), redirects are not followed (a 3xx is
 * a failure), and the whole attempt has a deadline. The answer's body is read (at most 64 KiB)
 * and dropped.
 */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { readonly mode: AddressMode; readonly timeoutMs: number },
): Promise<AttemptOutcome> {
  const started = performance.now();
  const done = (statusCode: number | undefined, errorClass: string | undefined): AttemptOutcome => ({
    succeeded: errorClass === undefined,
    statusCode,
    durationMs: Math.round(performance.now() - started),
    errorClass,
  });
  if (urlProblem(url, options.mode)) {
    return done(undefined, 'REFUSED_ADDRESS');
  }
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  try {
    const statusCode = await new Promise<number>((resolve, reject) => {
      const outgoing = send(
        target,
        {
          method: 'POST',
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
            'user-agent': 'HealthcarePlatform-Webhooks/1',
          },
          lookup: webhookLookup(options.mode),
          signal: AbortSignal.timeout(options.timeoutMs),
          agent: false,
          servername: hostOf(target),
        },
        (response: IncomingMessage) => {
          let received = 0;
          response.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > MAX_RESPONSE_BYTES) {
              response.destroy();
            }
          });
          response.on('close', () => resolve(response.statusCode ?? 0));
          response.on('error', () => resolve(response.statusCode ?? 0));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
    if (statusCode >= 200 && statusCode < 300) {
      return done(statusCode, undefined);
    }
    return done(statusCode, statusCode >= 300 && statusCode < 400 ? 'REDIRECT' : 'HTTP_STATUS');
  } catch (error) {
    return done(undefined, errorClassOf(error));
  }
}

/**
 * Signs one message with the webhook's secret (Standard Webhooks: `webhook-id`,
 * `webhook-timestamp`, `webhook-signature`) and POSTs it under the address rules and the
 * per-attempt deadline. The one way anything is sent to an endpoint: events and test events alike.
 */
export async function sendSigned(
  settings: Pick<Settings, 'env' | 'jwtSecret' | 'webhooks'>,
  webhook: Pick<Webhook, 'url' | 'sealedSecret'>,
  message: { readonly id: string; readonly body: string; readonly at: Date },
): Promise<AttemptOutcome> {
  const secret = openText(settings.jwtSecret, WEBHOOK_SECRET_PURPOSE, webhook.sealedSecret);
  const signature = new StandardWebhook(secret).sign(message.id, message.at, message.body);
  return postWebhook(
    webhook.url,
    {
      'webhook-id': message.id,
      'webhook-timestamp': String(Math.floor(message.at.getTime() / 1000)),
      'webhook-signature': signature,
    },
    message.body,
    { mode: modeOf(settings.env), timeoutMs: settings.webhooks.timeoutMs },
  );
}

/**
 * Whether the owner may receive a change of this claim now: the clinic always; a partner while its
 * client holds the scopes its webhook was registered with (events:read, claims:read) and sees the
 * claim by billing's one rule (an insurer's claims of
 * patients who share with it).
 */
async function ownerMaySeeClaim(em: EntityManager, webhook: Webhook, claimId: string): Promise<boolean> {
  const clientId = webhook.apiClient?.id;
  if (!clientId) {
    return true;
  }
  const [row] = await em.execute<{ ok: boolean }[]>(
    `select exists (select 1 from insurance_claim c where c.id = ? and ${insurerSeesClaim('c', '?::uuid')})
        and exists (select 1 from api_client where id = ? and scopes @> array['events:read', 'claims:read']) as ok`,
    [claimId, clientId, clientId],
  );
  return row?.ok === true;
}

/** Whether the owner may receive this event now: a partner only while the patient's consent names it. */
async function ownerMayReceive(em: EntityManager, webhook: Webhook, event: EventRow): Promise<boolean> {
  const clientId = webhook.apiClient?.id;
  if (!clientId) {
    return true;
  }
  const [client] = await em.execute<{ ok: boolean }[]>(
    `select revoked_at is null and 'events:read' = any(scopes) as ok from api_client where id = ?`,
    [clientId],
  );
  if (!client?.ok) {
    return false;
  }
  return (await consentingPatients(em, clientId, [event.patient_id])).has(event.patient_id);
}

/**
 * One attempt: sign, POST, log the outcome; on failure queue the next attempt (exponential
 * backoff with jitter) in the same transaction as the log row, or turn the endpoint off when it
 * has failed without a success for WEBHOOK_DISABLE_AFTER_HOURS and tell its owner.
 */
export async function handleWebhookDelivery(deps: WebhookJobDependencies, payload: unknown): Promise<void> {
  const { webhookId, eventId, attempt, source = 'appointment' } = deliverPayload.parse(payload);
  const em = deps.orm.em.fork();
  const webhook = await em.findOne(Webhook, webhookId, { populate: ['sealedSecret'] });
  const event = await deliverable(em, source, eventId);
  if (!webhook || webhook.disabledAt || !event || !event.wanted(webhook)) {
    return;
  }
  if (!(await event.mayReceive(em, webhook))) {
    return; // checked now, not when the event happened: a revoked consent counts at once
  }
  const settings = deps.settings.webhooks;
  const attemptedAt = new Date();
  const outcome = await sendSigned(deps.settings, webhook, { id: eventId, body: event.body, at: attemptedAt });
  deps.logger.info(
    {
      component: 'webhooks',
      webhookId,
      eventId,
      attempt,
      statusCode: outcome.statusCode,
      durationMs: outcome.durationMs,
      errorClass: outcome.errorClass,
    },
    outcome.succeeded ? 'webhook delivered' : 'webhook attempt failed',
  );
  await em.fork().transactional(async (tx) => {
    let nextAttemptAt: Date | undefined;
    if (outcome.succeeded) {
      await tx.execute('update webhook set failing_since = null, updated_at = now() where id = ?', [webhookId]);
    } else {
      // now() is this transaction's start: `disabled_at = now()` means turned off by this very update.
      const [state] = await tx.execute<
        { disabled: boolean; just_now: boolean; url: string; api_client_id: string | null }[]
      >(
        `update webhook set failing_since = coalesce(failing_since, ?::timestamptz), updated_at = now(),
           disabled_at = case when disabled_at is null
             and coalesce(failing_since, ?::timestamptz) <= now() - make_interval(secs => ?)
             then now() else disabled_at end
         where id = ?
         returning disabled_at is not null as disabled, disabled_at = now() as just_now, url, api_client_id`,
        [attemptedAt.toISOString(), attemptedAt.toISOString(), settings.disableAfterHours * 3600, webhookId],
      );
      if (state?.disabled) {
        if (state.just_now) {
          deps.logger.warn({ component: 'webhooks', webhookId }, 'webhook turned off after failing too long');
          await notifyWebhookDisabled(tx, {
            host: new URL(state.url).host,
            apiClientId: state.api_client_id,
            hours: settings.disableAfterHours,
          });
        }
      } else if (attempt < settings.maxAttempts) {
        nextAttemptAt = new Date(Date.now() + retryDelayMs(attempt + 1, settings.retryBaseSeconds));
        const next: DeliverPayload = { webhookId, eventId, attempt: attempt + 1, ...sourceOf(source) };
        await addJob(tx, WEBHOOK_DELIVER, next, {
          runAt: nextAttemptAt,
          maxAttempts: 5,
          queueName: endpointQueue(webhookId),
        });
      }
    }
    tx.create(WebhookDelivery, {
      webhook: tx.getReference(Webhook, webhookId),
      eventId,
      ...event.kinds,
      attempt,
      succeeded: outcome.succeeded,
      statusCode: outcome.statusCode ?? null,
      durationMs: outcome.durationMs,
      errorClass: outcome.errorClass ?? null,
      attemptedAt,
      nextAttemptAt: nextAttemptAt ?? null,
    });
    await tx.flush();
  });
}

/** The job identifiers and handlers of the webhooks module, for the job runner's task list. */
export function webhookTasks(deps: WebhookJobDependencies) {
  return {
    [WEBHOOK_FANOUT]: (payload: unknown) => handleWebhookFanout(deps, payload),
    [WEBHOOK_DELIVER]: (payload: unknown) => handleWebhookDelivery(deps, payload),
    [CLAIM_WEBHOOK_FANOUT]: (payload: unknown) => handleClaimWebhookFanout(deps, payload),
  };
}
