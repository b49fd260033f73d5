import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config/settings.js';
import { ACTIVE_STATUSES, AppointmentStatus } from '../modules/appointments/appointment-status.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { startTestApp } from '../../test/app.js';
import { DEMO_PARTNERS } from '../database/seed/demo-partners.js';
import { findSafetyConflicts } from '../modules/prescriptions/prescription-safety.js';
import { expectData, expectGraphQLError, gql } from '../../test/graphql.js';
import { partnerToken } from '../../test/partners.js';
import type { Application } from './bootstrap.js';

const active = ACTIVE_STATUSES.map((status) => `'${status}'`).join(', ');
const TABLES = [
  'app_user',
  'patient',
  'doctor',
  'availability_rule',
  'time_off',
  'appointment',
  'prescription',
  'prescription_item',
  'medical_record',
  'medical_record_version',
  'audit_event',
];

/** Row counts and a digest of every row's id and last change, per table. */
async function fingerprint(database: TestDatabase): Promise<Record<string, string>> {
  const entries = await Promise.all(
    TABLES.map(async (table) => {
      const [row] = await database.query<{ digest: string }>(
        `select count(*) || ':' || coalesce(md5(string_agg(to_jsonb(t)::text, ',' order by t.id)), '') as digest from "${table}" t`,
      );
      return [table, row!.digest] as const;
    }),
  );
  return Object.fromEntries(entries);
}

