import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { PartnerActor, UserActor } from '../identity/actor.js';
import { mayFollowAppointmentEvents } from '../identity/access.policy.js';
import type { Logger } from '../../shared/logger.js';
import type { PgBus } from '../../shared/pg-bus.js';
import { deferNotify, onCommittedNotice } from '../../shared/transaction-outbox.js';
import {
  isAfter,
  latestEventPosition,
  readAppointmentEvents,
  readNewAppointmentEvents,
  STREAM_START,
  type AppointmentCache,
  type EventPosition,
} from './appointment-event-store.js';
import type { AppointmentEvent } from './appointment-event.type.js';
import { IteratorTarget, type PushStream, type PushTarget } from '../../shared/push-stream.js';

export const APPOINTMENT_EVENTS_CHANNEL = 'appointment_events';

/** Events read per statement, by the hub and by a replay. */
const PAGE_SIZE = 500;
/** Live events a subscriber may have waiting; beyond that it catches up from the database. */
const MAX_QUEUED = 1_000;
/** A lost notification (a reconnecting LISTEN connection) delays events by at most this. */
const SAFETY_POLL_MS = 5_000;
/**
 * An announced event not readable yet (an older transaction is still running) is looked for again
 * after this, then twice as long each time up to {@link AWAIT_MAX_DELAY_MS}…
 */
const AWAIT_FIRST_DELAY_MS = 4;
const AWAIT_MAX_DELAY_MS = 250;
/** …and given up (to the safety poll) after this. */
const AWAIT_GIVE_UP_MS = 30_000;
/** Events of this process's own commits whose NOTIFY has not arrived yet, kept at most. */
const MAX_LOCALLY_ANNOUNCED = 10_000;

interface EventMessage {
  /** The event's id (its appointment change). */
  id: string;
  appointmentId: string;
}

/**
 * Wakes every API process inside the caller's transaction. PostgreSQL delivers NOTIFY only when
 * that transaction commits; the payload carries ids only (far under the 8,000-byte limit): each
 * process reads the new events from the stream itself, in order.
 */
export function publishAppointmentEvent(tx: EntityManager, eventId: string, appointmentId: string): void {
  const message: EventMessage = { id: eventId, appointmentId };
  deferNotify(tx, APPOINTMENT_EVENTS_CHANNEL, JSON.stringify(message));
}

type Listener = (events: readonly AppointmentEvent[]) => void;

export interface EventFilter {
  doctorId?: string | null | undefined;
  patientId?: string | null | undefined;
}

export interface StreamOptions {
  readonly actor: UserActor | PartnerActor;
  readonly filter: EventFilter;
  /** Replay every event after this position first (a checked cursor's position). */
  readonly after?: EventPosition | undefined;
  /** The narrowing of `appointments` for this caller (asked afresh for each replay). */
  readonly scope: (em: EntityManager) => Promise<object[]>;
  /** A partner's live events pass its patient's consent, asked afresh per event. */
  readonly partnerMaySee?: (patientId: string) => Promise<boolean>;
}

/**
 * This process's end of the appointment event stream. The stream is the `appointment_event`
 * table in `(xid, seq)` order, read only as far as every older transaction has ended (see
 * `readAppointmentEvents`); one LISTEN (through the process's PgBus) wakes the hub, which reads
 * the new events once, in order, each with its appointment, and hands them to every subscriber.
 * An event announced but not readable yet (a transaction older than its own is still running) is
 * looked for again shortly after, until it is read. A subscriber checks each event against the
 * access policy (cheap: the facts are loaded) and, when it resumes from a cursor, replays from
 * the table first, then switches to live events without a gap or a duplicate (positions only grow).
 */
