import { Migration } from '@mikro-orm/migrations';

export class Migration20261206225540 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "repeat_request" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "prescription_id" uuid not null, "patient_id" uuid not null, "doctor_id" uuid not null, "status" text check ("status" in ('REQUESTED', 'ISSUED', 'DECLINED')) not null default 'REQUESTED', "note" text null, "decided_at" timestamptz null, "decided_by_id" uuid null, "decline_reason" text null, "issued_prescription_id" uuid null, constraint "repeat_request_pkey" primary key ("id"));`);
    this.addSql(`create index "repeat_request_patient_id_index" on "repeat_request" ("patient_id");`);
    this.addSql(`create index "repeat_request_decided_by_id_index" on "repeat_request" ("decided_by_id");`);
    this.addSql(`create index "repeat_request_issued_prescription_id_index" on "repeat_request" ("issued_prescription_id");`);
    this.addSql(`create unique index "repeat_request_one_open_per_prescription" on "repeat_request" ("prescription_id") where "status" = 'REQUESTED';`);
    this.addSql(`create index "repeat_request_prescription_id_created_at_index" on "repeat_request" ("prescription_id", "created_at");`);
    this.addSql(`create index "repeat_request_doctor_id_status_created_at_index" on "repeat_request" ("doctor_id", "status", "created_at");`);

    this.addSql(`alter table "repeat_request" add constraint "repeat_request_prescription_id_foreign" foreign key ("prescription_id") references "prescription" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "repeat_request" add constraint "repeat_request_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "repeat_request" add constraint "repeat_request_doctor_id_foreign" foreign key ("doctor_id") references "doctor" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "repeat_request" add constraint "repeat_request_decided_by_id_foreign" foreign key ("decided_by_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "repeat_request" add constraint "repeat_request_issued_prescription_id_foreign" foreign key ("issued_prescription_id") references "prescription" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(`alter table "notification" add constraint "notification_kind_check" check("kind" in ('APPOINTMENT_BOOKED', 'APPOINTMENT_CONFIRMED', 'APPOINTMENT_CANCELLED', 'APPOINTMENT_RESCHEDULED', 'APPOINTMENT_REMINDER', 'WEBHOOK_DISABLED', 'LAB_RESULTS_READY', 'LAB_RESULT_CRITICAL', 'WAITLIST_OFFER', 'PRESCRIPTION_ISSUED', 'PRESCRIPTION_DISCONTINUED', 'INVOICE_ISSUED', 'PAYMENT_RECEIVED', 'INVOICE_OVERDUE', 'INVOICE_VOIDED', 'REPEAT_REQUESTED', 'REPEAT_DECLINED'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "repeat_request" cascade;`);

    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(`alter table "notification" add constraint "notification_kind_check" check("kind" in ('APPOINTMENT_BOOKED', 'APPOINTMENT_CONFIRMED', 'APPOINTMENT_CANCELLED', 'APPOINTMENT_RESCHEDULED', 'APPOINTMENT_REMINDER', 'WEBHOOK_DISABLED', 'LAB_RESULTS_READY', 'LAB_RESULT_CRITICAL', 'WAITLIST_OFFER', 'PRESCRIPTION_ISSUED', 'PRESCRIPTION_DISCONTINUED', 'INVOICE_ISSUED', 'PAYMENT_RECEIVED', 'INVOICE_OVERDUE', 'INVOICE_VOIDED'));`);
  }

}
