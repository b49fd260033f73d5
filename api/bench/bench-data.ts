import { ACTIVE_STATUSES } from '../src/modules/appointments/appointment-status.js';
import { APPOINTMENT_REMINDER, REMINDER_ATTEMPTS, REMINDER_LEADS } from '../src/modules/notifications/reminders.js';
import { DEFAULT_DEPARTMENT_ID } from '../src/modules/organisation/department.entity.js';
import { JOB_SCHEMA } from '../src/shared/job-queue.js';
import { createHash } from 'node:crypto';
import type pg from 'pg';

export interface BenchSize {
  doctors: number;
  patients: number;
  /** Per doctor; doctors × this = appointments. */
  appointmentsPerDoctor: number;
}

/** Deterministic ids, so scenarios can name rows without looking them up. */
export const doctorId = (d: number) => uuidOf(`doctor-${d}`);
export const patientId = (p: number) => uuidOf(`patient-${p}`);
export const doctorUserId = (d: number) => uuidOf(`doctor-user-${d}`);
export const patientUserId = (p: number) => uuidOf(`patient-user-${p}`);
export const SLOTS_PER_DAY = 10;

/** The same as `md5(seed)::uuid` in the SQL below. */
function uuidOf(seed: string): string {
  const hex = createHash('md5').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The patient of doctor d's k-th appointment: distinct across doctors at one time, never overlapping. */
export const patientOf = (size: BenchSize, d: number, k: number) => (k * size.doctors + d) % size.patients;
/** Whether doctor d's k-th appointment was cancelled (then it creates no care relationship). */
export const cancelled = (d: number, k: number) => (k * 7 + d) % 10 === 0;

/** A doctor and a patient under their care (an appointment that was not cancelled): a chart the doctor may read. */
export interface ChartRead {
  doctor: number;
  patient: number;
}

const chartReadsBySize = new Map<string, ChartRead[]>();

/**
 * Every (doctor, patient) chart read the data allows, each once, the doctors taking turns (read n
 * is by doctor n % doctors): the n-th of them is the n-th distinct read, so a bench that needs
 * first reads (a chart's first read in the audit's repeat window writes audit rows) takes reads
 * no one made yet. A patient is the patient of one doctor (`patientOf`); reads whose every
 * appointment was cancelled are left out.
 */
export function chartReads(size: BenchSize): readonly ChartRead[] {
  const key = `${size.doctors}/${size.patients}/${size.appointmentsPerDoctor}`;
  let reads = chartReadsBySize.get(key);
  if (!reads) {
    reads = [];
    const perDoctor = Math.min(Math.floor(size.patients / size.doctors), size.appointmentsPerDoctor);
    for (let m = 0; m < perDoctor; m += 1) {
      for (let d = 0; d < size.doctors; d += 1) {
        // Doctor d's appointments k ≡ m (mod perDoctor) are all with one patient.
        for (let k = m; k < size.appointmentsPerDoctor; k += perDoctor) {
          if (!cancelled(d, k)) {
            reads.push({ doctor: d, patient: patientOf(size, d, k) });
            break;
          }
        }
      }
    }
    chartReadsBySize.set(key, reads);
  }
  return reads;
}

/**
 * The bench's chart query (`$id` the patient). Without `timeline`, exactly the fields PostGraphile's
 * chart query asks (compare.ts): PostGraphile has no timeline (a union the API computes).
 */
export function chartQuery({ timeline }: { timeline: boolean }): string {
  return `query ($id: ID!) { patient(id: $id) { id firstName lastName dateOfBirth bloodGroup allergies chronicConditions${
    timeline ? '\n          timeline(first: 20) { edges { node { kind at } } }' : ''
  }
          medicalRecords(first: 10) { totalCount edges { node { id recordedAt diagnoses { code description } vitals { temperatureC heartRate } } } }
          prescriptions(first: 10) { edges { node { id status items { medication dosage } } } }
          appointments(first: 10) { edges { node { startsAt status doctor { lastName } } } } } }`;
}

const FIRST = `array['Anna','Ben','Clara','David','Elena','Felix','Greta','Hugo','Ines','Jonas','Katrin','Lukas','Mara','Nils','Olga','Paul','Rosa','Sven','Tara','Uwe']`;
const LAST = `array['Schmidt','Meyer','Weber','Wagner','Becker','Schulz','Hoffmann','Koch','Richter','Klein','Wolf','Neumann','Schwarz','Zimmermann','Braun','Hartmann','Lange','Werner','Krause','Lehmann','Keller','Vogel','Jung','Roth','Frank']`;
const SPECIALIZATIONS = `array['General Practice','Cardiology','Dermatology','Pediatrics','Orthopedics','Neurology','Endocrinology','Gastroenterology','Psychiatry','Ophthalmology']`;

/**
 * Fills an empty, migrated database in bulk with SQL (generate_series): doctors with weekly
 * hours, patients with history, appointments spread over the past and coming days (10 a day per
 * doctor, never overlapping for a doctor or a patient), and for completed visits records (with
 * their first version) and prescriptions with two items.
 */
export async function seedBenchData(client: pg.Client, size: BenchSize, passwordHash: string): Promise<void> {
  const { doctors, patients, appointmentsPerDoctor } = size;
  const days = Math.ceil(appointmentsPerDoctor / SLOTS_PER_DAY);
  const statements = [
    `insert into app_user (id, email, password_hash, role, email_verified_at)
       select md5('doctor-user-' || d)::uuid, 'bench.doctor.' || d || '@clinic.test', $1, 'DOCTOR', now() from generate_series(0, ${doctors - 1}) d`,
    // Every doctor in the migrations' default department (a doctor belongs to one).
    `insert into doctor (id, user_id, first_name, last_name, specialization, license_number, timezone, consultation_fee, department_id)
       select md5('doctor-' || d)::uuid, md5('doctor-user-' || d)::uuid, (${FIRST})[1 + d % 20], (${LAST})[1 + d % 25],
              (${SPECIALIZATIONS})[1 + d % 10], 'BENCH-' || d, 'Europe/Berlin', 80, '${DEFAULT_DEPARTMENT_ID}'
         from generate_series(0, ${doctors - 1}) d`,
    `insert into availability_rule (doctor_id, weekday, start_time, end_time, slot_minutes)
       select md5('doctor-' || d)::uuid, w, '08:00', '18:00', 30 from generate_series(0, ${doctors - 1}) d, generate_series(1, 7) w`,
    `insert into app_user (id, email, password_hash, role, email_verified_at)
       select md5('patient-user-' || p)::uuid, 'bench.patient.' || p || '@example.com', $1, 'PATIENT', now() from generate_series(0, ${patients - 1}) p`,
    `insert into patient (id, user_id, first_name, last_name, date_of_birth, phone, blood_group, allergies, chronic_conditions)
       select md5('patient-' || p)::uuid, md5('patient-user-' || p)::uuid, (${FIRST})[1 + p % 20], (${LAST})[1 + (p / 20) % 25],
              date '1940-01-01' + (p % 25000), '+49 30 ' || lpad(p::text, 7, '0'), (array['A+','O+','B-','AB+'])[1 + p % 4],
              case p % 4 when 0 then '{Penicillin}'::text[] when 1 then '{Latex,Peanuts}'::text[] else '{}'::text[] end,
              case p % 3 when 0 then '{Hypertension}'::text[] else '{}'::text[] end
       from generate_series(0, ${patients - 1}) p`,
    `insert into appointment (id, patient_id, doctor_id, starts_at, ends_at, status, type, reason)
       select md5('appointment-' || d || '-' || k)::uuid,
              md5('patient-' || ((k * ${doctors} + d) % ${patients}))::uuid,
              md5('doctor-' || d)::uuid,
              t, t + interval '30 minutes',
              case when (k * 7 + d) % 10 = 0 then 'CANCELLED'
                   when t < now() then (case when (k + d) % 9 = 0 then 'NO_SHOW' else 'COMPLETED' end)
                   when (k + d) % 3 = 0 then 'REQUESTED' else 'CONFIRMED' end,
              'REGULAR', 'Follow-up visit'
       from generate_series(0, ${doctors - 1}) d, generate_series(0, ${appointmentsPerDoctor - 1}) k,
            lateral (select date_trunc('day', now()) - interval '${Math.floor(days / 2)} days'
                            + (k / ${SLOTS_PER_DAY}) * interval '1 day' + interval '7 hours' + (k % ${SLOTS_PER_DAY}) * interval '1 hour' as t) slot`,
    `insert into medical_record (id, patient_id, doctor_id, appointment_id, type, recorded_at, diagnoses, symptoms, vitals, notes)
       select md5('record-' || a.id)::uuid, a.patient_id, a.doctor_id, a.id, 'CONSULTATION', a.ends_at,
              '[{"code":"J06.9","description":"Acute upper respiratory infection"}]', '{Cough}',
              '{"temperatureC":37.4,"heartRate":78}', 'Routine review.'
       from appointment a where a.status = 'COMPLETED' and get_byte(decode(md5(a.id::text), 'hex'), 0) % 2 = 0`,
    `insert into medical_record_version (record_id, author_id, version, type, recorded_at, diagnoses, symptoms, vitals, notes)
       select id, doctor_id, 1, type, recorded_at, diagnoses, symptoms, vitals, notes from medical_record`,
    `insert into prescription (id, patient_id, doctor_id, appointment_id, issued_at, completes_at)
       select md5('prescription-' || a.id)::uuid, a.patient_id, a.doctor_id, a.id, a.ends_at, a.ends_at + interval '7 days'
       from appointment a where a.status = 'COMPLETED' and get_byte(decode(md5(a.id::text), 'hex'), 1) % 4 = 0`,
    `insert into prescription_item (prescription_id, position, medication, dosage, frequency, duration_days)
       select id, n, (array['Amoxicillin','Ibuprofen'])[n + 1], '500 mg', 'twice daily', 7 from prescription, generate_series(0, 1) n`,
    // As autovacuum leaves tables after a bulk load: statistics and the visibility map, so
    // index-only scans read no heap, for every target alike. Twice: after one pass none of the
    // appointments' pages were all-visible (the records' and prescriptions' were), after a second
    // all are — as autovacuum's next pass would leave them.
    `vacuum analyze`,
    `vacuum`,
  ];
  for (const sql of statements) {
    await client.query(sql, sql.includes('$1') ? [passwordHash] : []);
  }
}

/**
 * The reminders the clinic's coming appointments have waiting in the job queue: the product
 * schedules two per active appointment when it is booked (`scheduleAppointmentReminders`, same
 * task, key, payload and attempts), and {@link seedBenchData} bypasses it. Without them the queue
 * starts empty, as no clinic's is, and grows only with the bench's own bookings — each of which
 * adds jobs through graphile-worker's `add_jobs`, whose plans were then made for an empty table
 * and kept while it grew (a sequential scan of the whole queue per drain). Reminders due within
 * the next three hours are left out, so none fires during a run. Needs graphile-worker's schema,
 * which the API installs when it starts. Returns how many were added.
 */
export async function seedReminderJobs(client: pg.Client): Promise<number> {
  const leads = Object.entries(REMINDER_LEADS)
    .map(([lead, ms]) => `('${lead}', ${ms / 1000} * interval '1 second')`)
    .join(', ');
  const { rows } = await client.query<{ added: number }>(
    `select count(*)::int as added from ${JOB_SCHEMA}.add_jobs(array(
       select row('${APPOINTMENT_REMINDER}',
                  json_build_object('appointmentId', a.id, 'lead', l.lead,
                                    'startsAt', to_char(a.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
                  null, a.starts_at - l.ahead, ${REMINDER_ATTEMPTS}, 'reminder:' || a.id || ':' || l.lead, null, null)::${JOB_SCHEMA}.job_spec
         from appointment a cross join (values ${leads}) l(lead, ahead)
        where a.status = any($1) and a.starts_at - l.ahead > now() + interval '3 hours'
        order by a.starts_at - l.ahead))`,
    [ACTIVE_STATUSES],
  );
  await client.query(`vacuum analyze ${JOB_SCHEMA}._private_jobs`);
  return rows[0]!.added;
}
