import {
  createSourceEventStream,
  execute,
  GraphQLError,
  isAbstractType,
  isObjectType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
} from 'graphql';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { Actor } from '../modules/identity/actor.js';
import { isPromise } from '../shared/maybe-async.js';
import { isPushStream, type PushStream, type PushTarget } from '../shared/push-stream.js';
import type { CompiledDocuments, CompiledExecution } from './compiled-documents.js';
import { contextOf, type Context, type ContextDependencies } from './context.js';
import { nextMessageWriter, type NextMessageWriter } from './next-frames.js';

/** A socket with more than this waiting to go out gets no more live events: it catches up from the store. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/**
 * Groups executing an event at once. Past this they wait their turn, in arrival order: each group
 * then runs to its sends without a thousand others interleaved at every await, so the first
 * messages leave as soon as their own execution is done instead of after everyone's.
 */
const GROUPS_AT_ONCE = 32;

/** One subscription operation on one socket, as the fan-out sends to it. */
export interface FanOutOperation {
  readonly socket: WebSocket;
  /** The TCP connection under it (the upgrade request's): corked while a replayed page is written. */
  readonly connection: Socket;
  /** The graphql-ws operation id. */
  readonly id: string;
  /** The document's text as the client sent it (part of the group key). */
  readonly query: string;
  /** The operation's own context: its request id, its audit trail. */
  readonly context: Context;
  /** Formats this operation's errors for the client and counts them (graphql-ws `onNext`). */
  readonly resultErrors: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
}

/**
 * Shared execution of subscriptions whose source is a {@link PushStream} (appointment events).
 *
 * Subscribers are grouped by everything that can change what their selection returns: the
 * document, the operation name, the variables (but a variable used only as the root field's
 * `after`, which picks where a replay starts, not what an event looks like), and the whole actor
 * (every input of every access rule: role, user, patient and doctor ids, second factor; an API
 * client and its scopes) except the token's expiry, and except the session unless the document
 * selects a field marked per session (`PER_SESSION`: a download link signed for the session).
 * Members of one group are therefore the same caller running the same document (one person's
 * sessions share a group: the access rules look at the person, never at the session), and are
 * told the same thing: an event's selection is
 * executed once per group (through the document compiled once, with graphql-jit, for every group
 * running it: the same resolvers and access checks, without graphql-js's per-execution walk of the
 * document), with a fresh context acting as that caller, serialised once, and the
 * same `next` message text is written to each member's socket (one finished frame per member:
 * next-frames.ts). An execution that completes without a promise and read nothing to audit (the
 * usual event: the arguments' validation is remembered per distinct set, subscription-arguments.ts)
 * is sent at once, in the hub's hand-out; one that must wait goes through the group's queue. Each member still gets its own
 * audit entries (with its own request id) before the message goes out, its own error formatting,
 * its own stream position, replay and back-pressure. Everything else (other subscriptions, errors
 * before the stream starts) runs the usual way, one execution per event and subscriber.
 */
export class LiveFanOut {
  private readonly operations = new WeakMap<object, FanOutOperation>();
  private readonly groups = new Map<string, SharedGroup>();
  private readonly turns = new Turns(GROUPS_AT_ONCE);
  /** Groups given events in the hub's current hand-out, in arrival order. */
  private due: SharedGroup[] = [];
  private readonly schedule = (group: SharedGroup): void => {
    if (this.due.push(group) === 1) {
      // Runs after the hub's synchronous hand-out: every member's copy of the event is in.
      queueMicrotask(this.deliverDue);
    }
  };
  private readonly deliverDue = (): void => {
    const due = this.due;
    this.due = [];
    for (const group of due) {
      try {
        group.deliver();
      } catch (error) {
        // deliver() answers each event's failure to its members; the other groups go on regardless.
        this.dependencies.logger.error({ type: (error as Error).name }, 'could not deliver a live event');
      }
    }
  };

  constructor(
    private readonly dependencies: ContextDependencies,
    /** Each distinct document's event execution, compiled once (graphql-jit) for every group running it. */
    private readonly compiled: CompiledDocuments,
  ) {}

