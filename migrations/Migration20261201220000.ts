import { Migration } from '@mikro-orm/migrations';

/**
 * Events numbered by their transaction instead of one commit at a time. Until now a deferred
 * trigger took one advisory lock per commit so that `seq` followed commit order: every
 * transaction that wrote an event waited for the previous one's commit (its WAL flush included).
 * Now an event is placed by `(xid, seq)` — its transaction's id (`pg_current_xact_id()`), then the
 * order within the transaction — and nothing is locked. Readers take only events whose
 * transaction is older than their snapshot's xmin (`pg_snapshot_xmin(pg_current_snapshot())`):
 * every such transaction has ended, so no event can later appear before a position already
 * handed out (a transaction with a smaller id still running holds the stream at its place until
 * it ends). The events already stored keep their commit order as `(0, seq)`, before every new one,
 * so a cursor given out before this migration (`ae1:<seq>`) still resumes exactly after its event.
 */
export class Migration20261201220000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "appointment_event" add column "xid" xid8 not null default '0';`);
    this.addSql(`alter table "appointment_event" alter column "xid" set default pg_current_xact_id();`);
    this.addSql(`create index "appointment_event_xid_seq_index" on "appointment_event" ("xid", "seq");`);
    // Still at the commit (so `at` is the commit's time), but without the lock.
    this.addSql(`create or replace function appointment_event_at_commit() returns trigger language plpgsql as $$
      begin
        insert into appointment_event (change_id, appointment_id, kind, at) values (new.id, new.appointment_id, new.kind, clock_timestamp());
        return null;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`create or replace function appointment_event_at_commit() returns trigger language plpgsql as $$
      begin
        perform pg_advisory_xact_lock(hashtext('healthcare'), hashtext('appointment_event'));
        insert into appointment_event (change_id, appointment_id, kind, at) values (new.id, new.appointment_id, new.kind, clock_timestamp());
        return null;
      end $$;`);
    this.addSql(`drop index "appointment_event_xid_seq_index";`);
    this.addSql(`alter table "appointment_event" drop column "xid";`);
  }

}
