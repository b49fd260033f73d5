import { forbidden } from '../../shared/errors.js';
import type { Actor } from '../identity/actor.js';
import { Role } from '../identity/role.js';
import { guardRows, type AnyRowGuard } from '../identity/row-guard.js';
import { MessageThread } from './message-thread.entity.js';
import { Message } from './message.entity.js';

const NOT_A_PARTICIPANT = 'You may not see this conversation.';

export interface ThreadParties {
  readonly patientId: string;
  readonly doctorId: string;
}

/**
 * Who may read a conversation: its patient and its doctor, nobody else — not another doctor of
 * the patient, and not an administrator (messages are clinical correspondence).
 */
export function isThreadParticipant(actor: Actor, thread: ThreadParties): boolean {
  if (actor.kind !== 'user') {
    return false;
  }
  switch (actor.role) {
    case Role.PATIENT:
      return actor.patientId === thread.patientId;
    case Role.DOCTOR:
      return actor.doctorId === thread.doctorId;
    case Role.ADMIN:
      return false;
  }
}

/**
 * Who may write: a participant, while the care relationship holds (`careActive`, looked up in the
 * database through the access policy's care rule). Once it ends, the thread is read-only.
 */
export function mayWriteToThread(actor: Actor, thread: ThreadParties, careActive: boolean): boolean {
  return careActive && isThreadParticipant(actor, thread);
}

/** Who may start a conversation with whom: a patient with a doctor, a doctor with a patient. */
export function counterpartRole(actor: Actor): 'doctor' | 'patient' | undefined {
  if (actor.kind !== 'user') {
    return undefined;
  }
  switch (actor.role) {
    case Role.PATIENT:
      return 'doctor';
    case Role.DOCTOR:
      return 'patient';
    case Role.ADMIN:
      return undefined;
  }
}

/** Row guards of the messages module: a thread and its messages are its two participants' alone. */
export const messageGuards: readonly AnyRowGuard[] = [
  guardRows(MessageThread, (thread, ctx) => {
    if (!isThreadParticipant(ctx.access.actor, { patientId: thread.patient.id, doctorId: thread.doctor.id })) {
      throw forbidden(NOT_A_PARTICIPANT);
    }
  }),
  guardRows(Message, async (message, ctx) => {
    const thread = await message.thread.loadOrFail();
    if (!isThreadParticipant(ctx.access.actor, { patientId: thread.patient.id, doctorId: thread.doctor.id })) {
      throw forbidden(NOT_A_PARTICIPANT);
    }
    // Reading messages is reading the correspondence of a patient: audited like a chart read.
    ctx.audit.read({ entityType: 'MessageThread', entityId: thread.id, patientId: thread.patient.id });
  }),
];
