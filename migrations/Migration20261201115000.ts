import { Migration } from '@mikro-orm/migrations';

export class Migration20261201115000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "appointment_event" ("seq" bigserial primary key, "change_id" uuid not null, "appointment_id" uuid not null, "kind" text not null, "at" timestamptz not null);`);
    this.addSql(`alter table "appointment_event" add constraint "appointment_event_change_id_unique" unique ("change_id");`);
    this.addSql(`create index "appointment_event_appointment_id_index" on "appointment_event" ("appointment_id");`);
    this.addSql(`create index "appointment_event_at_index" on "appointment_event" ("at");`);

    this.addSql(`alter table "appointment_event" add constraint "appointment_event_change_id_foreign" foreign key ("change_id") references "appointment_change" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "appointment_event" add constraint "appointment_event_appointment_id_foreign" foreign key ("appointment_id") references "appointment" ("id") on update cascade on delete cascade;`);

    // Commit order: a change's event is numbered by a deferred trigger as its transaction commits,
    // one committing transaction at a time (a transaction-level advisory lock, held until the
    // commit is visible to others). So numbers follow commit order and no reader can see a number
    // while a smaller one is still to come: readers page by "seq > cursor" and never skip one.
    this.addSql(`create function appointment_event_at_commit() returns trigger language plpgsql as $$
      begin
        perform pg_advisory_xact_lock(hashtext('healthcare'), hashtext('appointment_event'));
        insert into appointment_event (change_id, appointment_id, kind, at) values (new.id, new.appointment_id, new.kind, clock_timestamp());
        return null;
      end $$;`);
    this.addSql(`create constraint trigger appointment_change_event after insert on "appointment_change" deferrable initially deferred for each row execute function appointment_event_at_commit();`);
    // The last week's changes become the start of the stream.
    this.addSql(`insert into appointment_event (change_id, appointment_id, kind, at) select id, appointment_id, kind, created_at from appointment_change where created_at > now() - interval '7 days' order by created_at, id;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists appointment_change_event on "appointment_change";`);
    this.addSql(`drop function if exists appointment_event_at_commit();`);
    this.addSql(`drop table if exists "appointment_event" cascade;`);
  }

}
