import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Settings } from '../config/settings.js';
import type { AppointmentChangeFollower, FreedTimeHandler } from '../modules/appointments/appointment-effects.js';
import type { AppointmentEventHub } from '../modules/appointments/appointment-events.js';
import type { MessageHub } from '../modules/messages/message-events.js';
import type { NotificationHub } from '../modules/notifications/notification-events.js';
import type { AttachToMessage } from '../modules/messages/messages.service.js';
import { attachToMessage } from '../modules/files/attachment.service.js';
import { AuditTrail } from '../modules/audit/audit-trail.js';
import { draftVisitInvoice } from '../modules/billing/invoice.service.js';
import type { BedEventHub } from '../modules/organisation/bed-events.js';
import { AccessControl } from '../modules/identity/access-control.js';
import type { Actor, SessionRiders } from '../modules/identity/actor.js';
import type { RefreshCookieJar } from '../modules/identity/refresh-cookie.js';
import { noticesOnAppointmentChange } from '../modules/notifications/appointment-notices.js';
import { offerFreedTime, waitlistOnAppointmentChange } from '../modules/waitlist/waitlist-offers.js';
import type { Logger } from '../shared/logger.js';
import { resolveCaller } from './caller.js';
import { createLoaders, type RequestLoaders } from './loaders.js';

/** Everything one request (an HTTP call or one WebSocket operation) works with. */
export interface Context {
  readonly requestId: string;
  /** This request's own entity manager: its identity map and batching never leak across requests. */
  readonly em: EntityManager;
  readonly logger: Logger;
  readonly clientAddress: string | undefined;
  /** Who is asking, and every "may they?" question about it. */
  readonly access: AccessControl;
  readonly audit: AuditTrail;
  readonly settings: Settings;
  /** This request's batch loaders, one typed factory per module (loaders.ts). */
  readonly loaders: RequestLoaders;
  /** This process's live appointment events. */
  readonly events: AppointmentEventHub;
  /** This process's live messages. */
  readonly messages: MessageHub;
  /** This process's live notifications. */
  readonly notifications: NotificationHub;
  /** The caller's User-Agent (HTTP) or the socket's, for "signed-in devices". */
  readonly userAgent: string | undefined;
  /** The browser's HttpOnly refresh cookie, on HTTP requests only. */
  readonly refreshCookie: RefreshCookieJar | undefined;
  /** What follows an appointment change in its transaction, from the modules above appointments. */
  readonly appointmentFollowers: readonly AppointmentChangeFollower[];
  /** Offers time an appointment change freed to the waitlist, in the change's transaction (the waitlist module). */
  readonly offerFreedTime: FreedTimeHandler;
  /** This process's live bed changes. */
  readonly bedEvents: BedEventHub;
  /** Binds a sender's uploads to their new message (the files module, above messages). */
  readonly attachToMessage: AttachToMessage;
}

export interface ContextDependencies {
  readonly em: EntityManager;
  readonly logger: Logger;
  readonly settings: Settings;
  readonly events: AppointmentEventHub;
  readonly messages: MessageHub;
  readonly notifications: NotificationHub;
  readonly bedEvents: BedEventHub;
  /** What may ride along with a request's session check (the rate limit's lease: http.ts). */
  readonly sessionRiders?: SessionRiders | undefined;
}

