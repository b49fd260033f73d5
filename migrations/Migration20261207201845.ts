import { Migration } from '@mikro-orm/migrations';

export class Migration20261207201845 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "erasure_request" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "patient_id" uuid not null, "status" text check ("status" in ('REQUESTED', 'CARRIED_OUT', 'REFUSED', 'WITHDRAWN')) not null default 'REQUESTED', "reason" text null, "due_at" timestamptz not null, "decided_at" timestamptz null, "decided_by_id" uuid null, "answer" text null, "outcome" jsonb null, constraint "erasure_request_pkey" primary key ("id"));`);
    this.addSql(`create index "erasure_request_patient_id_index" on "erasure_request" ("patient_id");`);
    this.addSql(`create index "erasure_request_decided_by_id_index" on "erasure_request" ("decided_by_id");`);
    this.addSql(`create unique index "erasure_request_one_open_per_patient" on "erasure_request" ("patient_id") where "status" = 'REQUESTED';`);
    this.addSql(`create index "erasure_request_status_created_at_index" on "erasure_request" ("status", "created_at");`);

    this.addSql(`alter table "erasure_request" add constraint "erasure_request_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "erasure_request" add constraint "erasure_request_decided_by_id_foreign" foreign key ("decided_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(`alter table "notification" add constraint "notification_kind_check" check("kind" in ('APPOINTMENT_BOOKED', 'APPOINTMENT_CONFIRMED', 'APPOINTMENT_CANCELLED', 'APPOINTMENT_RESCHEDULED', 'APPOINTMENT_REMINDER', 'WEBHOOK_DISABLED', 'LAB_RESULTS_READY', 'LAB_RESULT_CRITICAL', 'LAB_RESULT_UNATTENDED', 'WAITLIST_OFFER', 'PRESCRIPTION_ISSUED', 'PRESCRIPTION_DISCONTINUED', 'INVOICE_ISSUED', 'PAYMENT_RECEIVED', 'INVOICE_OVERDUE', 'INVOICE_VOIDED', 'REPEAT_REQUESTED', 'REPEAT_DECLINED', 'EMERGENCY_ACCESS', 'ERASURE_REQUESTED', 'ERASURE_REFUSED'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "erasure_request" cascade;`);

    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(`alter table "notification" add constraint "notification_kind_check" check("kind" in ('APPOINTMENT_BOOKED', 'APPOINTMENT_CONFIRMED', 'APPOINTMENT_CANCELLED', 'APPOINTMENT_RESCHEDULED', 'APPOINTMENT_REMINDER', 'WEBHOOK_DISABLED', 'LAB_RESULTS_READY', 'LAB_RESULT_CRITICAL', 'LAB_RESULT_UNATTENDED', 'WAITLIST_OFFER', 'PRESCRIPTION_ISSUED', 'PRESCRIPTION_DISCONTINUED', 'INVOICE_ISSUED', 'PAYMENT_RECEIVED', 'INVOICE_OVERDUE', 'INVOICE_VOIDED', 'REPEAT_REQUESTED', 'REPEAT_DECLINED', 'EMERGENCY_ACCESS'));`);
  }

}
