import { Migration } from '@mikro-orm/migrations';

export class Migration20261207020410 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "notification" add column "patient_id" uuid null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "notification" drop column "patient_id";`);
  }

}
