import { Migration } from '@mikro-orm/migrations';

/**
 * A webhook keeps what had committed when it started listening (`listening_since`, PostgreSQL's
 * snapshot then), so a change's fan-out job that runs after a registration or a reactivation does
 * not send that webhook an event of a change that committed before it. Existing webhooks keep an
 * empty value (sent everything, as before): the default is set after the column is added, so
 * PostgreSQL does not fill existing rows with the migration's own snapshot, which would drop the
 * events of changes whose fan-out jobs are still waiting to run.
 */
export class Migration20261205195712 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "webhook" add column "listening_since" pg_snapshot null;`);
    this.addSql(`alter table "webhook" alter column "listening_since" set default pg_current_snapshot();`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook" drop column "listening_since";`);
  }

}