  /** Subscribers currently sharing executions, and their groups (for tests and metrics). */
  get stats(): { groups: number; members: number } {
    let members = 0;
    for (const group of this.groups.values()) {
      members += group.members.size;
    }
    return { groups: this.groups.size, members };
  }

  /** Tells the fan-out where the operation whose context is `context` sends (from `onSubscribe`). */
  register(context: Context, operation: FanOutOperation): void {
    this.operations.set(context, operation);
  }

  /** graphql-ws `subscribe`: GraphQL's, except that a push stream is executed per group. */
  readonly subscribe = async (args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> => {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) {
      return source as ExecutionResult;
    }
    const operation = args.contextValue ? this.operations.get(args.contextValue) : undefined;
    if (operation && isPushStream(source)) {
      return this.attach(source, args, operation);
    }
    return mapEach(source[Symbol.asyncIterator](), (event) => execute({ ...args, rootValue: event }));
  };

  private attach(source: PushStream<unknown>, args: ExecutionArgs, operation: FanOutOperation): AsyncGenerator<never> {
    const made = groupKey(operation.context.access.actor, args, operation.query, selectsPerSessionField(args));
    let group = this.groups.get(made);
    if (!group) {
      group = new SharedGroup(
        made,
        args,
        this.compiled.executionOf(operation.query, args.document, args.operationName),
        this.dependencies,
        this.turns,
        this.schedule,
      );
      this.groups.set(made, group);
    }
    const member = new Member(operation);
    group.members.add(member);
    const shared = group;
    // The group's copy of the key: each member keeping its own (a few hundred bytes) adds up.
    const key = shared.key;
    const parked = new ParkedOperation(() => {
      member.closed = true;
      shared.members.delete(member);
      if (shared.members.size === 0 && this.groups.get(key) === shared) {
        this.groups.delete(key);
      }
      void source.return?.();
    });
    const target: PushTarget<unknown> = {
      live: (event) => {
        if (member.closed) {
          return true;
        }
        if (operation.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          return false;
        }
        shared.enqueue(member, event);
        return true;
      },
      replay: (events) => shared.replay(member, events),
      fail: (error) => parked.fail(error),
    };
    source.pushTo(target);
    return parked;
  }
}

class Member {
  closed = false;
  /** Writes this operation's `next` messages. */
  readonly next: NextMessageWriter;

  constructor(readonly operation: FanOutOperation) {
    this.next = nextMessageWriter(operation.socket, operation.connection, operation.id);
  }

  get open(): boolean {
    return !this.closed && this.operation.socket.readyState === this.operation.socket.OPEN;
  }
}

/**
 * The events one hub hand-out gave a group's members. The usual batch is one event for one member
 * (a person's own session): it is held as such, without the arrays a larger one needs, since a
 * hand-out makes one per group and a thousand sessions make a thousand groups.
 */
interface Batch {
  readonly member: Member;
  readonly event: unknown;
  /** Further members or events of the same hand-out, in arrival order (the first is above). */
  more: { member: Member; event: unknown }[] | undefined;
}

/** One distinct event of a batch and the members it goes to. */
interface Delivery {
  readonly event: unknown;
  readonly members: Member[];
}

/** An execution begun synchronously that must finish asynchronously (a promise, reads to audit). */
interface Begun {
  readonly context: Context;
  readonly executed: ExecutionResult | Promise<ExecutionResult>;
}

/** The members running one document as one caller, and the queue of what they are sent. */
class SharedGroup {
  readonly members = new Set<Member>();
  /** The member whose context executions act from (any open one: they are the same caller). */
  private representative: Member | undefined;
  /** Deliveries that had to wait (a promise, an audit write) go out one after another, in order. */
  private tail: Promise<void> = Promise.resolve();
  /** Deliveries chained on `tail` and not finished: later events queue behind them. */
  private waiting = 0;
  /** The batch still collecting the events one hub read hands out. */
  private open: Batch | undefined;

