import { Migration } from '@mikro-orm/migrations';

export class Migration20261207044929 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(`alter table "notification" add constraint "notification_kind_check" check("kind" in ('APPOINTMENT_BOOKED', 'APPOINTMENT_CONFIRMED', 'APPOINTMENT_CANCELLED', 'APPOINTMENT_RESCHEDULED', 'APPOINTMENT_REMINDER', 'WEBHOOK_DISABLED', 'LAB_RESULTS_READY', 'LAB_RESULT_CRITICAL', 'LAB_RESULT_UNATTENDED', 'WAITLIST_OFFER', 'PRESCRIPTION_ISSUED', 'PRESCRIPTION_DISCONTINUED', 'INVOICE_ISSUED', 'PAYMENT_RECEIVED', 'INVOICE_OVERDUE', 'INVOICE_VOIDED', 'REPEAT_REQUESTED', 'REPEAT_DECLINED', 'EMERGENCY_ACCESS'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(`alter table "notification" add constraint "notification_kind_check" check("kind" in ('APPOINTMENT_BOOKED', 'APPOINTMENT_CONFIRMED', 'APPOINTMENT_CANCELLED', 'APPOINTMENT_RESCHEDULED', 'APPOINTMENT_REMINDER', 'WEBHOOK_DISABLED', 'LAB_RESULTS_READY', 'LAB_RESULT_CRITICAL', 'LAB_RESULT_UNATTENDED', 'WAITLIST_OFFER', 'PRESCRIPTION_ISSUED', 'PRESCRIPTION_DISCONTINUED', 'INVOICE_ISSUED', 'PAYMENT_RECEIVED', 'INVOICE_OVERDUE', 'INVOICE_VOIDED', 'REPEAT_REQUESTED', 'REPEAT_DECLINED'));`);
  }

}
