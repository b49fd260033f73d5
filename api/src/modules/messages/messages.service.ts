import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, forbidden } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import type { Context } from '../../server/context.js';
import type { UserActor } from '../identity/actor.js';
import { User } from '../identity/user.entity.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { enqueueNotice } from '../notifications/notice-mail.js';
import { Patient } from '../patients/patient.entity.js';
import { publishMessage } from './message-events.js';
import { MessageThread } from './message-thread.entity.js';
import { Message } from './message.entity.js';
import { MAX_BODY, type StartThreadInput } from './messages.inputs.js';
import { counterpartRole, isThreadParticipant, mayWriteToThread, type ThreadParties } from './messages.policy.js';

const NOT_YOURS = 'You may not see this conversation.';
const NO_CARE_PATIENT = 'You can write only to a doctor who cares for you (one you have an appointment with).';
const NO_CARE_DOCTOR = 'You can write only to a patient under your care.';
const FROZEN = 'This conversation is read-only: the care relationship has ended.';

/**
 * Files sent with a message: the files module (above this one) binds the sender's uploads to the
 * new message in its transaction, or refuses them (BAD_USER_INPUT naming `attachmentIds`). Composed
 * into the context by server/context.ts.
 */
export type AttachToMessage = (
  tx: EntityManager,
  actor: UserActor,
  message: Message,
  attachmentIds: readonly string[],
) => Promise<void>;

/** At most this many files go with one message. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

export function partiesOf(thread: MessageThread): ThreadParties {
  return { patientId: thread.patient.id, doctorId: thread.doctor.id };
}

function messageBody(body: string, withFiles = false): string {
  const trimmed = body.trim();
  if (!trimmed && !withFiles) {
    throw badInput([{ field: 'body', message: 'is required' }]);
  }
  if (trimmed.length > MAX_BODY) {
    throw badInput([{ field: 'body', message: `must be at most ${MAX_BODY} characters` }]);
  }
  return trimmed;
}

/** Conversations between patients and the doctors who care for them. */
export class MessagesService {
  constructor(private readonly ctx: Context) {}

  /**
   * A thread the actor takes part in; FORBIDDEN otherwise — the same answer whether or not it
   * exists, and always for administrators.
   */
  async thread(idInput: string, field = 'id'): Promise<MessageThread> {
    const actor = this.ctx.access.requireUser();
    const id = requireId(idInput, field);
    const thread = await this.ctx.em.findOne(MessageThread, id);
    if (!thread || !isThreadParticipant(actor, partiesOf(thread))) {
      throw forbidden(NOT_YOURS);
    }
    return thread;
  }

  async startThread(input: StartThreadInput): Promise<MessageThread> {
    const actor = this.ctx.access.requireUser();
    const counterpart = counterpartRole(actor);
    if (!counterpart) {
      throw forbidden('Only patients and their doctors write messages.');
    }
    const parties: ThreadParties =
      counterpart === 'doctor'
        ? { patientId: actor.patientId ?? '', doctorId: requireId(input.doctorId ?? '', 'input.doctorId') }
        : { patientId: requireId(input.patientId ?? '', 'input.patientId'), doctorId: actor.doctorId ?? '' };
    if (!parties.patientId || !parties.doctorId || !(await this.ctx.loaders.messages.careActive.load(parties))) {
      throw forbidden(counterpart === 'doctor' ? NO_CARE_PATIENT : NO_CARE_DOCTOR);
    }
    const subject = input.subject.trim();
    if (!subject) {
      throw badInput([{ field: 'input.subject', message: 'is required' }]);
    }
    const body = messageBody(input.body);
    return this.ctx.em.transactional(async (tx) => {
      const now = new Date();
      const thread = tx.create(MessageThread, {
        patient: tx.getReference(Patient, parties.patientId),
        doctor: tx.getReference(Doctor, parties.doctorId),
        subject,
        lastMessageAt: now,
      });
      await this.post(tx, actor, thread, body, now);
      this.ctx.audit.record(tx, {
        action: 'MESSAGE_THREAD_STARTED',
        entityType: 'MessageThread',
        entityId: thread.id,
        patientId: parties.patientId,
      });
      return thread;
    });
  }