  constructor(
    readonly key: string,
    private readonly args: ExecutionArgs,
    private readonly execution: CompiledExecution,
    private readonly dependencies: ContextDependencies,
    private readonly turns: Turns,
    private readonly schedule: (group: SharedGroup) => void,
  ) {}

  enqueue(member: Member, event: unknown): void {
    const batch = this.open;
    if (!batch) {
      this.open = { member, event, more: undefined };
      this.schedule(this);
      return;
    }
    (batch.more ??= []).push({ member, event });
  }

  /**
   * Delivers the batch collected in the hub's hand-out. An execution that completes without a
   * promise and read nothing to audit (a person's usual event) is sent at once, without a promise
   * or a turn: a thousand groups then cost a thousand executions and sends, nothing more. The
   * first one that needs to wait, and everything after it, goes through the group's queue and
   * the shared turns, in order.
   */
  deliver(): void {
    const batch = this.open;
    this.open = undefined;
    if (!batch) {
      return;
    }
    const deliveries = distinctEvents(batch);
    if (this.waiting > 0) {
      this.later(deliveries, 0, undefined);
      return;
    }
    for (let index = 0; index < deliveries.length; index += 1) {
      const { event, members } = deliveries[index]!;
      let begun: Begun;
      try {
        const context = this.executionContext();
        begun = { context, executed: this.execute(context, event) };
      } catch (error) {
        sendFailure(error, members);
        continue;
      }
      if (isPromise(begun.executed) || begun.context.audit.hasReads) {
        this.later(deliveries, index, begun);
        return;
      }
      sendResult(begun.executed, members);
    }
  }

