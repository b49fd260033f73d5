import { parse, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../modules/identity/actor.js';
import { Role } from '../modules/identity/role.js';
import { groupKey, selectsPerSessionField, Turns } from './live-fanout.js';
import { buildAppSchema } from './schema.js';

const EVENTS = `subscription ($after: String, $p: ID) { appointmentUpdated(after: $after, patientId: $p) { id kind } }`;

const patient = (patientId: string, sessionId = 's1', userId = `u-${patientId}`): Actor =>
  Object.freeze({
    kind: 'user',
    userId,
    role: Role.PATIENT,
    sessionId,
    patientId,
    doctorId: undefined,
    tokenExpiresAt: new Date('2030-01-01T00:00:00Z'),
    mfaEnabled: false,
  });

const args = (query: string, variables: Record<string, unknown> = {}, operationName?: string): ExecutionArgs => ({
  schema: {} as GraphQLSchema,
  document: parse(query),
  variableValues: variables,
  operationName,
});

const key = (
  actor: Actor,
  query: string,
  variables: Record<string, unknown> = {},
  operationName?: string,
  perSession?: boolean,
) => groupKey(actor, args(query, variables, operationName), query, perSession);

describe('groupKey (who may share one execution of a live event)', () => {
  it('never puts two patients, two sessions or two users in one group, even with identical documents', () => {
    const base = key(patient('p1'), EVENTS);
    expect(key(patient('p2'), EVENTS)).not.toBe(base);
    expect(key(patient('p1', 's2'), EVENTS)).not.toBe(base);
    expect(key(patient('p1', 's1', 'another-user'), EVENTS)).not.toBe(base);
    expect(key({ ...patient('p1'), role: Role.ADMIN } as Actor, EVENTS)).not.toBe(base);
    expect(key({ ...patient('p1'), mfaEnabled: true } as Actor, EVENTS)).not.toBe(base);
    const partner = (scopes: string[], clientId = 'c1'): Actor => ({
      kind: 'partner',
      role: Role.PARTNER,
      clientId,
      scopes,
      tokenExpiresAt: new Date(),
    });
    expect(key(partner(['events:read']), EVENTS)).not.toBe(key(partner(['events:read', 'clinical:read']), EVENTS));
    expect(key(partner(['events:read']), EVENTS)).not.toBe(key(partner(['events:read'], 'c2'), EVENTS));
  });

  it('puts one person’s sessions in one group only when the document selects nothing per session', () => {
    const shared = (actor: Actor) => key(actor, EVENTS, {}, undefined, false);
    expect(shared(patient('p1', 's2'))).toBe(shared(patient('p1', 's1')));
    // Every other input of the access rules still separates callers.
    expect(shared(patient('p2', 's1'))).not.toBe(shared(patient('p1', 's1')));
    expect(shared(patient('p1', 's1', 'another-user'))).not.toBe(shared(patient('p1', 's1')));
    expect(shared({ ...patient('p1'), mfaEnabled: true } as Actor)).not.toBe(shared(patient('p1')));
    expect(shared({ ...patient('p1'), role: Role.ADMIN } as Actor)).not.toBe(shared(patient('p1')));
    // By default (a per-session selection), sessions stay apart.
    expect(key(patient('p1', 's2'), EVENTS, {}, undefined, true)).not.toBe(
      key(patient('p1', 's1'), EVENTS, {}, undefined, true),
    );
  });

  it('groups the same caller running the same document, whatever its token’s expiry', () => {
    const later = { ...patient('p1'), tokenExpiresAt: new Date('2031-01-01T00:00:00Z') } as Actor;
    expect(key(later, EVENTS)).toBe(key(patient('p1'), EVENTS));
  });

  it('separates different documents, operation names and variables', () => {
    const base = key(patient('p1'), EVENTS, { p: 'p1' });
    expect(key(patient('p1'), EVENTS.replace('id kind', 'id kind at'), { p: 'p1' })).not.toBe(base);
    expect(key(patient('p1'), EVENTS, { p: 'p2' })).not.toBe(base);
    expect(key(patient('p1'), EVENTS, { p: 'p1' }, 'Named')).not.toBe(base);
  });

  it('ignores a variable used only as the root field’s `after` (where a replay starts, not what an event shows)', () => {
    expect(key(patient('p1'), EVENTS, { after: 'cursor-a' })).toBe(key(patient('p1'), EVENTS, { after: 'cursor-b' }));
    // Used anywhere else too (here, in a directive: the key looks at the document, not its validity), it counts.
    const alsoElsewhere = `subscription ($after: String) { appointmentUpdated(after: $after) { id cursor @include(if: $after) } }`;
    expect(key(patient('p1'), alsoElsewhere, { after: 'a' })).not.toBe(
      key(patient('p1'), alsoElsewhere, { after: 'b' }),
    );
  });
});

describe('selectsPerSessionField (a selection that must be executed per session)', () => {
  const perSession = async (query: string) =>
    selectsPerSessionField({ schema: await schemaOnce(), document: parse(query) });
  let built: Promise<GraphQLSchema> | undefined;
  const schemaOnce = () => (built ??= buildAppSchema());

  it('finds Attachment.downloadUrl (signed for the session) wherever the document selects it', async () => {
    expect(await perSession(EVENTS)).toBe(false);
    expect(
      await perSession(
        'subscription { appointmentUpdated { id appointment { id status patient { id } __typename } } }',
      ),
    ).toBe(false);
    expect(
      await perSession(
        'subscription { appointmentUpdated { appointment { medicalRecords { attachments { id downloadUrl } } } } }',
      ),
    ).toBe(true);
    // Through a fragment, and a fragment nobody spreads: still counted (the whole document is looked at).
    expect(
      await perSession(
        'subscription { appointmentUpdated { appointment { medicalRecords { attachments { ...A } } } } } fragment A on Attachment { downloadUrl }',
      ),
    ).toBe(true);
    expect(
      await perSession('subscription { appointmentUpdated { id } } fragment A on Attachment { id downloadUrl }'),
    ).toBe(true);
    // Session.current (whether a session is the caller's) is marked too.
    expect(await perSession('subscription { appointmentUpdated { id } } fragment S on Session { id current }')).toBe(
      true,
    );
    expect(await perSession('subscription { appointmentUpdated { id } } fragment S on Session { id }')).toBe(false);
    // A field the schema does not know (validation refuses it first): counted, to be safe.
    expect(await perSession('subscription { appointmentUpdated { id noSuchField } }')).toBe(true);
  });
});

describe('Turns (groups executing an event at once)', () => {
  it('runs at most its limit at once and starts the others in arrival order as places free up', async () => {
    const turns = new Turns(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const finish = new Map<number, () => void>();
    const runs = [0, 1, 2, 3, 4].map((index) =>
      turns.run(async () => {
        started.push(index);
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => finish.set(index, resolve));
        running -= 1;
        return index;
      }),
    );
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    await settle();
    expect(started).toEqual([0, 1]);
    finish.get(1)!();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    finish.get(0)!();
    finish.get(2)!();
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    finish.get(3)!();
    finish.get(4)!();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('frees the place of a task that fails', async () => {
    const turns = new Turns(1);
    await expect(turns.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await turns.run(() => Promise.resolve('next'))).toBe('next');
  });
});