  /**
   * A thread the actor may write in now: FORBIDDEN as `thread` says, and CONFLICT (THREAD_READ_ONLY)
   * once the care relationship has ended.
   */
  async writableThread(idInput: string, field = 'id'): Promise<MessageThread> {
    const actor = this.ctx.access.requireUser();
    const thread = await this.thread(idInput, field);
    if (
      !mayWriteToThread(actor, partiesOf(thread), await this.ctx.loaders.messages.careActive.load(partiesOf(thread)))
    ) {
      throw conflict(FROZEN, 'THREAD_READ_ONLY');
    }
    return thread;
  }

  async sendMessage(
    threadId: string,
    bodyInput: string,
    attachmentIdsInput: readonly string[] | null | undefined = [],
  ): Promise<Message> {
    const actor = this.ctx.access.requireUser();
    // Canonical ids first, so one file named twice in different letter case counts once.
    const attachmentIds = [...new Set((attachmentIdsInput ?? []).map((id) => requireId(id, 'attachmentIds')))];
    if (attachmentIds.length > MAX_ATTACHMENTS_PER_MESSAGE) {
      throw badInput([{ field: 'attachmentIds', message: `must list at most ${MAX_ATTACHMENTS_PER_MESSAGE} files` }]);
    }
    // A message may be only files; then the body may be empty.
    const body = messageBody(bodyInput, attachmentIds.length > 0);
    const thread = await this.writableThread(threadId, 'threadId');
    return this.ctx.em.transactional(async (tx) => {
      const now = new Date();
      thread.lastMessageAt = now;
      const message = await this.post(tx, actor, thread, body, now, attachmentIds);
      this.ctx.audit.record(tx, {
        action: 'MESSAGE_SENT',
        entityType: 'MessageThread',
        entityId: thread.id,
        patientId: thread.patient.id,
      });
      return message;
    });
  }

  /** Marks every message the other participant sent as read now (the read receipts). */
  async markRead(threadId: string): Promise<MessageThread> {
    const actor = this.ctx.access.requireUser();
    const thread = await this.thread(threadId, 'threadId');
    await this.ctx.em.transactional(async (tx) => {
      await tx.execute(
        `update message set read_at = now(), updated_at = now()
         where thread_id = ? and sender_id <> ? and read_at is null`,
        [thread.id, actor.userId],
      );
    });
    return thread;
  }

  /**
   * Writes one message, announces it (after commit) to both participants' live subscriptions,
   * and e-mails the recipient a content-free notice — once per unread streak, not per message.
   */
  private async post(
    tx: EntityManager,
    actor: UserActor,
    thread: MessageThread,
    body: string,
    sentAt: Date,
    attachmentIds: readonly string[] = [],
  ): Promise<Message> {
    const message = tx.create(Message, {
      thread,
      sender: tx.getReference(User, actor.userId),
      body,
      sentAt,
    });
    await tx.flush();
    if (attachmentIds.length > 0) {
      await this.ctx.attachToMessage(tx, actor, message, attachmentIds);
    }
    const parties = partiesOf(thread);
    const [recipient] = await tx.execute<{ user_id: string; earlier_unread: number }[]>(
      `select u.user_id,
              (select count(*)::int from message m
               where m.thread_id = ? and m.sender_id <> u.user_id and m.read_at is null and m.id <> ?) as earlier_unread
       from (select user_id from ${actor.patientId ? 'doctor' : 'patient'} where id = ?) u`,
      [thread.id, message.id, actor.patientId ? parties.doctorId : parties.patientId],
    );
    if (recipient && recipient.earlier_unread === 0) {
      enqueueNotice(tx, recipient.user_id, 'NEW_MESSAGE');
    }
    await publishMessage(tx, { id: message.id, ...parties });
    return message;
  }
}
