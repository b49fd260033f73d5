import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { PostGraphileConnectionFilterPreset } from 'postgraphile-plugin-connection-filter';

/**
 * The comparison server of `npm run bench -- compare`: PostGraphile v5 (Amber preset plus the
 * connection-filter plugin, no authorization, no audit) serving the bench's database, as its own
 * process so its CPU and memory are its own. DATABASE_URL and PORT come from the bench.
 */
const port = Number(process.env['PORT']);
const pgl = postgraphile({
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
  pgServices: [
    makePgService({ connectionString: process.env['DATABASE_URL'], schemas: ['public'], poolConfig: { max: 10 } }),
  ],
  grafserv: { graphqlPath: '/graphql', graphiql: false },
  grafast: { explain: false },
  schema: { connectionFilterAllowedOperators: undefined },
});
const serv = pgl.createServ(grafserv);
const server = createServer();
serv.addTo(server).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => console.log(`postgraphile on ${port}`));
process.on('SIGTERM', () => {
  server.close();
  void pgl.release();
});
