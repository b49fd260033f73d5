import { Migration } from '@mikro-orm/migrations';

export class Migration20261207200951 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "patient_confirmed_phone_digits" on "patient" (regexp_replace(phone_confirmed_number, '[\\s\\-.()/]', '', 'g')) where "phone_confirmed_number" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "patient_confirmed_phone_digits";`);
  }

}