  /** Sends stored events to one member, in order, after every live one it was already given. */
  async replay(member: Member, events: readonly unknown[]): Promise<void> {
    await this.tail;
    const context = this.executionContext();
    const results = await Promise.all(events.map((event) => Promise.resolve(this.execute(context, event))));
    await this.audit(context, [member]);
    // One write for the page rather than one per event.
    const connection = member.operation.connection;
    connection.cork();
    try {
      for (const result of results) {
        sendResult(result, [member]);
      }
    } finally {
      connection.uncork();
    }
    const socket = member.operation.socket;
    while (!member.closed && socket.readyState === socket.OPEN && socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Queues `deliveries` from `from` on (the first possibly begun already) behind what waits. */
  private later(deliveries: readonly Delivery[], from: number, begun: Begun | undefined): void {
    this.waiting += 1;
    this.tail = this.tail
      .then(() => this.turns.run(() => this.deliverInTurn(deliveries, from, begun)))
      .catch((error: unknown) =>
        // Each event's failure is answered to its members; this keeps the queue going regardless.
        this.dependencies.logger.error({ type: (error as Error).name }, 'could not deliver a live event'),
      )
      .finally(() => {
        this.waiting -= 1;
      });
  }

  private async deliverInTurn(deliveries: readonly Delivery[], from: number, begun: Begun | undefined): Promise<void> {
    for (let index = from; index < deliveries.length; index += 1) {
      const { event, members } = deliveries[index]!;
      try {
        let started = index === from ? begun : undefined;
        if (!started) {
          const context = this.executionContext();
          started = { context, executed: this.execute(context, event) };
        }
        const { context, executed } = started;
        const result = isPromise(executed) ? await executed : executed;
        if (context.audit.hasReads) {
          await this.audit(context, members);
        }
        sendResult(result, members);
      } catch (error) {
        sendFailure(error, members);
      }
    }
  }

  /** A fresh context acting as the group's caller: this execution's own loaders and identity map. */
  private executionContext(): Context {
    let representative = this.representative;
    if (!representative?.open) {
      // An ended session's member stays until its socket's close event: another acts meanwhile.
      representative = this.representative =
        [...this.members.values()].find((member) => member.open) ?? this.members.values().next().value;
    }
    const own = (representative?.operation.context ?? this.args.contextValue) as Context;
    // The member's context is the origin: its request id, address and user agent.
    return contextOf(this.dependencies, own, own.access.actor);
  }

  private execute(context: Context, event: unknown): ExecutionResult | Promise<ExecutionResult> {
    return this.execution(event, context, this.args.variableValues);
  }

  /** What the execution read of charts is each member's read, logged before they see it. */
  private async audit(context: Context, members: readonly Member[]): Promise<void> {
    if (!context.audit.hasReads) {
      return;
    }
    await Promise.all(
      members.map(async (member) => {
        const own = member.operation.context;
        context.audit.copyReadsTo(own.audit);
        // Written through this delivery's short-lived entity manager: the member's own context
        // lives as long as its subscription and should not keep one.
        await own.audit.flush(context.em);
      }),
    );
  }
}

/** The distinct events of a batch, in stream order, each with the members it goes to. */
function distinctEvents(batch: Batch): Delivery[] {
  if (!batch.more) {
    return [{ event: batch.event, members: [batch.member] }];
  }
  const deliveries: Delivery[] = [];
  const byEvent = new Map<unknown, Member[]>();
  for (const { member, event } of [batch, ...batch.more]) {
    const members = byEvent.get(event);
    if (members) {
      members.push(member);
    } else {
      const created = [member];
      byEvent.set(event, created);
      deliveries.push({ event, members: created });
    }
  }
  return deliveries;
}

/** Only an unexpected failure gets here (execution reports its errors in the result). */
function sendFailure(error: unknown, members: readonly Member[]): void {
  sendResult(
    { errors: [new GraphQLError('The event could not be sent.', { originalError: asGraphQLError(error) })] },
    members,
  );
}

/** Writes one result to each member: serialised once when it has no errors to format per member. */
function sendResult(result: ExecutionResult, members: readonly Member[]): void {
  if (result.errors) {
    for (const member of members) {
      if (member.open) {
        const errors = member.operation.resultErrors(result.errors);
        member.next.writeJson(JSON.stringify({ ...result, errors }));
      }
    }
    return;
  }
  if (members.length === 1) {
    const [member] = members as [Member];
    if (member.open) {
      member.next.writeJson(JSON.stringify(result));
    }
    return;
  }
  let payload: Buffer | undefined;
  for (const member of members) {
    if (member.open) {
      member.next.write((payload ??= Buffer.from(JSON.stringify(result))));
    }
  }
}

/** Runs at most `limit` tasks at once; the others start in arrival order as places free up. */
export class Turns {
  private active = 0;
  private waiting: (() => void)[] = [];
  private next = 0;

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) {
      this.active += 1;
    } else {
      // The place is handed over by the task that ends (`active` stays as it is).
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      this.handOver();
    }
  }

  private handOver(): void {
    const waiting = this.waiting[this.next];
    if (waiting) {
      this.next += 1;
      if (this.next === this.waiting.length) {
        this.waiting = [];
        this.next = 0;
      }
      waiting();
    } else {
      this.active -= 1;
    }
  }
}

/**
 * What graphql-ws iterates for a shared operation: nothing (the fan-out writes to the socket),
 * until the client completes it or the socket closes (`return`), or the stream fails (`fail`: the
 * operation ends with an `error` message, the socket stays open).
 */
