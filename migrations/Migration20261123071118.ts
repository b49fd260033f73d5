import { Migration } from '@mikro-orm/migrations';

// Scheduling: the history of every appointment change, and the database's own guarantee that
// no doctor and no patient ever holds two overlapping active appointments, whatever the number
// of API processes racing to book.
export class Migration20261123071118 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "appointment_change" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "appointment_id" uuid not null, "kind" text not null, "from_status" text check ("from_status" in ('REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW')) null, "to_status" text check ("to_status" in ('REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW')) not null, "from_starts_at" timestamptz null, "to_starts_at" timestamptz not null, "changed_by_id" uuid null, "reason" text null, constraint "appointment_change_pkey" primary key ("id"));`);
    this.addSql(`create index "appointment_change_changed_by_id_index" on "appointment_change" ("changed_by_id");`);
    this.addSql(`create index "appointment_change_appointment_id_created_at_index" on "appointment_change" ("appointment_id", "created_at");`);

    this.addSql(`alter table "appointment_change" add constraint "appointment_change_appointment_id_foreign" foreign key ("appointment_id") references "appointment" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "appointment_change" add constraint "appointment_change_changed_by_id_foreign" foreign key ("changed_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`create extension if not exists btree_gist;`);
    this.addSql(`alter table "appointment" add constraint "appointment_doctor_no_overlap" exclude using gist ("doctor_id" with =, tstzrange("starts_at", "ends_at", '[)') with &&) where ("status" in ('REQUESTED', 'CONFIRMED', 'CHECKED_IN'));`);
    this.addSql(`alter table "appointment" add constraint "appointment_patient_no_overlap" exclude using gist ("patient_id" with =, tstzrange("starts_at", "ends_at", '[)') with &&) where ("status" in ('REQUESTED', 'CONFIRMED', 'CHECKED_IN'));`);
    this.addSql(`create trigger appointment_change_append_only before update or delete or truncate on "appointment_change" for each statement execute function forbid_rewrite();`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "appointment" drop constraint if exists "appointment_doctor_no_overlap";`);
    this.addSql(`alter table "appointment" drop constraint if exists "appointment_patient_no_overlap";`);
    this.addSql(`drop table if exists "appointment_change" cascade;`);
  }

}
