import { Migration } from '@mikro-orm/migrations';

export class Migration20261201135657 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "attachment_unsent_uploaded_index" on "attachment" ("uploaded_at") where "message_thread_id" is not null and "message_id" is null;`);
    this.addSql(`create index "attachment_pending_expiry_index" on "attachment" ("upload_expires_at") where "status" = 'PENDING';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "attachment_unsent_uploaded_index";`);
    this.addSql(`drop index "attachment_pending_expiry_index";`);
  }

}