export class AppointmentEventHub {
  private readonly listeners = new Set<Listener>();
  /** The last position this process has read and handed out. */
  private position: EventPosition = STREAM_START;
  private reading: Promise<void> | undefined;
  private again = false;
  private poll: NodeJS.Timeout | undefined;
  /** Events announced but not read yet, by id: when each was announced. */
  private readonly awaited = new Map<string, number>();
  private awaitTimer: NodeJS.Timeout | undefined;
  private awaitDelay = AWAIT_FIRST_DELAY_MS;
  /**
   * Events this process committed and was told of at once (`onCommittedNotice`), whose NOTIFY is
   * still to come: that NOTIFY wakes nobody (a read began after the commit), by id.
   */
  private readonly locallyAnnounced = new Set<string>();
  private stopLocal: (() => void) | undefined;
  /** Told how long each delivered event took from its commit to this process (metrics). */
  onDelivered: ((lagSeconds: number) => void) | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly logger: Logger,
  ) {}

  async start(bus: PgBus): Promise<void> {
    this.position = await latestEventPosition(this.orm.em.fork());
    await bus.subscribe(APPOINTMENT_EVENTS_CHANNEL, (payload) => this.announced(payload, false));
    // A change committed by this process is read at once, not after the outbox's drain has sent
    // its NOTIFY (a statement and a commit later): the first deliveries leave that much sooner.
    this.stopLocal = onCommittedNotice(this.orm.em, APPOINTMENT_EVENTS_CHANNEL, (payload) =>
      this.announced(payload, true),
    );
    this.poll = setInterval(() => void this.catchUp(), SAFETY_POLL_MS);
    this.poll.unref();
  }

  stop(): void {
    this.stopLocal?.();
    clearInterval(this.poll);
    clearTimeout(this.awaitTimer);
    this.awaitTimer = undefined;
  }

  /**
   * A notice: remembers the event it announces, to look for it again until it is read, and reads
   * what is new. `local`: told by this process at the commit; its NOTIFY, when it comes, then
   * needs no read of its own.
   */
  private announced(payload: string, local: boolean): void {
    let id: unknown;
    try {
      id = (JSON.parse(payload) as Partial<EventMessage> | null)?.id;
    } catch {
      id = undefined;
    }
    if (typeof id === 'string') {
      if (local) {
        this.locallyAnnounced.add(id);
        if (this.locallyAnnounced.size > MAX_LOCALLY_ANNOUNCED) {
          // The oldest: its NOTIFY was lost (a reconnect) and the safety poll has taken over.
          this.locallyAnnounced.delete(this.locallyAnnounced.values().next().value!);
        }
      } else if (this.locallyAnnounced.delete(id)) {
        return; // read (or looked for, until read) since its commit
      }
      if (this.listeners.size > 0) {
        this.awaited.set(id, Date.now());
      }
    }
    void this.catchUp();
  }

  /** Reads again soon while an announced event has not been read (its transaction is not settled yet). */
  private awaitAnnounced(): void {
    if (this.awaited.size === 0 || this.listeners.size === 0) {
      this.awaited.clear();
      this.awaitDelay = AWAIT_FIRST_DELAY_MS;
      return;
    }
    const now = Date.now();
    for (const [id, at] of this.awaited) {
      if (now - at > AWAIT_GIVE_UP_MS) {
        this.awaited.delete(id); // not in the stream after all (deleted meanwhile): the safety poll remains
      }
    }
    if (this.awaited.size === 0 || this.awaitTimer) {
      return;
    }
    this.awaitTimer = setTimeout(() => {
      this.awaitTimer = undefined;
      void this.catchUp();
    }, this.awaitDelay);
    this.awaitTimer.unref();
    this.awaitDelay = Math.min(this.awaitDelay * 2, AWAIT_MAX_DELAY_MS);
  }

  /** Live subscribers on this process (for tests and metrics). */
  get size(): number {
    return this.listeners.size;
  }

  /** Reads everything committed since the last read, once, however often it is woken meanwhile. */
  catchUp(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = this.readNew()
      .catch((error: unknown) =>
        this.logger.error({ type: (error as Error).name }, 'could not read new appointment events'),
      )
      .finally(() => {
        this.reading = undefined;
        this.awaitAnnounced();
      });
    return this.reading;
  }

  private async readNew(): Promise<void> {
    do {
      this.again = false;
      if (this.listeners.size === 0) {
        // Nobody to hand events to: move past them with one look at the newest instead of reading
        // them. A subscriber arriving meanwhile started from the old position, so then read as usual.
        const latest = await latestEventPosition(this.orm.em.fork(), true);
        if (this.listeners.size === 0) {
          this.position = latest;
          continue;
        }
      }
      let page: AppointmentEvent[];
      do {
        page = await readNewAppointmentEvents(this.orm.em.fork(), this.position, PAGE_SIZE);
        if (page.length === 0) {
          break;
        }
        this.position = page.at(-1)!;
        for (const listener of this.listeners) {
          listener(page);
        }
        const now = Date.now();
        for (const event of page) {
          this.awaited.delete(event.id);
          this.onDelivered?.((now - event.at.getTime()) / 1000);
        }
      } while (page.length === PAGE_SIZE);
    } while (this.again);
  }

  /**
   * The events the caller may follow (narrowed further by the filter), until the stream is
   * closed: with `after`, first every such event since that position, in order, then live ones.
   * Iterate it, or let the transport take the events with `pushTo` (the WebSocket fan-out).
   */
  stream(options: StreamOptions): PushStream<AppointmentEvent> {
    return new EventSubscription(this, options);
  }

  /** @internal The position handed out last (where a stream without `after` starts). */
  get lastPosition(): EventPosition {
    return this.position;
  }

  /** @internal */
  addListener(listener: Listener): void {
    this.listeners.add(listener);
  }

  /** @internal */
  removeListener(listener: Listener): void {
    this.listeners.delete(listener);
  }

  /** @internal Every event after `after` the subscriber may see, from the table: one page. */
  async replayPage(
    options: StreamOptions,
    after: EventPosition,
    cache: AppointmentCache,
  ): Promise<{ read: number; last: EventPosition; events: AppointmentEvent[] }> {
    const em = this.orm.em.fork();
    const where = [...(await options.scope(em)), ...filterConditions(options.filter)];
    const page = await readAppointmentEvents(em, after, where, PAGE_SIZE, cache);
    // The table was narrowed by the same rule (consent included); a person's events pass the
    // one policy function as live ones do.
    const events =
      options.actor.kind === 'partner'
        ? page
        : page.filter((event) => mayFollowAppointmentEvents(options.actor, factsOf(event)));
    return { read: page.length, last: page.at(-1) ?? after, events };
  }

  /** The answer when it needs no database (the filter, a person's policy), else 'ask'. */
  mayFollowNow(options: StreamOptions, event: AppointmentEvent): boolean | 'ask' {
    const facts = factsOf(event);
    const { filter, actor } = options;
    if (
      (filter.doctorId && filter.doctorId !== facts.doctorId) ||
      (filter.patientId && filter.patientId !== facts.patientId)
    ) {
      return false;
    }
    return actor.kind === 'partner' ? 'ask' : mayFollowAppointmentEvents(actor, facts);
  }

  async mayFollow(options: StreamOptions, event: AppointmentEvent): Promise<boolean> {
    const now = this.mayFollowNow(options, event);
    if (now !== 'ask') {
      return now;
    }
    try {
      return (await options.partnerMaySee?.(factsOf(event).patientId)) ?? false;
    } catch (error) {
      this.logger.error({ type: (error as Error).name }, 'could not check a partner event');
      return false;
    }
  }
}

