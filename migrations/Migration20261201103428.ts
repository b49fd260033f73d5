import { Migration } from '@mikro-orm/migrations';

export class Migration20261201103428 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "password_reset_expires_at_index" on "password_reset" ("expires_at");`);

    this.addSql(`create index "mfa_challenge_expires_at_index" on "mfa_challenge" ("expires_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "mfa_challenge_expires_at_index";`);

    this.addSql(`drop index "password_reset_expires_at_index";`);
  }

}
