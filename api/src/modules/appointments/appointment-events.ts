import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { PartnerActor, UserActor } from '../identity/actor.js';
import { mayFollowAppointmentEvents } from '../identity/access.policy.js';
import type { Logger } from '../../shared/logger.js';
import type { PgBus } from '../../shared/pg-bus.js';
import { deferNotify } from '../../shared/transaction-outbox.js';
import { latestEventPosition, readAppointmentEvents } from './appointment-event-store.js';
import type { AppointmentEvent } from './appointment-event.type.js';

export const APPOINTMENT_EVENTS_CHANNEL = 'appointment_events';

/** Events read per statement, by the hub and by a replay. */
const PAGE_SIZE = 500;
/** Live events a subscriber may have waiting; beyond that it catches up from the database. */
const MAX_QUEUED = 1_000;
/** A lost notification (a reconnecting LISTEN connection) delays events by at most this. */
const SAFETY_POLL_MS = 5_000;

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
  readonly after?: string | undefined;
  /** The narrowing of `appointments` for this caller (asked afresh for each replay). */
  readonly scope: (em: EntityManager) => Promise<object[]>;
  /** A partner's live events pass its patient's consent, asked afresh per event. */
  readonly partnerMaySee?: (patientId: string) => Promise<boolean>;
}

/**
 * This process's end of the appointment event stream. The stream is the `appointment_event`
 * table, numbered in commit order; one LISTEN (through the process's PgBus) wakes the hub, which
 * reads the new events once, in order, each with its appointment, and hands them to every
 * subscriber. A subscriber checks each against the access policy (cheap: the facts are loaded)
 * and, when it resumes from a cursor, replays from the table first, then switches to live events
 * without a gap or a duplicate (positions only grow).
 */
export class AppointmentEventHub {
  private readonly listeners = new Set<Listener>();
  /** The last position this process has read and handed out. */
  private position = '0';
  private reading: Promise<void> | undefined;
  private again = false;
  private poll: NodeJS.Timeout | undefined;
  /** Told how long each delivered event took from its commit to this process (metrics). */
  onDelivered: ((lagSeconds: number) => void) | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly logger: Logger,
  ) {}

  async start(bus: PgBus): Promise<void> {
    this.position = await latestEventPosition(this.orm.em.fork());
    await bus.subscribe(APPOINTMENT_EVENTS_CHANNEL, () => void this.catchUp());
    this.poll = setInterval(() => void this.catchUp(), SAFETY_POLL_MS);
    this.poll.unref();
  }

  stop(): void {
    clearInterval(this.poll);
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
      });
    return this.reading;
  }

  private async readNew(): Promise<void> {
    do {
      this.again = false;
      let page: AppointmentEvent[];
      do {
        page = await readAppointmentEvents(this.orm.em.fork(), this.position, [], PAGE_SIZE);
        if (page.length === 0) {
          break;
        }
        this.position = page.at(-1)!.seq;
        for (const listener of this.listeners) {
          listener(page);
        }
        const now = Date.now();
        for (const event of page) {
          this.onDelivered?.((now - event.at.getTime()) / 1000);
        }
      } while (page.length === PAGE_SIZE);
    } while (this.again);
  }

  /**
   * The events the caller may follow (narrowed further by the filter), until the iterator is
   * closed: with `after`, first every such event since that position, in order, then live ones.
   */
  stream(options: StreamOptions): AsyncIterableIterator<AppointmentEvent> {
    const queue: AppointmentEvent[] = [];
    let overflow = false;
    let closed = false;
    let wake: (() => void) | undefined;
    const alarm = () => {
      const resolve = wake;
      wake = undefined;
      resolve?.();
    };
    // A person's events are checked here, synchronously, as the hub hands them out: a subscriber
    // that may see none of them is not even woken. A partner's consent is asked in order below.
    const cheap =
      options.actor.kind === 'user'
        ? (event: AppointmentEvent) => this.mayFollowNow(options, event) === true
        : (event: AppointmentEvent) => this.mayFollowNow(options, event) !== false;
    const listener: Listener = (all) => {
      if (overflow) {
        return;
      }
      const events = all.filter(cheap);
      if (events.length === 0) {
        return;
      }
      if (queue.length + events.length > MAX_QUEUED) {
        // A slow reader: drop what waits and catch up from the table instead.
        overflow = true;
        queue.length = 0;
      } else {
        queue.push(...events);
      }
      alarm();
    };
    this.listeners.add(listener);
    let last = options.after ?? this.position;
    const catchUp = () =>
      this.replay(
        options,
        () => last,
        (seq) => (last = seq),
        () => closed,
      );
    const mayFollow = (event: AppointmentEvent) => this.mayFollow(options, event);
    const run = async function* (): AsyncGenerator<AppointmentEvent> {
      let replay = options.after !== undefined;
      while (!closed) {
        if (replay || overflow) {
          replay = false;
          overflow = false;
          yield* catchUp();
          continue;
        }
        const event = queue.shift();
        if (!event) {
          await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        if (BigInt(event.seq) <= BigInt(last)) {
          continue; // already replayed
        }
        last = event.seq;
        if (await mayFollow(event)) {
          yield event;
        }
      }
    };
    const generator = run();
    const close = () => {
      closed = true;
      this.listeners.delete(listener);
      alarm();
    };
    return {
      next: () => generator.next(),
      return: async () => {
        close();
        return generator.return(undefined);
      },
      throw: async (error: unknown) => {
        close();
        return generator.throw(error);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** Every event after the subscriber's position it may see, from the table, page by page. */
  private async *replay(
    options: StreamOptions,
    position: () => string,
    advance: (seq: string) => void,
    closed: () => boolean,
  ): AsyncGenerator<AppointmentEvent> {
    for (;;) {
      const em = this.orm.em.fork();
      const where = [...(await options.scope(em)), ...filterConditions(options.filter)];
      const page = await readAppointmentEvents(em, position(), where, PAGE_SIZE);
      for (const event of page) {
        if (closed()) {
          return;
        }
        advance(event.seq);
        // The table was narrowed by the same rule (consent included); a person's events pass
        // the one policy function as live ones do.
        if (options.actor.kind === 'partner' || mayFollowAppointmentEvents(options.actor, factsOf(event))) {
          yield event;
        }
      }
      if (page.length < PAGE_SIZE) {
        return;
      }
    }
  }

  /** The answer when it needs no database (the filter, a person's policy), else 'ask'. */
  private mayFollowNow(options: StreamOptions, event: AppointmentEvent): boolean | 'ask' {
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

  private async mayFollow(options: StreamOptions, event: AppointmentEvent): Promise<boolean> {
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
