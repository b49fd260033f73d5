import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { TaskList } from 'graphile-worker';
import { Role } from '../identity/role.js';
import { notifyAdministratorsOfAccessAlert } from '../notifications/access-alert-notices.js';
import { AccessAlert, AccessAlertRule } from './access-alert.entity.js';

/** The recurring job that looks for unusual access in the audit trail. */
export const ACCESS_ALERT_SCAN = 'access-alert-scan';
/** Every ten minutes (graphile-worker cron: one process schedules each run). */
export const ACCESS_ALERT_SCHEDULE = '*/10 * * * *';

const HOUR = 3_600_000;
/** How far back an account's usual hours are looked at (MANY_CHARTS). */
export const USUAL_WEEKS = 4;
/** An account's hour is unusual beyond this many times its busiest hour of the weeks before. */
export const USUAL_FACTOR = 3;
/** REPEATED_EMERGENCY_ACCESS: this many patients' charts opened with emergency access … */
export const EMERGENCY_ACCESS_PATIENTS = 3;
/** … within this many hours. */
const EMERGENCY_ACCESS_HOURS = 24;

/** A read row's patients: its own, or a group read's across charts (see AuditEvent). */
const READ_PATIENTS = (alias: string) =>
  `unnest(case when ${alias}.patient_ids is null then array[${alias}.patient_id] else ${alias}.patient_ids end)`;

/**
 * The accounts (people other than patients, and partners) that read more than `floor` patients'
 * charts in the hour before `now`, with their busiest hour of the {@link USUAL_WEEKS} weeks before
 * it. Read from the audit trail: its index on (at, id) for the hour, on (actor_id, at) for the weeks.
 */
const MANY_CHARTS = `
  with recent as (
    select e.actor_id, min(e.actor_role) as actor_role, array_agg(distinct p.id) as patient_ids
      from audit_event e cross join lateral ${READ_PATIENTS('e')} as p(id)
     where e.at > ? and e.at <= ? and e.action = 'READ' and e.actor_id is not null
       and e.actor_role in ('DOCTOR', 'ADMIN', 'PARTNER') and p.id is not null
     group by e.actor_id
    having count(distinct p.id) >= ?
  )
  select r.actor_id, r.actor_role, r.patient_ids,
         coalesce((select max(hourly.n) from (
             select count(distinct q.id)::int as n
               from audit_event h cross join lateral ${READ_PATIENTS('h')} as q(id)
              where h.actor_id = r.actor_id and h.action = 'READ' and h.at > ? and h.at <= ? and q.id is not null
              group by date_trunc('hour', h.at)) hourly), 0) as usual
    from recent r`;

/** The doctors who opened {@link EMERGENCY_ACCESS_PATIENTS} or more patients' charts with emergency access in the day before `now`. */
const REPEATED_EMERGENCY = `
  select e.actor_id, min(e.actor_role) as actor_role, array_agg(distinct e.patient_id) as patient_ids
    from audit_event e
   where e.at > ? and e.at <= ? and e.action = 'EMERGENCY_ACCESS' and e.actor_id is not null and e.patient_id is not null
   group by e.actor_id
  having count(distinct e.patient_id) >= ?`;

/** The account's name as the console shows it: a doctor's or patient's name, an administrator's e-mail, a partner's name. */
const ACTOR_NAME = `
  select coalesce(
    (select 'Dr ' || d.first_name || ' ' || d.last_name from doctor d where d.user_id = ?::uuid),
    (select p.first_name || ' ' || p.last_name from patient p where p.user_id = ?::uuid),
    (select u.email from app_user u where u.id = ?::uuid),
    (select c.name from api_client c where c.id = ?::uuid),
    'An unknown account') as name`;

interface Finding {
  readonly rule: AccessAlertRule;
  readonly actorId: string;
  readonly actorRole: Role;
  readonly patientIds: readonly string[];
  readonly usual: number | null;
  readonly windowStart: Date;
}

/**
 * Looks for unusual access in the audit trail up to `now` and raises an alert for each finding, in
 * one transaction with the administrators' notices: an account that read the charts of at least
 * `patientsPerHour` patients within an hour and more than {@link USUAL_FACTOR} times its busiest
 * hour of the {@link USUAL_WEEKS} weeks before (MANY_CHARTS); a doctor who opened
 * {@link EMERGENCY_ACCESS_PATIENTS} patients' charts with emergency access within a day. An account
 * has at most one alert per rule and window: none while one is OPEN, nor for reads an alert raised
 * within the window already covered. Answers the alerts raised.
 */
