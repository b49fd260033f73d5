import { Migration } from '@mikro-orm/migrations';

export class Migration20261207142745 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "payment_recorded_by_client_id_index" on "payment" ("recorded_by_client_id");`);

    this.addSql(`create index "claim_change_changed_by_client_id_index" on "claim_change" ("changed_by_client_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "claim_change_changed_by_client_id_index";`);

    this.addSql(`drop index "payment_recorded_by_client_id_index";`);
  }

}