/**
 * One subscriber's stream. Listening starts at once (nothing committed after the subscription
 * began is missed), events wait until a target takes them. A person's live events are decided
 * synchronously as the hub hands them out and pushed straight to the target; anything that needs
 * the database (a replay, a partner's consent, catching up after falling behind) runs in `run`,
 * one at a time and in order, and live pushing resumes only once it has nothing left to do.
 * Positions only grow, so an event at or before the last one handed out is never sent twice.
 */
class EventSubscription implements PushStream<AppointmentEvent> {
  /** The position of the last event decided (handed out or skipped). */
  private last: EventPosition;
  /** Live events waiting for `run` (while it replays, or a partner's consent is asked). */
  private pending: AppointmentEvent[] = [];
  /** Too many waited: they were dropped, and the table is read again from `last`. */
  private behind = false;
  private replayFirst: boolean;
  private running = false;
  private closed = false;
  private target: PushTarget<AppointmentEvent> | undefined;
  private iterator: IteratorTarget<AppointmentEvent> | undefined;
  /** A person's live events need no database: they are pushed as they arrive while idle. */
  private readonly synchronous: boolean;

  constructor(
    private readonly hub: AppointmentEventHub,
    private readonly options: StreamOptions,
  ) {
    this.last = options.after ?? hub.lastPosition;
    this.replayFirst = options.after !== undefined;
    this.synchronous = options.actor.kind === 'user';
    hub.addListener(this.listener);
  }

