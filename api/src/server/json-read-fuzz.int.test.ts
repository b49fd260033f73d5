import { randomUUID } from 'node:crypto';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp } from '../../test/app.js';
import { postRaw } from '../../test/graphql.js';
import { createTestDatabase } from '../../test/database.js';
import { Factory } from '../../test/factories.js';
import { consentTo, createPartner, partnerToken } from '../../test/partners.js';
import { chance, pick, random, someOf, type Rng } from '../../test/random.js';
import { randomArguments, randomSelection, type SelectionOptions } from '../../test/selections.js';
import { AppointmentStatus } from '../modules/appointments/appointment-status.js';
import { ReadMemory } from '../modules/audit/audit-trail.js';
import type { Application } from './bootstrap.js';
import { JsonReads } from './json-read.js';

/**
 * The JSON path (json-read.ts) against the general path, on selections drawn at random from the
 * schema (a fixed seed): every caller — the patient's doctor, a doctor without care, one with an
 * emergency grant, the patient, another patient, an administrator, a partner with and without the
 * patient's consent — asks `patient(id)` and `appointments(…)` with any fields, lists, aliases,
 * fragments and arguments, once as sent (the direct path, which tries the JSON path first) and
 * once with an empty `extensions` object (Apollo: graphql-js resolving every field, every guard).
 * The two answers must be the same bytes and status, and the two requests must leave the same audit
 * of chart reads: what a caller may see, how a refusal is worded and what is logged as read are
 * decided by the same rules on both paths. json-read.int.test.ts checks chosen cases and the
 * statements; this covers the combinations nobody chose.
 */
/** Another seed (`JSON_FUZZ_SEED`) draws other requests: a failure prints its seed's request. */
const SEED = Number(process.env['JSON_FUZZ_SEED'] || 0x5eed_1105);
const QUERIES_PER_CALLER = Number(process.env['JSON_FUZZ_QUERIES'] || 80);
/** Object levels below the root field (a chart's list → edges → node → its doctor → …). */
const MAX_DEPTH = 5;

let app: Application;
let schema: GraphQLSchema;
const jsonRuns = vi.spyOn(JsonReads.prototype, 'run');
// Every request logs its reads, as if it were each one's first opening of the chart: a repeat
// within the window would leave the second request's audit empty, and nothing to compare.
vi.spyOn(ReadMemory.prototype, 'loggedAt').mockReturnValue(undefined);

/**
 * The fields the dashboards and partners ask most, by type: a request drawn from these (with now
 * and then one field from anywhere, and a list's nodes always) mostly takes the JSON path; one
 * drawn from every field mostly hands over, as the JSON path leaves what PostgreSQL does not write
 * to the general path.
 */
const COMMON: Readonly<Record<string, readonly string[]>> = {
  Patient: [
    'id',
    'firstName',
    'lastName',
    'dateOfBirth',
    'bloodGroup',
    'allergies',
    'chronicConditions',
    'medicalRecords',
    'prescriptions',
    'appointments',
    'timeline',
  ],
  MedicalRecord: ['id', 'recordedAt', 'type', 'diagnoses', 'vitals', 'symptoms', 'notes', 'doctor'],
  Prescription: ['id', 'status', 'items', 'issuedAt', 'completesAt', 'doctor'],
  Appointment: ['id', 'startsAt', 'endsAt', 'status', 'type', 'reason', 'patient', 'doctor'],
  Doctor: ['id', 'firstName', 'lastName', 'specialization'],
  TimelineEntry: ['id', 'kind', 'at'],
};

interface Caller {
  readonly name: string;
  readonly token: string;
}

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly byJsonPath: boolean;
  /** The audit rows the request left, each as text, sorted (the ids of a group read sorted too). */
  readonly audited: readonly string[];
}

async function send(
  query: string,
  token: string,
  variables: Record<string, unknown>,
  apollo: boolean,
): Promise<Answer> {
  const runs = jsonRuns.mock.results.length;
  const requestId = randomUUID();
  const { status, body } = await postRaw(app, query, variables, { token, apollo, requestId });
  const answered = await Promise.all(jsonRuns.mock.results.slice(runs).map((result) => result.value as unknown));
  // The reads are committed before the answer leaves.
  const rows = await app.orm.em.fork().execute<{ row: string }[]>(
    `select concat_ws(' ', actor_id, actor_role, action, entity_type, entity_id, patient_id, emergency, reason,
            (select array_agg(e order by e) from unnest(entity_ids) e),
            (select array_agg(p order by p) from unnest(patient_ids) p)) as row
       from audit_event where request_id = ? order by 1`,
    [requestId],
  );
  return {
    status,
    body,
    byJsonPath: answered.some((text) => typeof text === 'string'),
    audited: rows.map(({ row }) => row),
  };
}

