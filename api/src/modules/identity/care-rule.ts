/**
 * The one definition of "this doctor cares for this patient", as SQL both the per-request access
 * check (access-control.ts) and the doctor's patient directory use, so the two cannot disagree: a
 * doctor cares for a patient while they have an appointment with them that is not cancelled; an
 * unexpired emergency grant opens the chart as well, audited as an emergency. Each fragment binds
 * the doctor's id as its one `?` parameter; `patient` is an SQL expression for the patient's id.
 */
/** An appointment (its SQL alias) that makes its doctor care for its patient: any not cancelled. */
const caring = (appointment: string): string => `${appointment}.status <> 'CANCELLED'`;
const CARING = caring('facts_a');

export const careRule = {
  /** The reason of the doctor's latest unexpired emergency grant for the patient, or null. */
  emergencyReason: (patient: string): string =>
    `(select reason_g.reason from emergency_grant reason_g where reason_g.doctor_id = ? and reason_g.patient_id = ${patient} and reason_g.expires_at > now() order by reason_g.expires_at desc limit 1)`,
  /**
   * The facts of one patient in one row: `care`, `booked` (ever booked with the doctor, cancelled
   * too: the doctor sees the schedule) and `emergency_reason`, as
   * a subquery to join laterally to a list's rows: one probe of the doctor's appointments with
   * the patient (index `appointment (doctor_id, patient_id, status)`) instead of one subquery per
   * fact, which the planner turns into a hash of all the doctor's appointments. Binds the doctor
   * twice. The same answers as `careBetween` and `emergencyReason`, by the same conditions.
   */
  facts: (patient: string): string =>
    `(select coalesce(bool_or(${CARING}), false) as care, count(*) > 0 as booked,
       ${careRule.emergencyReason(patient)} as emergency_reason
     from appointment facts_a where facts_a.doctor_id = ? and facts_a.patient_id = ${patient})`,
  /**
   * {@link careRule.facts} for a list of appointments (`appointment`, the SQL alias of its row,
   * with `doctor_id` and `status`; `patient` an expression of its patient's id): a row that is
   * itself one of the doctor's appointments not cancelled proves care by the rule above, so its
   * facts are known without probing the doctor's other appointments and grants (the same answer:
   * with care, the other facts do not count). A doctor's own week is such rows only. Binds the
   * doctor four times.
   */
  factsOfAppointment: (patient: string, appointment: string): string => {
    const proves = `(${appointment}.doctor_id = ? and ${caring(appointment)})`;
    return `(select true as care, true as booked, null::text as emergency_reason where ${proves}
       union all select * from ${careRule.facts(patient)} p where not ${proves})`;
  },
} as const;

/** The doctor may open the patient's chart: care or an emergency grant (binds the doctor twice). */
export function mayOpenChartSql(patient: string): string {
  return mayOpenChartBetween('?', patient);
}

/**
 * The care rule for any doctor–patient pair, both given as SQL expressions (no parameter): for
 * checks over many pairs at once, such as which message threads are still open. The fragments
 * here name their own rows with aliases no caller uses (`care_a`, `facts_a`, `grant_g`, `left_d`,
 * `off_t`): a caller's `a.doctor_id` must never be read as the fragment's own row.
 */
export function careBetween(doctor: string, patient: string): string {
  return `exists (select 1 from appointment care_a where care_a.doctor_id = ${doctor} and care_a.patient_id = ${patient} and ${caring('care_a')})`;
}

/** The doctor holds an unexpired emergency grant for the patient: both SQL expressions (no parameter). */
export function emergencyGrantBetween(doctor: string, patient: string): string {
  return `exists (select 1 from emergency_grant grant_g where grant_g.doctor_id = ${doctor} and grant_g.patient_id = ${patient} and grant_g.expires_at > now())`;
}

/** {@link mayOpenChartSql} for any doctor–patient pair, both SQL expressions (no parameter). */
export function mayOpenChartBetween(doctor: string, patient: string): string {
  return `(${careBetween(doctor, patient)} or ${emergencyGrantBetween(doctor, patient)})`;
}

/**
 * The doctor (an SQL expression of their id) has left: their account is deactivated.
 */
function doctorHasLeftSql(doctor: string): string {
  return `exists (select 1 from doctor left_d join app_user left_u on left_u.id = left_d.user_id where left_d.id = ${doctor} and not left_u.active)`;
}

/** The doctor (an SQL expression of their id) is on time off right now. */
export function doctorOnTimeOffSql(doctor: string): string {
  return `exists (select 1 from time_off off_t where off_t.doctor_id = ${doctor} and off_t.starts_at <= now() and off_t.ends_at > now())`;
}

/**
 * The doctor (an SQL expression of their id) is away: they have left, or are on time off right
 * now. What waits for them (results to review, repeat requests) then goes to the patient's other
 * doctors caring for them as well — to them alone once the doctor has left.
 */
export function doctorIsAwaySql(doctor: string): string {
  return `(${doctorHasLeftSql(doctor)} or ${doctorOnTimeOffSql(doctor)})`;
}
