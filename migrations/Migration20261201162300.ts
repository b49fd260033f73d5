import { Migration } from '@mikro-orm/migrations';

/**
 * The care rule's facts for a list's patients (a doctor's week) probe the doctor's appointments
 * with each patient. With only `(doctor_id, starts_at)` and `(patient_id, starts_at)`, PostgreSQL
 * hashed all of the doctor's appointments twice per statement (about 0.7 of the week's 1.1 ms
 * in the database); with this index each patient is one index-only probe.
 */
export class Migration20261201162300 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "appointment_doctor_id_patient_id_status_index" on "appointment" ("doctor_id", "patient_id", "status");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "appointment_doctor_id_patient_id_status_index";`);
  }

}
