import type { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../identity/actor.js';
import { mayFollowAppointmentEvents } from '../identity/access.policy.js';
import type { Logger } from '../../shared/logger.js';
import type { PgBus } from '../../shared/pg-bus.js';
import { AppointmentEvent, type AppointmentEventKind } from './appointment-event.type.js';
import { Appointment } from './appointment.entity.js';

export const APPOINTMENT_EVENTS_CHANNEL = 'appointment_events';

interface EventMessage {
  id: string;
  kind: AppointmentEventKind;
  at: string;
}

/**
 * Publishes a change inside the caller's transaction. PostgreSQL delivers NOTIFY only when that
 * transaction commits, to every API process listening on the database; the payload carries ids
 * only (far under the 8,000-byte limit) and each process loads the rest.
 */
export async function publishAppointmentEvent(
  tx: EntityManager,
  appointmentId: string,
  kind: AppointmentEventKind,
): Promise<void> {
  const message: EventMessage = { id: appointmentId, kind, at: new Date().toISOString() };
  await tx.execute('select pg_notify(?, ?)', [APPOINTMENT_EVENTS_CHANNEL, JSON.stringify(message)]);
}

type Listener = (event: AppointmentEvent) => void;

export interface EventFilter {
  doctorId?: string | null | undefined;
  patientId?: string | null | undefined;
}

/**
 * This process's end of the appointment event stream: one LISTEN (through the process's PgBus)
 * however many subscribers, each event loaded once and handed to every subscriber allowed to see
 * it by the access policy.
 */
export class AppointmentEventHub {
  private readonly listeners = new Set<Listener>();
  /** Told how long each delivered event took from its transaction to this process (metrics). */
  onDelivered: ((lagSeconds: number) => void) | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly logger: Logger,
  ) {}

  async start(bus: PgBus): Promise<void> {
    await bus.subscribe(APPOINTMENT_EVENTS_CHANNEL, (payload) => {
      this.deliver(payload).catch((error: unknown) =>
        this.logger.error({ type: (error as Error).name }, 'could not deliver an appointment event'),
      );
    });
  }

  /** Live subscribers on this process (for tests and metrics). */
  get size(): number {
    return this.listeners.size;
  }

  private async deliver(payload: string): Promise<void> {
    if (this.listeners.size === 0) {
      return;
    }
    const message = JSON.parse(payload) as EventMessage;
    const appointment = await this.orm.em.fork().findOne(Appointment, message.id);
    if (!appointment) {
      return;
    }
    const event = Object.assign(new AppointmentEvent(), { kind: message.kind, at: new Date(message.at), appointment });
    for (const listener of this.listeners) {
      listener(event);
    }
    this.onDelivered?.((Date.now() - event.at.getTime()) / 1000);
  }

  /** The events `actor` may follow (narrowed further by `filter`), until the iterator is closed. */
  stream(actor: Actor, filter: EventFilter): AsyncIterableIterator<AppointmentEvent> {
    const queue: AppointmentEvent[] = [];
    let wake: ((result: IteratorResult<AppointmentEvent>) => void) | undefined;
    let closed = false;
    const listener: Listener = (event) => {
      const facts = { patientId: event.appointment.patient.id, doctorId: event.appointment.doctor.id };
      if (!mayFollowAppointmentEvents(actor, facts)) {
        return;
      }
      if (
        (filter.doctorId && filter.doctorId !== facts.doctorId) ||
        (filter.patientId && filter.patientId !== facts.patientId)
      ) {
        return;
      }
      if (wake) {
        const resolve = wake;
        wake = undefined;
        resolve({ value: event, done: false });
      } else if (queue.length < 1000) {
        queue.push(event);
      }
    };
    this.listeners.add(listener);
    const close = (): Promise<IteratorResult<AppointmentEvent>> => {
      closed = true;
      this.listeners.delete(listener);
      wake?.({ value: undefined, done: true });
      wake = undefined;
      return Promise.resolve({ value: undefined, done: true });
    };
    return {
      next: () => {
        const queued = queue.shift();
        if (queued) {
          return Promise.resolve({ value: queued, done: false });
        }
        if (closed) {
          return Promise.resolve({ value: undefined, done: true });
        }
        return new Promise((resolve) => {
          wake = resolve;
        });
      },
      return: close,
      throw: async (error: unknown) => {
        await close();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}