describe('the JSON path against the general path, on random selections', () => {
  const callers: Caller[] = [];
  const patientIds: string[] = [];
  const doctorIds: string[] = [];
  const day = Date.UTC(2026, 4, 4, 8);
  const window = {
    from: new Date(day - 10 * 86_400_000).toISOString(),
    to: new Date(day + 10 * 86_400_000).toISOString(),
  };

  beforeAll(async () => {
    const database = await createTestDatabase();
    // Hundreds of requests per caller: the rate limit (tested on its own) stays out of the way.
    app = await startTestApp(database.url, { RATE_LIMIT_POINTS: '1000000000' });
    const factory = new Factory(app);
    const admin = await factory.admin();
    const carer = await factory.doctor();
    const stranger = await factory.doctor();
    const emergency = await factory.doctor();
    const charted = await factory.patient({ firstName: 'Zoë "Zo"', allergies: ['Penicillin', 'Tab\there'] });
    const other = await factory.patient({ allergies: [] });
    const restricted = await factory.patient({ chronicConditions: [] });
    // The charted patient: visits with their doctor (records, prescriptions, a lab order), one to
    // come, one cancelled with a doctor who has no care; another patient of the same doctor.
    for (let index = 0; index < 3; index += 1) {
      const visit = await factory.appointment(charted.profile, carer.profile, {
        status: AppointmentStatus.COMPLETED,
        startsAt: new Date(day - (index + 1) * 86_400_000),
        reason: `Visit ${index} "quoted"\n`,
      });
      await factory.record(charted.profile, carer.profile, visit);
      await factory.prescription(charted.profile, carer.profile, visit);
    }
    await factory.labOrder(charted.profile, carer.profile, 5.6);
    await factory.labOrder(charted.profile, carer.profile);
    await factory.appointment(charted.profile, carer.profile, {
      status: AppointmentStatus.CONFIRMED,
      startsAt: new Date(day + 86_400_000),
    });
    await factory.appointment(charted.profile, stranger.profile, {
      status: AppointmentStatus.CANCELLED,
      startsAt: new Date(day + 2 * 86_400_000),
    });
    await factory.appointment(other.profile, carer.profile, {
      status: AppointmentStatus.REQUESTED,
      startsAt: new Date(day + 3 * 86_400_000),
    });
    // A chart opened by an emergency grant only; a record by a doctor the patient never saw.
    await factory.appointment(restricted.profile, emergency.profile, {
      status: AppointmentStatus.CANCELLED,
      startsAt: new Date(day + 4 * 86_400_000),
    });
    await factory.record(restricted.profile, carer.profile);
    await factory.emergencyGrant(emergency.profile, restricted.profile);
    // A partner the charted patient consented to, and one nobody did.
    const scopes = ['patients:read', 'doctors:read', 'appointments:read', 'clinical:read'];
    const consented = await createPartner(app, admin.token, scopes, 'Consented Labs');
    const unconsented = await createPartner(app, admin.token, scopes, 'Other Labs');
    await consentTo(app, charted.token, consented);
    callers.push(
      { name: "the patient's doctor", token: carer.token },
      { name: 'a doctor without care', token: stranger.token },
      { name: 'a doctor with an emergency grant', token: emergency.token },
      { name: 'the patient', token: charted.token },
      { name: 'another patient', token: other.token },
      { name: 'an administrator', token: admin.token },
      { name: 'a partner with consent', token: await partnerToken(app, consented) },
      { name: 'a partner without consent', token: await partnerToken(app, unconsented) },
    );
    patientIds.push(charted.profile.id, other.profile.id, restricted.profile.id, randomUUID());
    doctorIds.push(carer.profile.id, stranger.profile.id, emergency.profile.id);
    const introspection = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ query: getIntrospectionQuery() }),
    });
    schema = buildClientSchema(((await introspection.json()) as { data: IntrospectionQuery }).data);
  });

  /** A random request of one of the two roots the JSON path answers. */
  function request(rng: Rng): { query: string; variables: Record<string, unknown> } {
    const query = schema.getQueryType()!;
    const options: SelectionOptions = {
      schema,
      ids: [...patientIds, ...doctorIds],
      instants: [window.from, window.to],
      maxDepth: MAX_DEPTH,
      prefer: chance(rng, 0.6) ? COMMON : undefined,
    };
    if (chance(rng, 0.5)) {
      const type = getNamedType(query.getFields()['patient']!.type);
      return {
        query: `query ($id: ID!) { patient(id: $id) ${randomSelection(rng, type, options)} }`,
        variables: { id: pick(rng, patientIds) },
      };
    }
    const field = query.getFields()['appointments']!;
    const filter: Record<string, unknown> = { from: window.from, to: window.to };
    if (chance(rng, 0.3)) {
      filter['doctorId'] = pick(rng, doctorIds);
    }
    if (chance(rng, 0.3)) {
      filter['patientId'] = pick(rng, patientIds);
    }
    if (chance(rng, 0.4)) {
      filter['status'] = someOf(rng, Object.values(AppointmentStatus), 3);
    }
    const first = chance(rng, 0.8) ? `, first: ${pick(rng, [1, 3, 10, 100])}` : '';
    return {
      query: `query ($filter: AppointmentFilter) { appointments(filter: $filter${first}) ${randomSelection(rng, getNamedType(field.type), options)} }`,
      variables: { filter },
    };
  }

  it('answers and audits every caller alike on both paths, and the JSON path answers a fair share', async () => {
    const rng = random(SEED);
    let byJsonPath = 0;
    let audited = 0;
    let total = 0;
    for (const caller of callers) {
      for (let index = 0; index < QUERIES_PER_CALLER; index += 1) {
        const { query, variables } = request(rng);
        // The direct path first, so the general path never benefits from what it left behind.
        const json = await send(query, caller.token, variables, false);
        const general = await send(query, caller.token, variables, true);
        const context = `${caller.name}: ${query} ${JSON.stringify(variables)}`;
        expect(json.status, context).toBe(general.status);
        expect(json.body, context).toBe(general.body);
        expect(json.audited, context).toEqual(general.audited);
        expect(general.byJsonPath).toBe(false);
        byJsonPath += json.byJsonPath ? 1 : 0;
        audited += json.audited.length > 0 ? 1 : 0;
        total += 1;
      }
    }
    // Not a comparison of two general paths: a good part of the random requests took the JSON path.
    expect(byJsonPath, `${byJsonPath} of ${total} by the JSON path`).toBeGreaterThan(total / 6);
    // Nor of two empty audits: a good part of them read a chart.
    expect(audited, `${audited} of ${total} audited`).toBeGreaterThan(total / 6);
  });

  it("answers and audits any root field alike on the direct path and Apollo's", async () => {
    const rng = random(SEED + 1);
    const options: SelectionOptions = {
      schema,
      ids: [...patientIds, ...doctorIds, 'not-an-id'],
      instants: [window.from, window.to],
      maxDepth: 3,
    };
    // Every root field but the clock's.
    const roots = Object.values(schema.getQueryType()!.getFields()).filter((field) => field.name !== 'serverTime');
    let answered = 0;
    let total = 0;
    for (const caller of callers) {
      for (let index = 0; index < QUERIES_PER_CALLER / 2; index += 1) {
        const root = pick(rng, roots);
        const args = randomArguments(rng, root, options);
        if (args === undefined) {
          continue;
        }
        const named = getNamedType(root.type);
        const query = `{ ${root.name}${args} ${'getFields' in named ? randomSelection(rng, named, options) : ''} }`;
        const direct = await send(query, caller.token, {}, false);
        const apollo = await send(query, caller.token, {}, true);
        const context = `${caller.name}: ${query}`;
        expect(direct.status, context).toBe(apollo.status);
        expect(direct.body, context).toBe(apollo.body);
        expect(direct.audited, context).toEqual(apollo.audited);
        answered += direct.status === 200 && !direct.body.startsWith('{"errors"') ? 1 : 0;
        total += 1;
      }
    }
    expect(total).toBeGreaterThan((callers.length * QUERIES_PER_CALLER) / 4);
    // Not only refusals: a good part came back with data.
    expect(answered, `${answered} of ${total} with data`).toBeGreaterThan(total / 5);
  });
});