describe('start-up on an empty database with demo data asked for', () => {
  let database: TestDatabase;
  let first: Application;

  beforeAll(async () => {
    database = await createTestDatabase();
    first = await startTestApp(database.url, { SEED_DEMO: 'true', ADMIN_EMAIL: 'Chief@Clinic.test' });
  });

  it('creates the admin account (email stored lower-case) and fills the demo data', async () => {
    expect(first.startup.adminCreated).toBe(true);
    expect(first.startup.demoSeeded).toBe(true);
    const admins = await database.query<{ email: string }>(`select email from app_user where role = 'ADMIN'`);
    expect(admins).toEqual([{ email: 'chief@clinic.test' }]);
  });

  it('seeds a clinic of the promised size', async () => {
    const [counts] = await database.query<Record<string, number>>(`select
      (select count(*)::int from doctor) as doctors,
      (select count(distinct specialization)::int from doctor) as specializations,
      (select count(*)::int from patient) as patients,
      (select count(*)::int from appointment) as appointments,
      (select count(*)::int from appointment where starts_at < now()) as past,
      (select count(*)::int from appointment where starts_at > now()) as upcoming,
      (select count(*)::int from availability_rule) as rules,
      (select count(*)::int from patient where cardinality(allergies) > 0 or cardinality(chronic_conditions) > 0) as with_history`);
    expect(counts!['doctors']).toBeGreaterThanOrEqual(12);
    expect(counts!['specializations']).toBeGreaterThanOrEqual(12);
    expect(counts!['patients']).toBe(3000);
    expect(counts!['appointments']).toBeGreaterThan(9000);
    expect(counts!['appointments']).toBeLessThan(13_000);
    expect(counts!['past']).toBeGreaterThan(5000);
    expect(counts!['upcoming']).toBeGreaterThan(3000);
    expect(counts!['rules']).toBeGreaterThanOrEqual(counts!['doctors']! * 4);
    expect(counts!['with_history']).toBeGreaterThan(100);
  });

  it('books the doctors about as busy as a working clinic: about half to three quarters of the past month’s hours', async () => {
    const login = expectData(
      await gql<{ login: { accessToken: string } }>(
        first,
        'mutation { login(email: "chief@clinic.test", password: "admin-password-1") { accessToken } }',
      ),
    );
    const to = new Date();
    const from = new Date(to.getTime() - 30 * 86_400_000);
    const { analytics } = expectData(
      await gql<{ analytics: { utilisation: { utilisation: number }[] } }>(
        first,
        'query ($from: DateTime!, $to: DateTime!) { analytics(from: $from, to: $to) { utilisation { utilisation } } }',
        { token: login.login.accessToken, variables: { from: from.toISOString(), to: to.toISOString() } },
      ),
    );
    expect(analytics.utilisation).toHaveLength(14);
    const shares = analytics.utilisation.map((doctor) => doctor.utilisation);
    // Each doctor's share varies with slot lengths that leave part of an hour unbookable, cancellations and chance.
    expect(Math.min(...shares)).toBeGreaterThan(0.3);
    expect(Math.max(...shares)).toBeLessThan(0.85);
    const mean = shares.reduce((sum, share) => sum + share, 0) / shares.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.75);
  });

  it('puts appointments in every status within 60 days either side of today', async () => {
    const statuses = await database.query<{ status: AppointmentStatus }>(
      `select distinct status from appointment order by status`,
    );
    // Checked in only while a visit is under way or its check-in has opened: none when seeded at night.
    expect(
      statuses
        .map((row) => row.status)
        .filter((status) => status !== AppointmentStatus.CHECKED_IN)
        .sort(),
    ).toEqual(
      Object.values(AppointmentStatus)
        .filter((status) => status !== AppointmentStatus.CHECKED_IN)
        .sort(),
    );
    const checkedInLater = await database.query(
      `select id from appointment where status = 'CHECKED_IN'
         and (starts_at > now() + interval '60 minutes' or ends_at < now() - interval '10 minutes')`,
    );
    expect(checkedInLater).toEqual([]);
    // An urgent visit is booked the same day; a follow-up is a review of a condition the patient has.
    const [types] = await database.query<{ urgent: number; urgent_ahead: number; follow_ups: number }>(`select
      count(*) filter (where a.type = 'EMERGENCY')::int as urgent,
      count(*) filter (where a.type = 'EMERGENCY' and a.created_at < a.starts_at - interval '1 day')::int as urgent_ahead,
      count(*) filter (where a.type = 'FOLLOW_UP')::int as follow_ups
      from appointment a`);
    expect(types).toMatchObject({ urgent_ahead: 0 });
    expect(types!.urgent).toBeGreaterThan(20);
    expect(types!.follow_ups).toBeGreaterThan(500);
    const [range] = await database.query<{ outside: number }>(
      `select count(*)::int as outside from appointment where starts_at < now() - interval '61 days' or starts_at > now() + interval '62 days'`,
    );
    expect(range!.outside).toBe(0);
  });

  it('never books an appointment outside its doctor availability or during time off', async () => {
    const outside = await database.query(`
      select a.id from appointment a join doctor d on d.id = a.doctor_id
      where not exists (
        select 1 from availability_rule r
        where r.doctor_id = a.doctor_id
          and r.weekday = extract(isodow from a.starts_at at time zone d.timezone)
          and (a.starts_at at time zone d.timezone)::date = (a.ends_at at time zone d.timezone)::date
          and (a.starts_at at time zone d.timezone)::time >= r.start_time
          and (a.ends_at at time zone d.timezone)::time <= r.end_time
          and a.ends_at - a.starts_at = make_interval(mins => r.slot_minutes)
          and extract(epoch from (a.starts_at at time zone d.timezone)::time - r.start_time)::int % (r.slot_minutes * 60) = 0)`);
    expect(outside).toEqual([]);
    const duringTimeOff = await database.query(`
      select a.id from appointment a join time_off t on t.doctor_id = a.doctor_id
      where tstzrange(a.starts_at, a.ends_at) && tstzrange(t.starts_at, t.ends_at)`);
    expect(duringTimeOff).toEqual([]);
  });

  it('never overlaps two active appointments of one doctor or of one patient', async () => {
    for (const owner of ['doctor_id', 'patient_id']) {
      const overlapping = await database.query(`
        select a.id from appointment a join appointment b on a.${owner} = b.${owner} and a.id < b.id
        where a.status in (${active}) and b.status in (${active})
          and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)`);
      expect(overlapping).toEqual([]);
    }
  });

  it('writes records and prescriptions for completed visits only, each record with its first version', async () => {
    const [row] = await database.query<Record<string, number>>(`select
      (select count(*)::int from medical_record) as records,
      (select count(*)::int from prescription) as prescriptions,
      (select count(*)::int from medical_record r join appointment a on a.id = r.appointment_id where a.status <> 'COMPLETED') as records_elsewhere,
      (select count(*)::int from prescription p join appointment a on a.id = p.appointment_id where a.status <> 'COMPLETED') as prescriptions_elsewhere,
      (select count(*)::int from medical_record r where not exists (select 1 from medical_record_version v where v.record_id = r.id and v.version = 1)) as without_first_version,
      (select count(*)::int from medical_record r where r.version <> (select max(version) from medical_record_version v where v.record_id = r.id)) as head_behind,
      (select count(*)::int from prescription p where not exists (select 1 from prescription_item i where i.prescription_id = p.id)) as empty_prescriptions`);
    expect(row!['records']).toBeGreaterThan(300);
    expect(row!['prescriptions']).toBeGreaterThan(150);
    expect(row).toMatchObject({
      records_elsewhere: 0,
      prescriptions_elsewhere: 0,
      without_first_version: 0,
      head_behind: 0,
      empty_prescriptions: 0,
    });
  });

  it('sends children to the paediatrician and women to the gynaecologist, not adults or men', async () => {
    const rows = await database.query<{ specialization: string; child: boolean; gender: string; n: number }>(`
      select d.specialization, age(a.starts_at, p.date_of_birth) < interval '18 years' as child, p.gender, count(*)::int as n
      from appointment a join doctor d on d.id = a.doctor_id join patient p on p.id = a.patient_id
      group by 1, 2, 3`);
    const count = (where: (row: (typeof rows)[number]) => boolean) =>
      rows.filter(where).reduce((sum, row) => sum + row.n, 0);
    expect(count((row) => row.specialization === 'Pediatrics' && !row.child)).toBe(0);
    expect(count((row) => row.specialization === 'Pediatrics' && row.child)).toBeGreaterThan(20);
    expect(count((row) => row.specialization === 'Obstetrics and Gynecology' && row.gender !== 'female')).toBe(0);
    expect(count((row) => row.specialization === 'Obstetrics and Gynecology')).toBeGreaterThan(20);
    // Heart disease, depression, joint wear: not a child's visits.
    for (const adultsOnly of ['Cardiology', 'Psychiatry', 'Rheumatology', 'Endocrinology']) {
      expect(count((row) => row.specialization === adultsOnly && row.child)).toBe(0);
    }
    const childrenWithAdultConditions = await database.query(`
      select id from patient where age(date_of_birth) < interval '18 years'
        and chronic_conditions && array['Hypertension', 'Type 2 diabetes mellitus', 'Hyperlipidemia', 'Osteoarthritis']`);
    expect(childrenWithAdultConditions).toEqual([]);
  });

  it("records each patient's own vital signs: a height that stays, a weight that moves little, a child's pulse", async () => {
    const spread = await database.query<{ heights: number; weight_ratio: number; adult: boolean }>(`
      select count(distinct (r.vitals->>'heightCm'))::int as heights,
        max((r.vitals->>'weightKg')::numeric) / min((r.vitals->>'weightKg')::numeric) as weight_ratio,
        age(p.date_of_birth) >= interval '18 years' as adult
      from medical_record r join patient p on p.id = r.patient_id
      where r.vitals is not null group by p.id, p.date_of_birth having count(*) > 1`);
    expect(spread.length).toBeGreaterThan(50);
    expect(spread.filter((patient) => patient.heights !== 1)).toEqual([]);
    expect(spread.filter((patient) => Number(patient.weight_ratio) > 1.04)).toEqual([]);
    // A child under six: a child's height, weight and pulse (a resting pulse of 70 or more: a six-year-old's starts near 70).
    const implausible = await database.query(`
      select r.id, age(r.recorded_at, p.date_of_birth) as age, r.vitals from medical_record r join patient p on p.id = r.patient_id
      where (age(r.recorded_at, p.date_of_birth) < interval '6 years'
          and ((r.vitals->>'heightCm')::int > 125 or (r.vitals->>'heartRate')::int < 70 or (r.vitals->>'weightKg')::numeric > 30))
        or (age(r.recorded_at, p.date_of_birth) >= interval '18 years'
          and ((r.vitals->>'heightCm')::int not between 145 and 200 or (r.vitals->>'weightKg')::numeric not between 40 and 140))
        or (r.vitals->>'diastolic')::int >= (r.vitals->>'systolic')::int`);
    expect(implausible).toEqual([]);
  });

  it("prescribes nothing the product's own safety check would stop: no allergy, no duplicate of an active course", async () => {
    const items = await database.query<{
      patient_id: string;
      prescription_id: string;
      medication: string;
      allergies: string[];
      issued_at: Date;
      until: Date;
    }>(`
      select p.patient_id, p.id as prescription_id, i.medication, pt.allergies, p.issued_at,
        p.issued_at + make_interval(days => i.duration_days) as until
      from prescription_item i join prescription p on p.id = i.prescription_id join patient pt on pt.id = p.patient_id
      order by p.issued_at, p.id, i.position`);
    expect(items.length).toBeGreaterThan(150);
    const conflicts = items.flatMap((item) => {
      // Every other course of the patient running when this one starts (or the same prescription's other items).
      const active = items
        .filter(
          (other) =>
            other !== item &&
            other.patient_id === item.patient_id &&
            other.prescription_id !== item.prescription_id &&
            other.issued_at <= item.issued_at &&
            other.until > item.issued_at,
        )
        .map((other) => ({ prescriptionId: other.prescription_id, medication: other.medication }));
      const sameRx = items.filter((other) => other.prescription_id === item.prescription_id);
      return findSafetyConflicts(sameRx, item.allergies, active).filter(
        (conflict) => sameRx[conflict.itemIndex] === item,
      );
    });
    expect(conflicts).toEqual([]);
  });

  it('gives the demo patient the diabetes their HbA1c results follow, its medicine and a history of visits', async () => {
    const [demo] = await database.query<{
      adult: boolean;
      chronic_conditions: string[];
      current_medications: string[];
    }>(`
      select age(p.date_of_birth) >= interval '35 years' as adult, p.chronic_conditions, p.current_medications
      from patient p join app_user u on u.id = p.user_id where u.email = 'patient@clinic.test'`);
    expect(demo).toMatchObject({ adult: true });
    expect(demo!.chronic_conditions).toContain('Type 2 diabetes mellitus');
    expect(demo!.current_medications.some((medication) => medication.startsWith('Metformin'))).toBe(true);
    // A frequent visitor, so that their portal has a history: past visits and upcoming ones.
    const [visits] = await database.query<{ past: number; upcoming: number }>(`
      select count(*) filter (where a.starts_at < now())::int as past, count(*) filter (where a.starts_at > now())::int as upcoming
      from appointment a join patient p on p.id = a.patient_id join app_user u on u.id = p.user_id
      where u.email = 'patient@clinic.test'`);
    expect(visits!.past).toBeGreaterThanOrEqual(8);
    expect(visits!.upcoming).toBeGreaterThanOrEqual(1);
    expect(visits!.upcoming).toBeLessThanOrEqual(3);
    // HbA1c follows three months of blood sugar: the demo patient's series is one a quarter, from
    // the doctors who follow their diabetes, not one at every visit of the week.
    const hba1c = await database.query<{ days: number; specialization: string; value: string }>(`
      select extract(epoch from o.ordered_at)::float / 86400 as days, d.specialization, r.value
      from lab_order o join lab_result r on r.order_id = o.id and r.code = '4548-4'
      join doctor d on d.id = o.doctor_id join patient p on p.id = o.patient_id join app_user u on u.id = p.user_id
      where u.email = 'patient@clinic.test' order by o.ordered_at`);
    expect(hba1c.length).toBeGreaterThanOrEqual(4);
    hba1c.slice(1).forEach((result, index) => expect(result.days - hba1c[index]!.days).toBeGreaterThanOrEqual(80));
    expect(new Set(hba1c.map((result) => result.specialization)).size).toBe(1);
    expect(['Endocrinology', 'General Practice']).toContain(hba1c[0]!.specialization);
  });

  it('orders the lab tests each specialty orders', async () => {
    // Not a swab from the cardiologist nor a lipid panel from the dermatologist.
    const rows = await database.query<{ specialization: string; code: string }>(`
      select distinct d.specialization, t->>'code' as code
      from lab_order o join doctor d on d.id = o.doctor_id, jsonb_array_elements(o.tests) t`);
    const ordered = (specialization: string) =>
      rows.filter((row) => row.specialization === specialization).map((row) => row.code);
    expect(ordered('Cardiology')).not.toContain('94500-6');
    expect(ordered('Cardiology').length).toBeGreaterThan(0);
    expect(ordered('Dermatology')).not.toContain('2093-3');
    expect(ordered('Orthopedics')).not.toContain('4548-4');
  });

  it('seeds conversations only between patients and their doctors, some waiting for the demo accounts', async () => {
    const [row] = await database.query<Record<string, number>>(`select
      (select count(*)::int from message_thread) as threads,
      (select count(*)::int from message) as messages,
      (select count(*)::int from message_thread t where not exists (
         select 1 from appointment a where a.patient_id = t.patient_id and a.doctor_id = t.doctor_id
           and a.status <> 'CANCELLED')) as outside_care,
      (select count(*)::int from message m join message_thread t on t.id = m.thread_id
         join patient p on p.id = t.patient_id join doctor d on d.id = t.doctor_id
         where m.sender_id not in (p.user_id, d.user_id)) as strangers,
      (select count(*)::int from message_thread t where t.last_message_at <> (
         select max(m.sent_at) from message m where m.thread_id = t.id)) as stale,
      (select count(*)::int from message m join message_thread t on t.id = m.thread_id
         join doctor d on d.id = t.doctor_id join app_user u on u.id = d.user_id
         where u.email = 'doctor@clinic.test' and m.read_at is null and m.sender_id <> d.user_id) as doctor_unread,
      (select count(*)::int from message m join message_thread t on t.id = m.thread_id
         join patient p on p.id = t.patient_id join app_user u on u.id = p.user_id
         where u.email = 'patient@clinic.test' and m.read_at is null and m.sender_id <> p.user_id) as patient_unread`);
    expect(row!['threads']).toBeGreaterThanOrEqual(20);
    expect(row!['messages']).toBeGreaterThan(row!['threads']!);
    expect(row).toMatchObject({ outside_care: 0, strangers: 0, stale: 0 });
    expect(row!['doctor_unread']).toBeGreaterThan(0);
    expect(row!['patient_unread']).toBe(1);
  });

  it('seeds partners whose demo credentials work, each seeing only the patients who share with it', async () => {
    const lab = { id: DEMO_PARTNERS.lab.id, secret: DEMO_PARTNERS.lab.secret };
    const token = await partnerToken(first, lab);
    const [row] = await database.query<{ sharing: string; not_sharing: string; insurer_active: number }>(`select
      (select p.id from patient p join app_user u on u.id = p.user_id where u.email = 'patient@clinic.test') as sharing,
      (select p.id from patient p where not exists (select 1 from consent c where c.patient_id = p.id
         and c.api_client_id = '${lab.id}' and c.revoked_at is null) limit 1) as not_sharing,
      (select count(*)::int from consent c join patient p on p.id = c.patient_id join app_user u on u.id = p.user_id
         where u.email = 'patient@clinic.test' and c.api_client_id = '${DEMO_PARTNERS.insurer.id}'
           and c.revoked_at is null) as insurer_active`);
    const read = (id: string) =>
      gql<{ patient: { firstName: string } | null }>(first, 'query ($id: ID!) { patient(id: $id) { firstName } }', {
        token,
        variables: { id },
      });
    expect(expectData(await read(row!.sharing)).patient?.firstName).toBeTruthy();
    expectGraphQLError(await read(row!.not_sharing), 'FORBIDDEN');
    // The demo patient withdrew the insurer's consent: their sharing page shows it, not active.
    expect(row!.insurer_active).toBe(0);
    const [counts] = await database.query<{ clients: number; consents: number }>(
      'select (select count(*)::int from api_client) as clients, (select count(*)::int from consent) as consents',
    );
    expect(counts).toEqual({ clients: 3, consents: expect.any(Number) as number });
    expect(counts!.consents).toBeGreaterThan(50);
  });

  it('schedules the reminders of the upcoming demo visits', async () => {
    // Those still ahead: one that fell due since the seeding (a slow run) may not have run yet.
    const [row] = await database.query<{ reminders: number; expected: number }>(`select
      (select count(*)::int from graphile_worker.jobs where task_identifier = 'appointment-reminder'
         and run_at > now()) as reminders,
      (select count(*)::int from appointment where status in (${active}) and starts_at > now() + interval '24 hours') * 2
        + (select count(*)::int from appointment where status in (${active})
             and starts_at > now() + interval '2 hours' and starts_at <= now() + interval '24 hours') as expected`);
    expect(row!.reminders).toBeGreaterThan(400);
    expect(row!.reminders).toBe(row!.expected);
  });

  it('changes nothing when started a second time on the same database', async () => {
    const before = await fingerprint(database);
    await first.stop();
    const second = await startTestApp(database.url, { SEED_DEMO: 'true', ADMIN_EMAIL: 'someone.else@clinic.test' });
    expect(second.startup).toEqual({ migrationsApplied: [], adminCreated: false, demoSeeded: false });
    expect(await fingerprint(database)).toEqual(before);
  });

  it('re-creates the demo data with `npm run seed`, append-only history included', async () => {
    await database.query(`update patient set first_name = 'Changed' where id = (select id from patient limit 1)`);
    const result = spawnSync(process.execPath, [join(REPO_ROOT, 'api/dist/api/src/database/seed/seed.cli.js')], {
      env: {
        PATH: process.env['PATH'] ?? '',
        DATABASE_URL: database.url,
        LOG_LEVEL: 'silent',
        BCRYPT_COST: '4',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'hc-seed-')),
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const [row] = await database.query<Record<string, number>>(`select
      (select count(*)::int from patient) as patients,
      (select count(*)::int from patient where first_name = 'Changed') as changed,
      (select count(*)::int from app_user where role = 'ADMIN') as admins,
      (select count(*)::int from audit_entry) as audit_events`);
    expect(row).toEqual({ patients: 3000, changed: 0, admins: 1, audit_events: 0 });
  });
});
