import { Migration } from '@mikro-orm/migrations';

export class Migration20261201161500 extends Migration {

  override async up(): Promise<void> {
    // Every change to what a session check reads (the user's row, a session's revocation, the
    // user's patient or doctor profile) notifies the API processes in its own transaction, so they
    // drop the session checks they remember for that user (api/src/modules/identity/session-cache.ts).
    // In the database, not the services: no code path that changes these rows can forget it.
    this.addSql(`create function session_actor_changed() returns trigger language plpgsql as $$
      begin
        if tg_op = 'TRUNCATE' then
          perform pg_notify('session_actor_changed', '*');
        elsif tg_table_name = 'app_user' then
          perform pg_notify('session_actor_changed', (case when tg_op = 'DELETE' then old.id else new.id end)::text);
        else
          if tg_op <> 'INSERT' then
            perform pg_notify('session_actor_changed', old.user_id::text);
          end if;
          if tg_op <> 'DELETE' then
            perform pg_notify('session_actor_changed', new.user_id::text);
          end if;
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger app_user_session_actor after update or delete on "app_user" for each row execute function session_actor_changed();`);
    this.addSql(`create trigger refresh_token_session_actor after update of revoked_at on "refresh_token" for each row when (old.revoked_at is null and new.revoked_at is not null) execute function session_actor_changed();`);
    this.addSql(`create trigger patient_session_actor after insert or delete or update of user_id on "patient" for each row execute function session_actor_changed();`);
    this.addSql(`create trigger doctor_session_actor after insert or delete or update of user_id on "doctor" for each row execute function session_actor_changed();`);
    for (const table of ['app_user', 'refresh_token', 'patient', 'doctor']) {
      this.addSql(`create trigger ${table}_session_actor_truncate after truncate on "${table}" for each statement execute function session_actor_changed();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['app_user', 'refresh_token', 'patient', 'doctor']) {
      this.addSql(`drop trigger if exists ${table}_session_actor_truncate on "${table}";`);
      this.addSql(`drop trigger if exists ${table}_session_actor on "${table}";`);
    }
    this.addSql(`drop function if exists session_actor_changed();`);
  }

}
