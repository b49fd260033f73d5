import { Migration } from '@mikro-orm/migrations';

export class Migration20261201115201 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "lab_order" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "patient_id" uuid not null, "doctor_id" uuid not null, "appointment_id" uuid null, "status" text check ("status" in ('ORDERED', 'COLLECTED', 'RESULTED', 'CANCELLED')) not null default 'ORDERED', "tests" jsonb not null, "notes" text null, "ordered_at" timestamptz not null, "collected_at" timestamptz null, "resulted_at" timestamptz null, "cancelled_at" timestamptz null, "cancel_reason" text null, "cancelled_by_id" uuid null, constraint "lab_order_pkey" primary key ("id"));`);
    this.addSql(`create index "lab_order_appointment_id_index" on "lab_order" ("appointment_id");`);
    this.addSql(`create index "lab_order_cancelled_by_id_index" on "lab_order" ("cancelled_by_id");`);
    this.addSql(`create index "lab_order_doctor_id_ordered_at_index" on "lab_order" ("doctor_id", "ordered_at");`);
    this.addSql(`create index "lab_order_patient_id_ordered_at_index" on "lab_order" ("patient_id", "ordered_at");`);

    this.addSql(`create table "lab_result" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "order_id" uuid not null, "code" text not null, "name" text not null, "value" text not null, "numeric_value" double precision null, "unit" text null, "reference_low" double precision null, "reference_high" double precision null, "interpretation" text check ("interpretation" in ('NORMAL', 'LOW', 'HIGH', 'CRITICAL_LOW', 'CRITICAL_HIGH', 'ABNORMAL')) null, "resulted_at" timestamptz not null, "version" int not null, "superseded_at" timestamptz null, "recorded_by_user_id" uuid null, "recorded_by_client_id" uuid null, constraint "lab_result_pkey" primary key ("id"));`);
    this.addSql(`alter table "lab_result" add constraint "lab_result_order_id_code_version_unique" unique ("order_id", "code", "version");`);

    this.addSql(`alter table "lab_order" add constraint "lab_order_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "lab_order" add constraint "lab_order_doctor_id_foreign" foreign key ("doctor_id") references "doctor" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "lab_order" add constraint "lab_order_appointment_id_foreign" foreign key ("appointment_id") references "appointment" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "lab_order" add constraint "lab_order_cancelled_by_id_foreign" foreign key ("cancelled_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "lab_result" add constraint "lab_result_order_id_foreign" foreign key ("order_id") references "lab_order" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(`alter table "notification" add column "lab_order_id" uuid null;`);
    this.addSql(`alter table "notification" add constraint "notification_kind_check" check("kind" in ('APPOINTMENT_BOOKED', 'APPOINTMENT_CONFIRMED', 'APPOINTMENT_CANCELLED', 'APPOINTMENT_RESCHEDULED', 'APPOINTMENT_REMINDER', 'LAB_RESULTS_READY', 'LAB_RESULT_CRITICAL'));`);

    this.addSql(`alter table "attachment" drop constraint attachment_one_owner_check;`);

    this.addSql(`alter table "attachment" add column "lab_order_id" uuid null;`);
    this.addSql(`alter table "attachment" add constraint "attachment_lab_order_id_foreign" foreign key ("lab_order_id") references "lab_order" ("id") on update cascade on delete restrict;`);
    this.addSql(`create index "attachment_lab_order_id_created_at_index" on "attachment" ("lab_order_id", "created_at");`);
    this.addSql(`alter table "attachment" add constraint attachment_one_owner_check check(num_nonnulls(medical_record_id, lab_order_id, message_thread_id) = 1 and (message_id is null or message_thread_id is not null));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "lab_result" drop constraint "lab_result_order_id_foreign";`);

    this.addSql(`alter table "attachment" drop constraint "attachment_lab_order_id_foreign";`);

    this.addSql(`drop table if exists "lab_order" cascade;`);

    this.addSql(`drop table if exists "lab_result" cascade;`);

    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(`drop index "attachment_lab_order_id_created_at_index";`);
    this.addSql(`alter table "attachment" drop constraint attachment_one_owner_check;`);
    this.addSql(`alter table "attachment" drop column "lab_order_id";`);

    this.addSql(`alter table "attachment" add constraint attachment_one_owner_check check((num_nonnulls(medical_record_id, message_thread_id) = 1) AND ((message_id IS NULL) OR (message_thread_id IS NOT NULL)));`);

    this.addSql(`alter table "notification" drop column "lab_order_id";`);

    this.addSql(`alter table "notification" add constraint "notification_kind_check" check("kind" in ('APPOINTMENT_BOOKED', 'APPOINTMENT_CONFIRMED', 'APPOINTMENT_CANCELLED', 'APPOINTMENT_RESCHEDULED', 'APPOINTMENT_REMINDER'));`);
  }

}
