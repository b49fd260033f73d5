import { Migration } from '@mikro-orm/migrations';

export class Migration20261201075048 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "hospital" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" text not null, "address" text null, "timezone" text not null, "code" text not null, "currency" text not null default 'EUR', constraint "hospital_pkey" primary key ("id"));`);
    this.addSql(`alter table "hospital" add constraint "hospital_name_unique" unique ("name");`);
    this.addSql(`alter table "hospital" add constraint "hospital_code_unique" unique ("code");`);

    this.addSql(`create table "department" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "hospital_id" uuid not null, "name" text not null, constraint "department_pkey" primary key ("id"));`);
    this.addSql(`alter table "department" add constraint "department_hospital_id_name_unique" unique ("hospital_id", "name");`);

    this.addSql(`create table "bed" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "department_id" uuid not null, "label" text not null, "ward" text not null, "status" text check ("status" in ('AVAILABLE', 'OCCUPIED', 'CLEANING', 'OUT_OF_SERVICE')) not null default 'AVAILABLE', constraint "bed_pkey" primary key ("id"));`);
    this.addSql(`alter table "bed" add constraint "bed_department_id_ward_label_unique" unique ("department_id", "ward", "label");`);

    this.addSql(`create table "invoice_counter" ("hospital_id" uuid not null, "year" int not null, "last_number" int not null, constraint "invoice_counter_pkey" primary key ("hospital_id", "year"));`);

    this.addSql(`create table "insurance_policy" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "patient_id" uuid not null, "provider" text not null, "policy_number" text not null, "member_id" text null, "valid_from" date not null, "valid_to" date null, constraint "insurance_policy_pkey" primary key ("id"));`);
    this.addSql(`create index "insurance_policy_patient_id_valid_from_index" on "insurance_policy" ("patient_id", "valid_from");`);

    this.addSql(`create table "invoice" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "number" text not null, "hospital_id" uuid not null, "year" int not null, "sequence" int not null, "patient_id" uuid not null, "appointment_id" uuid null, "currency" text not null, "total_amount" numeric(16,4) not null, "issued_at" timestamptz null, "due_date" date null, "voided_at" timestamptz null, "void_reason" text null, "issued_by_id" uuid null, "voided_by_id" uuid null, "paid_amount" numeric(16,4) not null default 0, constraint "invoice_pkey" primary key ("id"));`);
    this.addSql(`alter table "invoice" add constraint "invoice_paid_within_total_check" check (total_amount >= 0 and paid_amount >= 0 and paid_amount <= total_amount);`);
    this.addSql(`alter table "invoice" add constraint "invoice_number_unique" unique ("number");`);
    this.addSql(`alter table "invoice" add constraint "invoice_appointment_id_unique" unique ("appointment_id");`);
    this.addSql(`create index "invoice_issued_by_id_index" on "invoice" ("issued_by_id");`);
    this.addSql(`create index "invoice_voided_by_id_index" on "invoice" ("voided_by_id");`);
    this.addSql(`create index "invoice_created_at_id_index" on "invoice" ("created_at", "id");`);
    this.addSql(`create index "invoice_patient_id_created_at_index" on "invoice" ("patient_id", "created_at");`);
    this.addSql(`alter table "invoice" add constraint "invoice_hospital_id_year_sequence_unique" unique ("hospital_id", "year", "sequence");`);

    this.addSql(`create table "payment" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "invoice_id" uuid not null, "amount_value" numeric(16,4) not null, "currency" text not null, "method" text check ("method" in ('CASH', 'CARD', 'TRANSFER', 'INSURANCE')) not null, "reference" text null, "paid_at" timestamptz not null default now(), "recorded_by_id" uuid not null, constraint "payment_pkey" primary key ("id"));`);
    this.addSql(`alter table "payment" add constraint "payment_amount_positive_check" check (amount_value > 0);`);
    this.addSql(`create index "payment_recorded_by_id_index" on "payment" ("recorded_by_id");`);
    this.addSql(`create index "payment_invoice_id_paid_at_index" on "payment" ("invoice_id", "paid_at");`);

    this.addSql(`create table "invoice_line" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "invoice_id" uuid not null, "position" int not null, "description" text not null, "quantity" int not null, "unit_amount" numeric(16,4) not null, "currency" text not null, constraint "invoice_line_pkey" primary key ("id"));`);
    this.addSql(`alter table "invoice_line" add constraint "invoice_line_invoice_id_position_unique" unique ("invoice_id", "position");`);

    this.addSql(`create table "insurance_claim" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "invoice_id" uuid not null, "policy_id" uuid not null, "status" text check ("status" in ('DRAFT', 'SUBMITTED', 'APPROVED', 'PARTIALLY_APPROVED', 'REJECTED', 'PAID')) not null, "currency" text not null, "claimed_amount" numeric(16,4) not null, "approved_amount" numeric(16,4) null, "submitted_at" timestamptz null, "decided_at" timestamptz null, "note" text null, "payment_id" uuid null, constraint "insurance_claim_pkey" primary key ("id"));`);
    this.addSql(`create index "insurance_claim_invoice_id_index" on "insurance_claim" ("invoice_id");`);
    this.addSql(`create index "insurance_claim_policy_id_index" on "insurance_claim" ("policy_id");`);
    this.addSql(`create index "insurance_claim_status_index" on "insurance_claim" ("status");`);
    this.addSql(`alter table "insurance_claim" add constraint "insurance_claim_payment_id_unique" unique ("payment_id");`);
    this.addSql(`create unique index "insurance_claim_one_open_per_invoice" on "insurance_claim" ("invoice_id") where "status" in ('DRAFT', 'SUBMITTED');`);
    this.addSql(`create index "insurance_claim_created_at_id_index" on "insurance_claim" ("created_at", "id");`);

    this.addSql(`create table "claim_change" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "claim_id" uuid not null, "from_status" text check ("from_status" in ('DRAFT', 'SUBMITTED', 'APPROVED', 'PARTIALLY_APPROVED', 'REJECTED', 'PAID')) null, "to_status" text check ("to_status" in ('DRAFT', 'SUBMITTED', 'APPROVED', 'PARTIALLY_APPROVED', 'REJECTED', 'PAID')) not null, "approved_amount" numeric(16,4) null, "currency" text not null, "note" text null, "changed_by_id" uuid not null, "changed_at" timestamptz not null default now(), constraint "claim_change_pkey" primary key ("id"));`);
    this.addSql(`create index "claim_change_changed_by_id_index" on "claim_change" ("changed_by_id");`);
    this.addSql(`create index "claim_change_claim_id_changed_at_index" on "claim_change" ("claim_id", "changed_at");`);

    this.addSql(`create table "admission" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "patient_id" uuid not null, "bed_id" uuid not null, "admitted_at" timestamptz not null default now(), "discharged_at" timestamptz null, "reason" text null, "admitted_by_id" uuid not null, "discharged_by_id" uuid null, constraint "admission_pkey" primary key ("id"));`);
    this.addSql(`create index "admission_bed_id_index" on "admission" ("bed_id");`);
    this.addSql(`create index "admission_admitted_by_id_index" on "admission" ("admitted_by_id");`);
    this.addSql(`create index "admission_discharged_by_id_index" on "admission" ("discharged_by_id");`);
    this.addSql(`create unique index "admission_one_open_per_patient" on "admission" ("patient_id") where "discharged_at" is null;`);
    this.addSql(`create unique index "admission_one_open_per_bed" on "admission" ("bed_id") where "discharged_at" is null;`);
    this.addSql(`create index "admission_patient_id_admitted_at_index" on "admission" ("patient_id", "admitted_at");`);

    this.addSql(`alter table "department" add constraint "department_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "bed" add constraint "bed_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "invoice_counter" add constraint "invoice_counter_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "insurance_policy" add constraint "insurance_policy_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "invoice" add constraint "invoice_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "invoice" add constraint "invoice_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "invoice" add constraint "invoice_appointment_id_foreign" foreign key ("appointment_id") references "appointment" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "invoice" add constraint "invoice_issued_by_id_foreign" foreign key ("issued_by_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "invoice" add constraint "invoice_voided_by_id_foreign" foreign key ("voided_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "payment" add constraint "payment_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "payment" add constraint "payment_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "invoice_line" add constraint "invoice_line_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "insurance_claim" add constraint "insurance_claim_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "insurance_claim" add constraint "insurance_claim_policy_id_foreign" foreign key ("policy_id") references "insurance_policy" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "insurance_claim" add constraint "insurance_claim_payment_id_foreign" foreign key ("payment_id") references "payment" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "claim_change" add constraint "claim_change_claim_id_foreign" foreign key ("claim_id") references "insurance_claim" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "claim_change" add constraint "claim_change_changed_by_id_foreign" foreign key ("changed_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "admission" add constraint "admission_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "admission" add constraint "admission_bed_id_foreign" foreign key ("bed_id") references "bed" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "admission" add constraint "admission_admitted_by_id_foreign" foreign key ("admitted_by_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "admission" add constraint "admission_discharged_by_id_foreign" foreign key ("discharged_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    // Every doctor belongs to a department: existing doctors move into a default department of a
    // default hospital (fixed ids, see department.entity.ts), then the column becomes required.
    this.addSql(`alter table "doctor" add column "fee_currency" text not null default 'EUR', add column "department_id" uuid null;`);
    this.addSql(`insert into "hospital" ("id", "name", "timezone", "code", "currency") values ('00000000-0000-4000-8000-00000000a001', 'Main Hospital', 'Europe/Berlin', 'MAIN', 'EUR');`);
    this.addSql(`insert into "department" ("id", "hospital_id", "name") values ('00000000-0000-4000-8000-00000000d001', '00000000-0000-4000-8000-00000000a001', 'General Medicine');`);
    this.addSql(`update "doctor" set "department_id" = '00000000-0000-4000-8000-00000000d001';`);
    this.addSql(`alter table "doctor" alter column "department_id" set not null;`);
    this.addSql(`alter table "doctor" alter column "consultation_fee" type numeric(16,4) using ("consultation_fee"::numeric(16,4));`);
    this.addSql(`alter table "doctor" add constraint "doctor_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete restrict;`);
    this.addSql(`create index "doctor_department_id_index" on "doctor" ("department_id");`);
    // A claim's history is append-only, like the audit trail.
    this.addSql(`create trigger claim_change_append_only before update or delete or truncate on "claim_change" for each statement execute function forbid_rewrite();`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "department" drop constraint "department_hospital_id_foreign";`);

    this.addSql(`alter table "invoice_counter" drop constraint "invoice_counter_hospital_id_foreign";`);

    this.addSql(`alter table "invoice" drop constraint "invoice_hospital_id_foreign";`);

    this.addSql(`alter table "bed" drop constraint "bed_department_id_foreign";`);

    this.addSql(`alter table "doctor" drop constraint "doctor_department_id_foreign";`);

    this.addSql(`alter table "admission" drop constraint "admission_bed_id_foreign";`);

    this.addSql(`alter table "insurance_claim" drop constraint "insurance_claim_policy_id_foreign";`);

    this.addSql(`alter table "payment" drop constraint "payment_invoice_id_foreign";`);

    this.addSql(`alter table "invoice_line" drop constraint "invoice_line_invoice_id_foreign";`);

    this.addSql(`alter table "insurance_claim" drop constraint "insurance_claim_invoice_id_foreign";`);

    this.addSql(`alter table "insurance_claim" drop constraint "insurance_claim_payment_id_foreign";`);

    this.addSql(`alter table "claim_change" drop constraint "claim_change_claim_id_foreign";`);

    this.addSql(`drop table if exists "hospital" cascade;`);

    this.addSql(`drop table if exists "department" cascade;`);

    this.addSql(`drop table if exists "bed" cascade;`);

    this.addSql(`drop table if exists "invoice_counter" cascade;`);

    this.addSql(`drop table if exists "insurance_policy" cascade;`);

    this.addSql(`drop table if exists "invoice" cascade;`);

    this.addSql(`drop table if exists "payment" cascade;`);

    this.addSql(`drop table if exists "invoice_line" cascade;`);

    this.addSql(`drop table if exists "insurance_claim" cascade;`);

    this.addSql(`drop table if exists "claim_change" cascade;`);

    this.addSql(`drop table if exists "admission" cascade;`);

    this.addSql(`drop index "doctor_department_id_index";`);
    this.addSql(`alter table "doctor" drop column "fee_currency", drop column "department_id";`);

    this.addSql(`alter table "doctor" alter column "consultation_fee" type numeric(10,2) using ("consultation_fee"::numeric(10,2));`);
  }

}