export async function detectAccessAlerts(
  em: EntityManager,
  options: { readonly patientsPerHour: number; readonly now?: Date },
): Promise<AccessAlert[]> {
  const now = options.now ?? new Date();
  return em.fork().transactional(async (tx) => {
    const hourAgo = new Date(now.getTime() - HOUR);
    const weeksAgo = new Date(hourAgo.getTime() - USUAL_WEEKS * 7 * 24 * HOUR);
    const dayAgo = new Date(now.getTime() - EMERGENCY_ACCESS_HOURS * HOUR);
    type Row = { actor_id: string; actor_role: Role; patient_ids: string[]; usual?: number };
    const many = await tx.execute<Row[]>(MANY_CHARTS, [hourAgo, now, options.patientsPerHour, weeksAgo, hourAgo]);
    const emergencies = await tx.execute<Row[]>(REPEATED_EMERGENCY, [dayAgo, now, EMERGENCY_ACCESS_PATIENTS]);
    const findings: Finding[] = [
      ...many
        .filter((row) => row.patient_ids.length > USUAL_FACTOR * (row.usual ?? 0))
        .map((row) => ({
          rule: AccessAlertRule.MANY_CHARTS,
          actorId: row.actor_id,
          actorRole: row.actor_role,
          patientIds: row.patient_ids,
          usual: row.usual ?? 0,
          windowStart: hourAgo,
        })),
      ...emergencies.map((row) => ({
        rule: AccessAlertRule.REPEATED_EMERGENCY_ACCESS,
        actorId: row.actor_id,
        actorRole: row.actor_role,
        patientIds: row.patient_ids,
        usual: null,
        windowStart: dayAgo,
      })),
    ];
    const raised: AccessAlert[] = [];
    for (const finding of findings) {
      // One alert per account, rule and window: taken by the unique index while OPEN, by this look after.
      const [inserted] = await tx.execute<{ id: string }[]>(
        `insert into access_alert (rule, actor_id, actor_role, actor_name, window_start, window_end, patient_count,
                                   usual_count, patient_ids)
         select ?, ?::uuid, ?, (${ACTOR_NAME}), ?, ?, ?, ?, ?::uuid[]
          where not exists (select 1 from access_alert a
                             where a.actor_id = ?::uuid and a.rule = ? and (a.status = 'OPEN' or a.created_at > ?))
         on conflict do nothing
         returning id`,
        [
          finding.rule,
          finding.actorId,
          finding.actorRole,
          finding.actorId,
          finding.actorId,
          finding.actorId,
          finding.actorId,
          finding.windowStart,
          now,
          finding.patientIds.length,
          finding.usual,
          `{${finding.patientIds.join(',')}}`,
          finding.actorId,
          finding.rule,
          finding.windowStart,
        ],
      );
      if (!inserted) {
        continue;
      }
      const alert = await tx.findOneOrFail(AccessAlert, inserted.id);
      raised.push(alert);
      await notifyAdministratorsOfAccessAlert(tx, { actorName: alert.actorName, what: describeAlert(alert) });
    }
    return raised;
  });
}

/** What the administrators read of an alert, after the account's name. */
export function describeAlert(alert: Pick<AccessAlert, 'rule' | 'actorRole' | 'patientCount' | 'usualCount'>): string {
  const role = alert.actorRole === Role.PARTNER ? 'partner' : alert.actorRole.toLowerCase();
  if (alert.rule === AccessAlertRule.REPEATED_EMERGENCY_ACCESS) {
    return `(${role}) opened ${alert.patientCount} patients’ charts with emergency access within a day`;
  }
  const usual = alert.usualCount ? `, against at most ${alert.usualCount} in any hour of the four weeks before` : '';
  return `(${role}) read the charts of ${alert.patientCount} patients within an hour${usual}`;
}

/** The privacy module's recurring job: looks for unusual access every ten minutes. */
export function accessAlertTasks(deps: { readonly orm: MikroORM; readonly patientsPerHour: number }): TaskList {
  return {
    [ACCESS_ALERT_SCAN]: async () => {
      await detectAccessAlerts(deps.orm.em, { patientsPerHour: deps.patientsPerHour });
    },
  };
}
