import { Migration } from '@mikro-orm/migrations';

// Patient search matches email addresses anywhere, so they get a trigram index too.
export class Migration20261123070227 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "app_user_email_trgm" on "app_user" using gin ("email" gin_trgm_ops);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "app_user_email_trgm";`);
  }

}
