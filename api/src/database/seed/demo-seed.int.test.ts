import { describe, expect, it } from 'vitest';
import { createTestDatabase, openTestOrm } from '../../../test/database.js';
import { seedDemoData } from './demo-seed.js';

/**
 * The demo data's draws depend on the day and hour it is seeded (the slots around "now" differ), so
 * the start-up test meets a different clinic on every run. These instants pin a few: the first is one
 * that admitted a 64-year-old for a hip fracture (65 on the day of seeding, not on the day they came in).
 */
const INSTANTS = ['2026-12-06T11:20:00Z', '2027-06-15T06:00:00Z', '2027-12-31T23:30:00Z'];

describe('demo data seeded at different times', () => {
  it.each(INSTANTS)(
    'admits each patient to a ward that treats them on the day they come in, for a reason, never to two beds at once, and dates nothing after its seeding (%s)',
    { timeout: 60_000 },
    async (instant) => {
      const database = await createTestDatabase();
      const orm = await openTestOrm(database.url);
      await seedDemoData(orm.em.fork(), { bcryptCost: 4, now: new Date(instant), checkInEarliestMinutes: 30 });
      const [row] = await database.query<Record<string, number>>(`select
      (select count(*)::int from admission) as stays,
      (select count(distinct reason)::int from admission) as reasons,
      (select count(*)::int from admission s join bed b on b.id = s.bed_id join department d on d.id = b.department_id
         join patient p on p.id = s.patient_id
       where d.name = 'Women and Children' and age(s.admitted_at, p.date_of_birth) >= interval '18 years' and p.gender <> 'female') as men_with_children,
      (select count(*)::int from admission s join patient p on p.id = s.patient_id
       where s.reason = 'Hip fracture, for surgery' and age(s.admitted_at, p.date_of_birth) < interval '65 years') as young_hips,
      (select count(*)::int from (select patient_id from admission group by 1 having count(*) > 1) t) as frequent,
      (select count(*)::int from admission a join admission b on a.patient_id = b.patient_id and a.id < b.id
       where tstzrange(a.admitted_at, coalesce(a.discharged_at, 'infinity')) && tstzrange(b.admitted_at, coalesce(b.discharged_at, 'infinity'))) as overlapping,
      (select count(*)::int from admission a join admission b on a.bed_id = b.bed_id and a.id < b.id
       where tstzrange(a.admitted_at, coalesce(a.discharged_at, 'infinity')) && tstzrange(b.admitted_at, coalesce(b.discharged_at, 'infinity'))) as shared_beds,
      (select count(*)::int from admission where discharged_at is null) as in_now,
      (select count(*)::int from department d where exists (select 1 from bed b where b.department_id = d.id)
         and not exists (select 1 from admission s join bed b on b.id = s.bed_id where b.department_id = d.id and s.discharged_at is null)) as empty_departments`);
      expect(row!['stays']).toBeGreaterThan(60);
      expect(row!['reasons']).toBeGreaterThan(10);
      expect(row!['in_now']).toBeGreaterThan(15);
      expect(row).toMatchObject({
        men_with_children: 0,
        young_hips: 0,
        frequent: 0,
        overlapping: 0,
        shared_beds: 0,
        // Every department has someone in now, not only the first ones to be filled.
        empty_departments: 0,
      });
      // What the demo says happened, happened by the time it was seeded: no payment, result or
      // message dated after it (a bill paid next week read as a bug in the patient's portal).
      const past = (table: string, column: string) =>
        `select '${table}.${column}' as fact, count(*)::int as n from ${table} where ${column} > $1`;
      const future = await database.query<{ fact: string; n: number }>(
        [
          past('payment', 'paid_at'),
          past('invoice', 'issued_at'),
          past('invoice', 'voided_at'),
          past('insurance_claim', 'submitted_at'),
          past('insurance_claim', 'decided_at'),
          past('claim_change', 'changed_at'),
          past('admission', 'admitted_at'),
          past('admission', 'discharged_at'),
          past('lab_order', 'ordered_at'),
          past('lab_order', 'resulted_at'),
          past('lab_order', 'reviewed_at'),
          past('lab_result', 'resulted_at'),
          past('medical_record', 'recorded_at'),
          past('prescription', 'issued_at'),
          past('prescription', 'discontinued_at'),
          past('message', 'sent_at'),
          past('message', 'read_at'),
          past('consent', 'granted_at'),
          past('medical_history_change', 'changed_at'),
          past('app_user', 'last_login_at'),
        ].join(' union all '),
        [instant],
      );
      expect(future.filter((row) => row.n > 0)).toEqual([]);
      // The demo patient's history changes end where their history is: each part's latest change
      // holds what the part holds now.
      const history = await database.query<{ part: string; current: string[]; now: string[] }>(
        `select distinct on (c.part) c.part, c.current,
           case c.part when 'ALLERGIES' then to_jsonb(p.allergies) when 'CHRONIC_CONDITIONS' then to_jsonb(p.chronic_conditions)
             when 'CURRENT_MEDICATIONS' then to_jsonb(p.current_medications) end as now
         from medical_history_change c join patient p on p.id = c.patient_id
         order by c.part, c.changed_at desc`,
      );
      expect(history.map((row) => row.part)).toEqual(
        expect.arrayContaining(['CHRONIC_CONDITIONS', 'CURRENT_MEDICATIONS']),
      );
      for (const row of history) {
        expect(row.current, row.part).toEqual(row.now);
      }
    },
  );
});
