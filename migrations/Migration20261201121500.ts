import { Migration } from '@mikro-orm/migrations';

export class Migration20261201121500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "slot_hold" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "doctor_id" uuid not null, "patient_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "expires_at" timestamptz not null, "released_at" timestamptz null, "appointment_id" uuid null, "waitlist_entry_id" uuid null, constraint "slot_hold_pkey" primary key ("id"), constraint slot_hold_time_range_check check (starts_at < ends_at));`);
    this.addSql(`create index "slot_hold_waitlist_entry_id_index" on "slot_hold" ("waitlist_entry_id");`);
    this.addSql(`alter table "slot_hold" add constraint "slot_hold_doctor_no_overlap" exclude using gist ("doctor_id" with =, tstzrange("starts_at", "ends_at", '[)') with &&) where ("released_at" is null);`);
    this.addSql(`create index "slot_hold_patient_id_expires_at_index" on "slot_hold" ("patient_id", "expires_at");`);
    this.addSql(`create index "slot_hold_doctor_id_starts_at_index" on "slot_hold" ("doctor_id", "starts_at");`);

    this.addSql(`create table "waitlist_entry" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "patient_id" uuid not null, "doctor_id" uuid null, "specialization" text null, "window_from" timestamptz not null, "window_to" timestamptz not null, "status" text check ("status" in ('WAITING', 'OFFERED', 'BOOKED', 'EXPIRED', 'CANCELLED')) not null default 'WAITING', "offer_hold_id" uuid null, "appointment_id" uuid null, constraint "waitlist_entry_pkey" primary key ("id"), constraint waitlist_entry_target_check check ((doctor_id is null) <> (specialization is null)), constraint waitlist_entry_window_check check (window_from < window_to));`);
    this.addSql(`create index "waitlist_entry_doctor_id_index" on "waitlist_entry" ("doctor_id");`);
    this.addSql(`create index "waitlist_entry_specialization_index" on "waitlist_entry" ("specialization");`);
    this.addSql(`create index "waitlist_entry_offer_hold_id_index" on "waitlist_entry" ("offer_hold_id");`);
    this.addSql(`create index "waitlist_entry_patient_id_created_at_index" on "waitlist_entry" ("patient_id", "created_at");`);
    this.addSql(`create index "waitlist_entry_status_created_at_index" on "waitlist_entry" ("status", "created_at");`);

    this.addSql(`alter table "slot_hold" add constraint "slot_hold_doctor_id_foreign" foreign key ("doctor_id") references "doctor" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "slot_hold" add constraint "slot_hold_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "waitlist_entry" add constraint "waitlist_entry_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "waitlist_entry" add constraint "waitlist_entry_doctor_id_foreign" foreign key ("doctor_id") references "doctor" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "waitlist_entry" add constraint "waitlist_entry_offer_hold_id_foreign" foreign key ("offer_hold_id") references "slot_hold" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(`alter table "notification" add constraint "notification_kind_check" check("kind" in ('APPOINTMENT_BOOKED', 'APPOINTMENT_CONFIRMED', 'APPOINTMENT_CANCELLED', 'APPOINTMENT_RESCHEDULED', 'APPOINTMENT_REMINDER', 'WAITLIST_OFFER'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "waitlist_entry" drop constraint "waitlist_entry_offer_hold_id_foreign";`);

    this.addSql(`drop table if exists "slot_hold" cascade;`);

    this.addSql(`drop table if exists "waitlist_entry" cascade;`);

    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(`alter table "notification" add constraint "notification_kind_check" check("kind" in ('APPOINTMENT_BOOKED', 'APPOINTMENT_CONFIRMED', 'APPOINTMENT_CANCELLED', 'APPOINTMENT_RESCHEDULED', 'APPOINTMENT_REMINDER'));`);
  }

}
