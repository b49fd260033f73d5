import { Migration } from '@mikro-orm/migrations';

// The first cut of the data model: identity, patients, doctors, scheduling, prescriptions,
// versioned medical records and the audit trail.
export class Migration20261123065335 extends Migration {

  override async up(): Promise<void> {
    // Trigram indexes serve the case- and typo-tolerant search of patients and doctors.
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create table "audit_event" ("id" uuid not null default gen_random_uuid(), "at" timestamptz not null default now(), "actor_id" uuid null, "actor_role" text check ("actor_role" in ('PATIENT', 'DOCTOR', 'ADMIN')) null, "action" text not null, "entity_type" text not null, "entity_id" uuid null, "patient_id" uuid null, "emergency" boolean not null default false, "reason" text null, "client_address" text null, "request_id" text null, constraint "audit_event_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_event_actor_id_at_index" on "audit_event" ("actor_id", "at");`);
    this.addSql(`create index "audit_event_patient_id_at_index" on "audit_event" ("patient_id", "at");`);
    this.addSql(`create index "audit_event_at_id_index" on "audit_event" ("at", "id");`);

    this.addSql(`create table "login_failure" ("id" uuid not null default gen_random_uuid(), "email" text not null, "client_address" text not null, "at" timestamptz not null default now(), constraint "login_failure_pkey" primary key ("id"));`);
    this.addSql(`create index "login_failure_client_address_at_index" on "login_failure" ("client_address", "at");`);
    this.addSql(`create index "login_failure_email_at_index" on "login_failure" ("email", "at");`);

    this.addSql(`create table "app_user" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "email" text not null, "password_hash" text not null, "role" text check ("role" in ('PATIENT', 'DOCTOR', 'ADMIN')) not null, "active" boolean not null default true, "deactivated_at" timestamptz null, "last_login_at" timestamptz null, constraint "app_user_pkey" primary key ("id"), constraint app_user_email_lower_case_check check (email = lower(email)));`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);
    this.addSql(`create index "app_user_role_index" on "app_user" ("role");`);

    this.addSql(`create table "refresh_token" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" uuid not null, "family_id" uuid not null, "token_hash" text not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "revoked_at" timestamptz null, constraint "refresh_token_pkey" primary key ("id"));`);
    this.addSql(`create index "refresh_token_user_id_index" on "refresh_token" ("user_id");`);
    this.addSql(`create index "refresh_token_family_id_index" on "refresh_token" ("family_id");`);
    this.addSql(`alter table "refresh_token" add constraint "refresh_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "patient" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" uuid not null, "first_name" text not null, "last_name" text not null, "date_of_birth" date not null, "gender" text null, "phone" text null, "address" text null, "blood_group" text null, "allergies" text[] not null default '{}', "chronic_conditions" text[] not null default '{}', "current_medications" text[] not null default '{}', "surgeries" jsonb not null default '[]', "family_history" jsonb not null default '[]', "emergency_contacts" jsonb not null default '[]', "insurance" jsonb null, constraint "patient_pkey" primary key ("id"));`);
    this.addSql(`alter table "patient" add constraint "patient_user_id_unique" unique ("user_id");`);
    this.addSql(`create index "patient_search_trgm" on "patient" using gin ((lower("first_name" || ' ' || "last_name" || ' ' || coalesce("phone", ''))) gin_trgm_ops);`);
    this.addSql(`create index "patient_last_name_first_name_index" on "patient" ("last_name", "first_name");`);

    this.addSql(`create table "doctor" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" uuid not null, "first_name" text not null, "last_name" text not null, "specialization" text not null, "license_number" text not null, "timezone" text not null, "consultation_fee" numeric(10,2) null, "bio" text null, "qualifications" text[] not null default '{}', constraint "doctor_pkey" primary key ("id"));`);
    this.addSql(`alter table "doctor" add constraint "doctor_user_id_unique" unique ("user_id");`);
    this.addSql(`create index "doctor_specialization_index" on "doctor" ("specialization");`);
    this.addSql(`alter table "doctor" add constraint "doctor_license_number_unique" unique ("license_number");`);
    this.addSql(`create index "doctor_search_trgm" on "doctor" using gin ((lower("first_name" || ' ' || "last_name" || ' ' || "specialization")) gin_trgm_ops);`);
    this.addSql(`create index "doctor_last_name_first_name_index" on "doctor" ("last_name", "first_name");`);

    this.addSql(`create table "time_off" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "doctor_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "reason" text null, constraint "time_off_pkey" primary key ("id"), constraint time_off_range_check check (starts_at < ends_at));`);
    this.addSql(`create index "time_off_doctor_id_starts_at_index" on "time_off" ("doctor_id", "starts_at");`);

    this.addSql(`create table "emergency_grant" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "doctor_id" uuid not null, "patient_id" uuid not null, "reason" text not null, "expires_at" timestamptz not null, constraint "emergency_grant_pkey" primary key ("id"));`);
    this.addSql(`create index "emergency_grant_patient_id_index" on "emergency_grant" ("patient_id");`);
    this.addSql(`create index "emergency_grant_doctor_id_patient_id_expires_at_index" on "emergency_grant" ("doctor_id", "patient_id", "expires_at");`);

    this.addSql(`create table "availability_rule" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "doctor_id" uuid not null, "weekday" smallint not null, "start_time" time(0) not null, "end_time" time(0) not null, "slot_minutes" smallint not null, constraint "availability_rule_pkey" primary key ("id"), constraint availability_rule_slot_minutes_check check (slot_minutes >= 5 and slot_minutes <= 480), constraint availability_rule_window_check check (start_time < end_time), constraint availability_rule_weekday_check check (weekday >= 1 and weekday <= 7));`);
    this.addSql(`create index "availability_rule_doctor_id_weekday_index" on "availability_rule" ("doctor_id", "weekday");`);

    this.addSql(`create table "appointment" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "patient_id" uuid not null, "doctor_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "status" text check ("status" in ('REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW')) not null default 'REQUESTED', "type" text check ("type" in ('REGULAR', 'FOLLOW_UP', 'EMERGENCY')) not null default 'REGULAR', "reason" text null, "cancellation_reason" text null, "booked_by_id" uuid null, "status_changed_by_id" uuid null, "status_changed_at" timestamptz null, constraint "appointment_pkey" primary key ("id"), constraint appointment_time_range_check check (starts_at < ends_at));`);
    this.addSql(`create index "appointment_status_index" on "appointment" ("status");`);
    this.addSql(`create index "appointment_booked_by_id_index" on "appointment" ("booked_by_id");`);
    this.addSql(`create index "appointment_status_changed_by_id_index" on "appointment" ("status_changed_by_id");`);
    this.addSql(`create index "appointment_starts_at_id_index" on "appointment" ("starts_at", "id");`);
    this.addSql(`create index "appointment_patient_id_starts_at_index" on "appointment" ("patient_id", "starts_at");`);
    this.addSql(`create index "appointment_doctor_id_starts_at_index" on "appointment" ("doctor_id", "starts_at");`);

    this.addSql(`create table "prescription" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "patient_id" uuid not null, "doctor_id" uuid not null, "appointment_id" uuid null, "stored_status" text check ("stored_status" in ('ACTIVE', 'COMPLETED', 'DISCONTINUED')) not null default 'ACTIVE', "notes" text null, "issued_at" timestamptz not null, "completes_at" timestamptz not null, "discontinued_at" timestamptz null, "discontinued_reason" text null, "discontinued_by_id" uuid null, constraint "prescription_pkey" primary key ("id"));`);
    this.addSql(`create index "prescription_appointment_id_index" on "prescription" ("appointment_id");`);
    this.addSql(`create index "prescription_stored_status_index" on "prescription" ("stored_status");`);
    this.addSql(`create index "prescription_completes_at_index" on "prescription" ("completes_at");`);
    this.addSql(`create index "prescription_discontinued_by_id_index" on "prescription" ("discontinued_by_id");`);
    this.addSql(`create index "prescription_doctor_id_issued_at_index" on "prescription" ("doctor_id", "issued_at");`);
    this.addSql(`create index "prescription_patient_id_issued_at_index" on "prescription" ("patient_id", "issued_at");`);

    this.addSql(`create table "prescription_item" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "prescription_id" uuid not null, "position" smallint not null, "medication" text not null, "dosage" text not null, "frequency" text not null, "duration_days" smallint not null, "instructions" text null, constraint "prescription_item_pkey" primary key ("id"), constraint prescription_item_duration_check check (duration_days >= 1 and duration_days <= 3650));`);
    this.addSql(`create index "prescription_item_prescription_id_index" on "prescription_item" ("prescription_id");`);
    this.addSql(`alter table "prescription_item" add constraint "prescription_item_prescription_id_position_unique" unique ("prescription_id", "position");`);

    this.addSql(`create table "medical_record" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "type" text check ("type" in ('CONSULTATION', 'LAB_RESULT', 'IMAGING', 'PROCEDURE', 'VACCINATION')) not null, "recorded_at" timestamptz not null, "diagnoses" jsonb not null default '[]', "symptoms" text[] not null default '{}', "vitals" jsonb null, "lab_results" jsonb not null default '[]', "notes" text null, "follow_up_date" date null, "version" int not null default 1, "patient_id" uuid not null, "doctor_id" uuid not null, "appointment_id" uuid null, constraint "medical_record_pkey" primary key ("id"));`);
    this.addSql(`create index "medical_record_appointment_id_index" on "medical_record" ("appointment_id");`);
    this.addSql(`create index "medical_record_doctor_id_recorded_at_index" on "medical_record" ("doctor_id", "recorded_at");`);
    this.addSql(`create index "medical_record_patient_id_recorded_at_index" on "medical_record" ("patient_id", "recorded_at");`);

    this.addSql(`create table "medical_record_version" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "type" text check ("type" in ('CONSULTATION', 'LAB_RESULT', 'IMAGING', 'PROCEDURE', 'VACCINATION')) not null, "recorded_at" timestamptz not null, "diagnoses" jsonb not null default '[]', "symptoms" text[] not null default '{}', "vitals" jsonb null, "lab_results" jsonb not null default '[]', "notes" text null, "follow_up_date" date null, "version" int not null default 1, "record_id" uuid not null, "author_id" uuid not null, "amendment_reason" text null, constraint "medical_record_version_pkey" primary key ("id"));`);
    this.addSql(`create index "medical_record_version_record_id_index" on "medical_record_version" ("record_id");`);
    this.addSql(`create index "medical_record_version_author_id_index" on "medical_record_version" ("author_id");`);
    this.addSql(`alter table "medical_record_version" add constraint "medical_record_version_record_id_version_unique" unique ("record_id", "version");`);

    this.addSql(`alter table "refresh_token" add constraint "refresh_token_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "patient" add constraint "patient_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "doctor" add constraint "doctor_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "time_off" add constraint "time_off_doctor_id_foreign" foreign key ("doctor_id") references "doctor" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "emergency_grant" add constraint "emergency_grant_doctor_id_foreign" foreign key ("doctor_id") references "doctor" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "emergency_grant" add constraint "emergency_grant_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "availability_rule" add constraint "availability_rule_doctor_id_foreign" foreign key ("doctor_id") references "doctor" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "appointment" add constraint "appointment_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "appointment" add constraint "appointment_doctor_id_foreign" foreign key ("doctor_id") references "doctor" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "appointment" add constraint "appointment_booked_by_id_foreign" foreign key ("booked_by_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "appointment" add constraint "appointment_status_changed_by_id_foreign" foreign key ("status_changed_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "prescription" add constraint "prescription_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "prescription" add constraint "prescription_doctor_id_foreign" foreign key ("doctor_id") references "doctor" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "prescription" add constraint "prescription_appointment_id_foreign" foreign key ("appointment_id") references "appointment" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "prescription" add constraint "prescription_discontinued_by_id_foreign" foreign key ("discontinued_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "prescription_item" add constraint "prescription_item_prescription_id_foreign" foreign key ("prescription_id") references "prescription" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "medical_record" add constraint "medical_record_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "medical_record" add constraint "medical_record_doctor_id_foreign" foreign key ("doctor_id") references "doctor" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "medical_record" add constraint "medical_record_appointment_id_foreign" foreign key ("appointment_id") references "appointment" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "medical_record_version" add constraint "medical_record_version_record_id_foreign" foreign key ("record_id") references "medical_record" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "medical_record_version" add constraint "medical_record_version_author_id_foreign" foreign key ("author_id") references "doctor" ("id") on update cascade on delete restrict;`);

    // What is written once is never rewritten: the audit trail, every version of a medical
    // record, and the items of an issued prescription. The application's own connection cannot
    // update or delete these rows; corrections are new rows.
    this.addSql(`create function forbid_rewrite() returns trigger language plpgsql as $$
      begin
        raise exception '% is append-only: rows are never updated or deleted', tg_table_name
          using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create trigger audit_event_append_only before update or delete or truncate on "audit_event" for each statement execute function forbid_rewrite();`);
    this.addSql(`create trigger medical_record_version_append_only before update or delete or truncate on "medical_record_version" for each statement execute function forbid_rewrite();`);
    this.addSql(`create trigger prescription_item_append_only before update or delete or truncate on "prescription_item" for each statement execute function forbid_rewrite();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists audit_event_append_only on "audit_event";`);
    this.addSql(`drop trigger if exists medical_record_version_append_only on "medical_record_version";`);
    this.addSql(`drop trigger if exists prescription_item_append_only on "prescription_item";`);
    this.addSql(`drop function if exists forbid_rewrite();`);
    this.addSql(`alter table "refresh_token" drop constraint "refresh_token_user_id_foreign";`);

    this.addSql(`alter table "patient" drop constraint "patient_user_id_foreign";`);

    this.addSql(`alter table "doctor" drop constraint "doctor_user_id_foreign";`);

    this.addSql(`alter table "appointment" drop constraint "appointment_booked_by_id_foreign";`);

    this.addSql(`alter table "appointment" drop constraint "appointment_status_changed_by_id_foreign";`);

    this.addSql(`alter table "prescription" drop constraint "prescription_discontinued_by_id_foreign";`);

    this.addSql(`alter table "emergency_grant" drop constraint "emergency_grant_patient_id_foreign";`);

    this.addSql(`alter table "appointment" drop constraint "appointment_patient_id_foreign";`);

    this.addSql(`alter table "prescription" drop constraint "prescription_patient_id_foreign";`);

    this.addSql(`alter table "medical_record" drop constraint "medical_record_patient_id_foreign";`);

    this.addSql(`alter table "time_off" drop constraint "time_off_doctor_id_foreign";`);

    this.addSql(`alter table "emergency_grant" drop constraint "emergency_grant_doctor_id_foreign";`);

    this.addSql(`alter table "availability_rule" drop constraint "availability_rule_doctor_id_foreign";`);

    this.addSql(`alter table "appointment" drop constraint "appointment_doctor_id_foreign";`);

    this.addSql(`alter table "prescription" drop constraint "prescription_doctor_id_foreign";`);

    this.addSql(`alter table "medical_record" drop constraint "medical_record_doctor_id_foreign";`);

    this.addSql(`alter table "medical_record_version" drop constraint "medical_record_version_author_id_foreign";`);

    this.addSql(`alter table "prescription" drop constraint "prescription_appointment_id_foreign";`);

    this.addSql(`alter table "medical_record" drop constraint "medical_record_appointment_id_foreign";`);

    this.addSql(`alter table "prescription_item" drop constraint "prescription_item_prescription_id_foreign";`);

    this.addSql(`alter table "medical_record_version" drop constraint "medical_record_version_record_id_foreign";`);

    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`drop table if exists "login_failure" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "refresh_token" cascade;`);

    this.addSql(`drop table if exists "patient" cascade;`);

    this.addSql(`drop table if exists "doctor" cascade;`);

    this.addSql(`drop table if exists "time_off" cascade;`);

    this.addSql(`drop table if exists "emergency_grant" cascade;`);

    this.addSql(`drop table if exists "availability_rule" cascade;`);

    this.addSql(`drop table if exists "appointment" cascade;`);

    this.addSql(`drop table if exists "prescription" cascade;`);

    this.addSql(`drop table if exists "prescription_item" cascade;`);

    this.addSql(`drop table if exists "medical_record" cascade;`);

    this.addSql(`drop table if exists "medical_record_version" cascade;`);
  }

}
