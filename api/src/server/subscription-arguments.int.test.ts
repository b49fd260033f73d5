import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { createTestDatabase } from '../../test/database.js';
import { Factory, type Account } from '../../test/factories.js';
import { gql, type GraphQLErrorShape } from '../../test/graphql.js';
import { subscribe, wsClient } from '../../test/ws.js';
import type { Doctor } from '../modules/doctors/doctor.entity.js';
import type { Application } from './bootstrap.js';

/**
 * A subscription's arguments are checked when it subscribes by the same check as a query's or a
 * mutation's (subscription-arguments.ts, input-validation.ts `checkArguments`): over a real
 * graphql-ws socket, a refused argument comes back as the same error a query over HTTP gets for
 * it — BAD_USER_INPUT, `fields` naming each offending argument with the same message.
 */

let app: Application;
let doctor: Account<Doctor>;

beforeAll(async () => {
  const database = await createTestDatabase();
  app = await startTestApp(database.url);
  doctor = await new Factory(app).doctor();
});

const UPDATES = `subscription ($doctorId: ID, $patientId: ID, $after: String) {
  appointmentUpdated(doctorId: $doctorId, patientId: $patientId, after: $after) { kind } }`;

/** The errors the socket sends for `variables`, once it has sent one. */
async function subscriptionErrors(variables: Record<string, unknown>): Promise<GraphQLErrorShape[]> {
  const subscriber = subscribe(wsClient(app, doctor.token), UPDATES, variables);
  await expect.poll(() => subscriber.errors.length, { timeout: 5_000 }).toBeGreaterThan(0);
  subscriber.close();
  return subscriber.errors as GraphQLErrorShape[];
}

/** What a query over HTTP answers for the same bad value in an argument of the same name. */
async function queryErrors(query: string, variables: Record<string, unknown>): Promise<GraphQLErrorShape[]> {
  const response = await gql(app, query, { variables, token: doctor.token });
  return response.errors ?? [];
}

describe('subscription arguments over WebSocket', () => {
  it("are refused with a query's error: BAD_USER_INPUT, the offending fields named with the same messages", async () => {
    // Each query has arguments of the same names (a field is named by its argument).
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'a cursor with NUL',
        { after: 'a\u0000b' },
        'query ($after: String) { appointmentChanges(after: $after) { totalCount } }',
      ],
      [
        'an id with NUL',
        { doctorId: 'x\u0000' },
        'query ($doctorId: ID!) { doctorWaitlist(doctorId: $doctorId) { id } }',
      ],
      [
        'an id with a lone surrogate and a cursor with NUL',
        { patientId: '\uD800', after: 'a\u0000' },
        'query ($patientId: ID, $after: String) { invoices(patientId: $patientId, after: $after) { totalCount } }',
      ],
    ];
    for (const [name, variables, query] of cases) {
      const [socket] = await subscriptionErrors(variables);
      const [http] = await queryErrors(query, variables);
      expect(socket?.extensions, name).toMatchObject({ code: 'BAD_USER_INPUT' });
      // Both name at least one offending argument (two absent lists would compare equal).
      expect(http?.extensions?.['fields'], name).toEqual(expect.arrayContaining([expect.anything()]));
      expect(socket?.extensions?.['fields'], name).toEqual(http?.extensions?.['fields']);
      expect(socket?.extensions?.['code'], name).toEqual(http?.extensions?.['code']);
    }
  });
});
