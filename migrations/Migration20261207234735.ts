import { Migration } from '@mikro-orm/migrations';

export class Migration20261207234735 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "access_alert" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "rule" text check ("rule" in ('MANY_CHARTS', 'REPEATED_EMERGENCY_ACCESS')) not null, "status" text check ("status" in ('OPEN', 'DISMISSED', 'BREACH')) not null default 'OPEN', "actor_id" uuid not null, "actor_role" text check ("actor_role" in ('PATIENT', 'DOCTOR', 'ADMIN', 'PARTNER')) not null, "actor_name" text not null, "window_start" timestamptz not null, "window_end" timestamptz not null, "patient_count" int not null, "usual_count" int null, "patient_ids" uuid[] not null, "reviewed_at" timestamptz null, "reviewed_by_id" uuid null, "note" text null, "patients_notified" int null, constraint "access_alert_pkey" primary key ("id"));`);
    this.addSql(`create index "access_alert_actor_id_index" on "access_alert" ("actor_id");`);
    this.addSql(`create index "access_alert_reviewed_by_id_index" on "access_alert" ("reviewed_by_id");`);
    this.addSql(`create unique index "access_alert_one_open_per_actor" on "access_alert" ("actor_id", "rule") where "status" = 'OPEN';`);
    this.addSql(`create index "access_alert_status_created_at_index" on "access_alert" ("status", "created_at");`);

    this.addSql(`alter table "access_alert" add constraint "access_alert_reviewed_by_id_foreign" foreign key ("reviewed_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(`alter table "notification" add constraint "notification_kind_check" check("kind" in ('APPOINTMENT_BOOKED', 'APPOINTMENT_CONFIRMED', 'APPOINTMENT_CANCELLED', 'APPOINTMENT_RESCHEDULED', 'APPOINTMENT_REMINDER', 'WEBHOOK_DISABLED', 'LAB_RESULTS_READY', 'LAB_RESULT_CRITICAL', 'LAB_RESULT_UNATTENDED', 'WAITLIST_OFFER', 'PRESCRIPTION_ISSUED', 'PRESCRIPTION_DISCONTINUED', 'INVOICE_ISSUED', 'PAYMENT_RECEIVED', 'INVOICE_OVERDUE', 'INVOICE_VOIDED', 'REPEAT_REQUESTED', 'REPEAT_DECLINED', 'EMERGENCY_ACCESS', 'ERASURE_REQUESTED', 'ERASURE_REFUSED', 'ACCESS_ALERT', 'DATA_BREACH'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "access_alert" cascade;`);

    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(`alter table "notification" add constraint "notification_kind_check" check("kind" in ('APPOINTMENT_BOOKED', 'APPOINTMENT_CONFIRMED', 'APPOINTMENT_CANCELLED', 'APPOINTMENT_RESCHEDULED', 'APPOINTMENT_REMINDER', 'WEBHOOK_DISABLED', 'LAB_RESULTS_READY', 'LAB_RESULT_CRITICAL', 'LAB_RESULT_UNATTENDED', 'WAITLIST_OFFER', 'PRESCRIPTION_ISSUED', 'PRESCRIPTION_DISCONTINUED', 'INVOICE_ISSUED', 'PAYMENT_RECEIVED', 'INVOICE_OVERDUE', 'INVOICE_VOIDED', 'REPEAT_REQUESTED', 'REPEAT_DECLINED', 'EMERGENCY_ACCESS', 'ERASURE_REQUESTED', 'ERASURE_REFUSED'));`);
  }

}
