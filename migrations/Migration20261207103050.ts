import { Migration } from '@mikro-orm/migrations';

export class Migration20261207103050 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "medical_history_change" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "patient_id" uuid not null, "part" text check ("part" in ('BLOOD_GROUP', 'ALLERGIES', 'CHRONIC_CONDITIONS', 'CURRENT_MEDICATIONS', 'SURGERIES', 'FAMILY_HISTORY')) not null, "changed_at" timestamptz not null default now(), "previous" jsonb null, "current" jsonb null, "changed_by_id" uuid not null, "changed_by_role" text check ("changed_by_role" in ('PATIENT', 'DOCTOR', 'ADMIN', 'PARTNER')) not null, "emergency" boolean not null default false, constraint "medical_history_change_pkey" primary key ("id"));`);
    this.addSql(`create index "medical_history_change_changed_by_id_index" on "medical_history_change" ("changed_by_id");`);
    this.addSql(`create index "medical_history_change_patient_id_changed_at_index" on "medical_history_change" ("patient_id", "changed_at");`);

    this.addSql(`alter table "medical_history_change" add constraint "medical_history_change_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "medical_history_change" add constraint "medical_history_change_changed_by_id_foreign" foreign key ("changed_by_id") references "app_user" ("id") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "medical_history_change" cascade;`);
  }

}