class ParkedOperation implements AsyncGenerator<never> {
  private done = false;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly onEnd: () => void) {}

  fail(error: unknown): void {
    this.failure = { error };
    this.end();
  }

  async next(): Promise<IteratorResult<never>> {
    while (!this.done) {
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    if (this.failure) {
      const { error } = this.failure;
      this.failure = undefined;
      throw error;
    }
    return { value: undefined, done: true };
  }

  return(): Promise<IteratorResult<never>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<never>> {
    this.end();
    return Promise.reject(asGraphQLError(error));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  [Symbol.asyncDispose](): Promise<void> {
    this.end();
    return Promise.resolve();
  }

  private end(): void {
    if (!this.done) {
      this.done = true;
      this.onEnd();
    }
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/**
 * The group key: the caller (every field of the actor but the token's expiry, which decides
 * nothing a selection returns, and but the session unless `perSession`: see
 * {@link selectsPerSessionField}), the operation name, the document's text, and the variables
 * except one used only as the root field's `after`.
 */
export function groupKey(actor: Actor, args: ExecutionArgs, query: string, perSession = true): string {
  const caller = Object.entries(actor)
    .filter(([name]) => name !== 'tokenExpiresAt' && (perSession || name !== 'sessionId'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const replayOnly = replayOnlyVariable(args.document, args.operationName);
  const variables = Object.entries(args.variableValues ?? {})
    .filter(([name]) => name !== replayOnly)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([caller, args.operationName ?? null, query, variables]);
}

/** Per document: whether it selects a field marked per session (the process serves one schema). */
const perSessionDocuments = new WeakMap<DocumentNode, boolean>();

/**
 * Whether the document selects, anywhere (every operation and fragment, reachable or not), a
 * field marked `PER_SESSION` (shared/per-session.ts), or a field the schema does not know (which
 * validation refuses before this; counted as per session all the same, to be safe).
 */
export function selectsPerSessionField(args: Pick<ExecutionArgs, 'schema' | 'document'>): boolean {
  const known = perSessionDocuments.get(args.document);
  if (known !== undefined) {
    return known;
  }
  const typeInfo = new TypeInfo(args.schema);
  let perSession = false;
  visit(
    args.document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const name = node.name.value;
        if (name.startsWith('__')) {
          return; // __typename and introspection: the same for every session
        }
        const parent = typeInfo.getParentType();
        if (!parent || !typeInfo.getFieldDef()) {
          perSession = true;
          return;
        }
        // On an interface, the field of every object type that may stand behind it.
        const objects = isAbstractType(parent) ? args.schema.getPossibleTypes(parent) : [parent];
        for (const object of objects) {
          if (isObjectType(object) && object.getFields()[name]?.extensions['perSession'] === true) {
            perSession = true;
          }
        }
      },
    }),
  );
  perSessionDocuments.set(args.document, perSession);
  return perSession;
}

/** The variable passed as the root field's `after` and used nowhere else, if any. */
function replayOnlyVariable(document: DocumentNode, operationName: string | null | undefined): string | undefined {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((definition) => definition.name?.value === operationName)
    : operations[0];
  const root = operation?.selectionSet.selections[0];
  if (!root || root.kind !== Kind.FIELD || operation.selectionSet.selections.length !== 1) {
    return undefined;
  }
  const after = root.arguments?.find((argument) => argument.name.value === 'after')?.value;
  if (after?.kind !== Kind.VARIABLE) {
    return undefined;
  }
  const name = after.name.value;
  let uses = 0;
  visit(document, {
    Variable(node) {
      if (node.name.value === name) {
        uses += 1;
      }
    },
    VariableDefinition() {
      return false; // the definition is not a use
    },
  });
  return uses === 1 ? name : undefined;
}

function isAsyncIterable(value: unknown): value is AsyncIterableIterator<unknown> {
  return typeof (value as { [Symbol.asyncIterator]?: unknown } | null)?.[Symbol.asyncIterator] === 'function';
}

/** An async iterator of `source`'s values mapped through `map` (GraphQL's own subscribe does this). */
function mapEach<T>(
  source: AsyncIterableIterator<T>,
  map: (value: T) => ExecutionResult | Promise<ExecutionResult>,
): AsyncGenerator<ExecutionResult> {
  const after = async (result: IteratorResult<T>): Promise<IteratorResult<ExecutionResult>> =>
    result.done ? { value: undefined, done: true } : { value: await map(result.value), done: false };
  return {
    next: () => source.next().then(after),
    return: () =>
      source.return ? source.return().then(after) : Promise.resolve({ value: undefined, done: true as const }),
    throw: (error: unknown) => (source.throw ? source.throw(error).then(after) : Promise.reject(asGraphQLError(error))),
    [Symbol.asyncIterator]() {
      return this;
    },
    async [Symbol.asyncDispose]() {
      await source.return?.();
    },
  };
}

function asGraphQLError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
