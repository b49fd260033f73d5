import { createServer } from 'node:http';
import pg from 'pg';
import { bearerToken, verifyAccessToken } from '../src/modules/identity/tokens.js';

/**
 * The baseline of `npm run bench -- compare` for the simple authorized read: plain Node http and
 * `pg`, the bearer token verified as the API verifies it, one prepared statement, JSON out.
 */
const secret = process.env['JWT_SECRET'] ?? '';
const pool = new pg.Pool({ connectionString: process.env['DATABASE_URL'], max: 10 });
pool.on('error', () => undefined);

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    void (async () => {
      try {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const token = bearerToken(request.headers.authorization);
        if (!token) {
          reply(200, { data: { __typename: 'Query' } });
          return;
        }
        const { userId, sessionId } = verifyAccessToken(secret, token);
        // The API's session check (active, not revoked) and the user's fields in one statement.
        const { rows } = await pool.query<{
          id: string;
          email: string;
          role: string;
          active: boolean;
          revoked: boolean;
        }>({
          name: 'me',
          text: `select u.id, u.email, u.role, u.active,
                   exists (select 1 from refresh_token t where t.family_id = $2 and t.revoked_at is not null) as revoked
                 from app_user u where u.id = $1`,
          values: [userId, sessionId],
        });
        const row = rows[0];
        if (!row || !row.active || row.revoked) {
          reply(200, { errors: [{ message: 'This session is no longer valid; sign in again.' }] });
          return;
        }
        reply(200, { data: { me: { id: row.id, email: row.email, role: row.role, active: row.active } } });
      } catch (error) {
        reply(200, { errors: [{ message: String(error) }] });
      }
    })();
  });
});
server.listen(Number(process.env['PORT']), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  void pool.end();
});
