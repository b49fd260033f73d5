import { Migration } from '@mikro-orm/migrations';

export class Migration20261206232258 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "repeat_request" drop constraint if exists "repeat_request_status_check";`);

    this.addSql(`alter table "repeat_request" add constraint "repeat_request_status_check" check("status" in ('REQUESTED', 'ISSUED', 'DECLINED', 'WITHDRAWN'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "repeat_request" drop constraint if exists "repeat_request_status_check";`);

    this.addSql(`alter table "repeat_request" add constraint "repeat_request_status_check" check("status" in ('REQUESTED', 'ISSUED', 'DECLINED'));`);
  }

}
