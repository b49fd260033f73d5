import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Connection, type ConnectionShape } from '../../shared/connection.js';
import { PageArgs } from '../../shared/pagination.js';
import { readTimePage } from '../../shared/read-page.js';
import { readAllInOrder } from '../../shared/read-rows.js';
import { selects } from '../../shared/selection.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { User } from '../identity/user.entity.js';
import { Role } from '../identity/role.js';
import { Patient } from '../patients/patient.entity.js';
import { MessageThread } from './message-thread.entity.js';
import { Message } from './message.entity.js';
import { StartThreadInput } from './messages.inputs.js';
import { MessagesService, partiesOf } from './messages.service.js';

export const MessageThreadConnection = Connection('MessageThread', MessageThread);
export const MessageConnection = Connection('Message', Message);

@Resolver(() => MessageThread)
export class MessageThreadResolver {
  @Query(() => MessageThreadConnection, {
    description: "The signed-in patient's or doctor's conversations, latest activity first.",
  })
  messageThreads(
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<MessageThread>> {
    const actor = ctx.access.requireRole(Role.PATIENT, Role.DOCTOR);
    const mine = actor.role === Role.PATIENT ? { patient: actor.patientId } : { doctor: actor.doctorId };
    return readTimePage(ctx.em, MessageThread, [mine], 'lastMessageAt', 'desc', args, {
      count: selects(info, ['totalCount']),
    });
  }

  @Query(() => MessageThread, {
    nullable: true,
    description: 'One of your conversations. Reading its messages is recorded in the audit trail like a chart read.',
  })
  messageThread(
    @Arg('id', () => ID, { description: 'The conversation.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<MessageThread> {
    return new MessagesService(ctx).thread(id);
  }

  @Query(() => Int, { description: 'How many messages to you are unread, across all your conversations.' })
  async unreadMessageCount(@Ctx() ctx: Context): Promise<number> {
    const actor = ctx.access.requireRole(Role.PATIENT, Role.DOCTOR);
    const [row] = await ctx.em.execute<{ unread: number }[]>(
      `select count(*)::int as unread from message m join message_thread t on t.id = m.thread_id
       where ${actor.role === Role.PATIENT ? 't.patient_id' : 't.doctor_id'} = ? and m.sender_id <> ? and m.read_at is null`,
      [actor.role === Role.PATIENT ? actor.patientId : actor.doctorId, actor.userId],
    );
    return row?.unread ?? 0;
  }

  @Query(() => [Doctor], {
    description: 'PATIENT: the doctors who care for you (an appointment that is not cancelled): whom you can write to.',
  })
  careTeam(@Ctx() ctx: Context): Promise<Doctor[]> {
    const actor = ctx.access.requireRole(Role.PATIENT);
    // The doctors themselves, as read rows, in one statement.
    return readAllInOrder(ctx.em, Doctor, 'p.last_name, p.first_name, p.id', {
      sql: `exists (select 1 from app_user u where u.id = t.user_id and u.active)
        and exists (select 1 from appointment a where a.doctor_id = t.id and a.patient_id = $1 and a.status <> 'CANCELLED')`,
      params: [actor.patientId],
    });
  }

  @Mutation(() => MessageThread, {
    description:
      'Starts a conversation with its first message: a PATIENT with a doctor who cares for them, or that DOCTOR with the patient. The recipient gets a notice by e-mail that says only that a message is waiting.',
  })
  startThread(
    @Arg('input', () => StartThreadInput, { description: 'Whom to write to, the subject and the first message.' })
    input: StartThreadInput,
    @Ctx() ctx: Context,
  ): Promise<MessageThread> {
    return new MessagesService(ctx).startThread(input);
  }

  @Mutation(() => Message, {
    description:
      'Adds a message to one of your conversations, with files you uploaded into it first ' +
      '(`createAttachmentUpload` with `messageThreadId`, then PUT the bytes). A conversation whose care relationship ' +
      'has ended is read-only (CONFLICT, reason THREAD_READ_ONLY).',
  })
  sendMessage(
    @Arg('threadId', () => ID, { description: 'The conversation to write in.' }) threadId: string,
    @Arg('body', {
      description: 'The text; at most 10,000 characters. May be empty when the message carries files.',
    })
    body: string,
    @Arg('attachmentIds', () => [ID], {
      nullable: true,
      description:
        'Up to 10 files to send with the message: your own uploads into this conversation that are READY and not ' +
        'sent yet. Anything else is BAD_USER_INPUT naming `attachmentIds`, and nothing is sent.',
    })
    attachmentIds: string[] | null,
    @Ctx() ctx: Context,
  ): Promise<Message> {
    return new MessagesService(ctx).sendMessage(threadId, body, attachmentIds);
  }

  @Mutation(() => MessageThread, {
    description:
      'Marks every message the other participant sent in this conversation as read now (their read receipts).',
  })
  markThreadRead(
    @Arg('threadId', () => ID, { description: 'The conversation whose messages to you are now read.' })
    threadId: string,
    @Ctx() ctx: Context,
  ): Promise<MessageThread> {
    return new MessagesService(ctx).markRead(threadId);
  }

  @Subscription(() => Message, {
    description:
      'New messages in your conversations, live, on every API process: the ones you receive and the ones you send from another device.',
    subscribe: ({ context }) => {
      const ctx = context as Context;
      return ctx.messages.stream(ctx.access.requireRole(Role.PATIENT, Role.DOCTOR));
    },
  })
  messageReceived(@Root() message: Message): Message {
    return message;
  }

  @FieldResolver(() => Patient, { description: 'The patient of the conversation.' })
  patient(@Root() thread: MessageThread): Promise<Patient> {
    return thread.patient.loadOrFail();
  }

  @FieldResolver(() => Doctor, { description: 'The doctor of the conversation, who cares for the patient.' })
  doctor(@Root() thread: MessageThread): Promise<Doctor> {
    return thread.doctor.loadOrFail();
  }

  @FieldResolver(() => Int, { description: 'Messages to you in this conversation that you have not read.' })
  unreadCount(@Root() thread: MessageThread, @Ctx() ctx: Context): Promise<number> {
    const actor = ctx.access.requireUser();
    return ctx.loaders.messages.unread.load(actor.userId, thread.id);
  }

  @FieldResolver(() => Boolean, {
    description:
      'True once the care relationship has ended (or an account was deactivated): nobody can write any more.',
  })
  async readOnly(@Root() thread: MessageThread, @Ctx() ctx: Context): Promise<boolean> {
    return !(await ctx.loaders.messages.careActive.load(partiesOf(thread)));
  }

  @FieldResolver(() => MessageConnection, { description: 'The messages, newest first.' })
  messages(
    @Root() thread: MessageThread,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<Message>> {
    return ctx.loaders.messages.messagesOfThread.page(thread.id, args);
  }
}

@Resolver(() => Message)
export class MessageResolver {
  @FieldResolver(() => MessageThread, { description: 'The conversation this message belongs to.' })
  thread(@Root() message: Message): Promise<MessageThread> {
    return message.thread.loadOrFail();
  }

  @FieldResolver(() => User, { description: 'Who wrote it: the patient or the doctor of the conversation.' })
  sender(@Root() message: Message, @Ctx() ctx: Context): Promise<User> {
    // The message itself has passed the guard: its author may be shown as such.
    ctx.access.discloseCorrespondent(message.sender.id);
    return message.sender.loadOrFail();
  }

  @FieldResolver(() => Boolean, { description: 'True when you wrote it.' })
  mine(@Root() message: Message, @Ctx() ctx: Context): boolean {
    const actor = ctx.access.actor;
    return actor.kind === 'user' && actor.userId === message.sender.id;
  }
}