  pushTo(target: PushTarget<AppointmentEvent>): void {
    if (this.target || this.closed) {
      return;
    }
    this.target = target;
    this.kick();
  }

  private readonly listener: Listener = (all) => {
    if (this.behind) {
      return;
    }
    for (const event of all) {
      // A person's events are checked here, as the hub hands them out: a subscriber that may see
      // none of them does no more. A partner's consent is asked in order, in `run`.
      const now = this.hub.mayFollowNow(this.options, event);
      if (now === false || !isAfter(event, this.last)) {
        continue;
      }
      if (!this.running && this.target && this.synchronous) {
        if (!this.target.live(event)) {
          this.fallBehind(); // caught up from `last`, this event included
          return;
        }
        this.last = event;
        continue;
      }
      if (this.pending.length >= MAX_QUEUED) {
        this.fallBehind();
        return;
      }
      this.pending.push(event);
    }
    this.kick();
  };

  /** Drops what waits and reads the table again from the last event handed out. */
  private fallBehind(): void {
    this.behind = true;
    this.pending = [];
    this.kick();
  }

  private kick(): void {
    if (this.running || this.closed || !this.target) {
      return;
    }
    if (!this.replayFirst && !this.behind && this.pending.length === 0) {
      return;
    }
    this.running = true;
    void this.run(this.target).finally(() => {
      this.running = false;
      // Something may have arrived between the last check and the end of the run.
      this.kick();
    });
  }

  private async run(target: PushTarget<AppointmentEvent>): Promise<void> {
    try {
      while (!this.closed) {
        if (this.replayFirst || this.behind) {
          this.replayFirst = false;
          this.behind = false;
          this.pending = [];
          await this.replay(target);
          continue;
        }
        const queued = this.pending;
        if (queued.length === 0) {
          return;
        }
        this.pending = [];
        for (const event of queued) {
          if (this.closed || this.behind) {
            break;
          }
          if (!isAfter(event, this.last)) {
            continue; // already replayed
          }
          if ((await this.hub.mayFollow(this.options, event)) && !target.live(event)) {
            this.fallBehind(); // caught up from `last`, this event included
            break;
          }
          this.last = event;
        }
      }
    } catch (error) {
      this.close();
      target.fail(error);
    }
  }

  private async replay(target: PushTarget<AppointmentEvent>): Promise<void> {
    // The next page is read while the target takes this one; an appointment is read once.
    const cache: AppointmentCache = new Map();
    let next = this.hub.replayPage(this.options, this.last, cache);
    for (;;) {
      const page = await next;
      if (this.closed) {
        return;
      }
      this.last = page.last;
      const more = page.read === PAGE_SIZE;
      if (more) {
        next = this.hub.replayPage(this.options, page.last, cache);
        next.catch(() => undefined); // awaited (and thrown) on the next turn, unless closed first
      }
      if (page.events.length > 0) {
        await target.replay(page.events);
      }
      if (!more) {
        return;
      }
    }
  }

  private close(): void {
    this.closed = true;
    this.pending = [];
    this.hub.removeListener(this.listener);
    this.iterator?.close();
  }

  // The async-iterator side, for a transport that pulls.
  next(): Promise<IteratorResult<AppointmentEvent>> {
    if (!this.target && !this.closed) {
      this.iterator = new IteratorTarget(MAX_QUEUED);
      this.pushTo(this.iterator);
    }
    return this.iterator ? this.iterator.next() : Promise.resolve({ value: undefined, done: true });
  }

  return(): Promise<IteratorResult<AppointmentEvent>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<AppointmentEvent>> {
    this.close();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

function factsOf(event: AppointmentEvent): { patientId: string; doctorId: string } {
  return { patientId: event.appointment.patient.id, doctorId: event.appointment.doctor.id };
}

/** The subscription's own arguments as conditions on the appointment. */
export function filterConditions(filter: EventFilter): object[] {
  return [
    ...(filter.doctorId ? [{ doctor: filter.doctorId }] : []),
    ...(filter.patientId ? [{ patient: filter.patientId }] : []),
  ];
}