export interface RequestOrigin {
  readonly requestId: string;
  readonly clientAddress: string | undefined;
  /** The `Authorization` header, or the WebSocket connection's `authorization` parameter. */
  readonly authorization?: unknown;
  readonly userAgent?: string | undefined;
  readonly refreshCookie?: RefreshCookieJar | undefined;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Keeps a caller-supplied request id only if it is a plain token; otherwise makes one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

/** The request id the access log gave this HTTP request (or one from its header). */
export function requestIdOfResponse(
  request: { readonly headers: Record<string, string | string[] | undefined> },
  response: { readonly locals: Record<string, unknown> },
): string {
  const known = response.locals['requestId'];
  return typeof known === 'string' && known ? known : requestIdFrom(request.headers['x-request-id']);
}

/**
 * The one place, for HTTP and WebSocket alike, where a request's context is made: a request id,
 * the actor from the bearer token (a bad token is UNAUTHENTICATED, never silently anonymous), a
 * forked entity manager, and the request's access control and audit trail.
 */
export async function createContext(dependencies: ContextDependencies, origin: RequestOrigin): Promise<Context> {
  // The caller's check may need the database: the context then keeps the entity manager it used.
  const em = dependencies.em.fork({ useContext: false });
  const actor = await resolveCaller(
    em,
    dependencies.settings.jwtSecret,
    origin.authorization,
    dependencies.sessionRiders,
  );
  return contextOf(dependencies, origin, actor, em);
}

/**
 * A context acting as an actor already resolved (a WebSocket operation's, a live event's
 * execution for one subscriber group, a background job's), made without a promise: the fan-out
 * makes one per group and event.
 */
export function contextOf(
  dependencies: ContextDependencies,
  origin: RequestOrigin,
  actor: Actor,
  forked?: EntityManager,
): Context {
  return new RequestContext(dependencies, origin, actor, forked);
}

/**
 * One request's context. The entity manager, the logger's child, the loaders and the appointment
 * followers are made when first used: a live event's execution for one subscriber often needs none
 * of them. A class, not an object literal with getters: its accessors live on the prototype, so a
 * context costs a few objects (the fan-out makes one per group and event).
 */
class RequestContext implements Context {
  readonly access: AccessControl;
  readonly audit: AuditTrail;
  private forked: EntityManager | undefined;
  private childLogger: Logger | undefined;
  private requestLoaders: RequestLoaders | undefined;
  private followers: readonly AppointmentChangeFollower[] | undefined;
  private freedTime: FreedTimeHandler | undefined;

  constructor(
    private readonly dependencies: ContextDependencies,
    private readonly origin: RequestOrigin,
    actor: Actor,
    forked: EntityManager | undefined,
  ) {
    this.forked = forked;
    this.access = new AccessControl(actor, this.emOf);
    // The trail asks the access control who is acting: a sign-in changes that mid-request.
    this.audit = new AuditTrail(() => this.access.actor, origin);
  }

  private readonly emOf = (): EntityManager => (this.forked ??= this.dependencies.em.fork({ useContext: false }));

  get requestId(): string {
    return this.origin.requestId;
  }

  get em(): EntityManager {
    return this.emOf();
  }

  get logger(): Logger {
    return (this.childLogger ??= this.dependencies.logger.child({ requestId: this.origin.requestId }));
  }

  get clientAddress(): string | undefined {
    return this.origin.clientAddress;
  }

  get settings(): Settings {
    return this.dependencies.settings;
  }

  get loaders(): RequestLoaders {
    return (this.requestLoaders ??= createLoaders(this.emOf()));
  }

  get events(): AppointmentEventHub {
    return this.dependencies.events;
  }

  get messages(): MessageHub {
    return this.dependencies.messages;
  }

  get notifications(): NotificationHub {
    return this.dependencies.notifications;
  }

  get userAgent(): string | undefined {
    return this.origin.userAgent;
  }

  get refreshCookie(): RefreshCookieJar | undefined {
    return this.origin.refreshCookie;
  }

  get appointmentFollowers(): readonly AppointmentChangeFollower[] {
    const audit = this.audit;
    const access = this.access;
    return (this.followers ??= [
      // The actor as the change is made: a patient is not texted about their own cancellation.
      (tx, appointment, kind, eventId, details) =>
        noticesOnAppointmentChange(tx, appointment, kind, eventId, details, access.actor),
      // A completed visit drafts its invoice in the completion's transaction.
      (tx, appointment, kind) => draftVisitInvoice(tx, audit, appointment, kind),
      // A booking that used a waitlist offer's hold marks the place BOOKED.
      (tx, appointment, kind, _eventId, details) => waitlistOnAppointmentChange(tx, appointment, kind, details),
    ]);
  }

  /** Time a cancellation or a move frees goes to the waitlist in the same transaction. */
  get offerFreedTime(): FreedTimeHandler {
    const settings = this.dependencies.settings;
    return (this.freedTime ??= (tx, doctorIds) => offerFreedTime(tx, settings, doctorIds));
  }

  get bedEvents(): BedEventHub {
    return this.dependencies.bedEvents;
  }

  get attachToMessage(): AttachToMessage {
    return attachToMessage;
  }
}
