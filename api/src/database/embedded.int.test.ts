import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, startFailure } from './embedded.js';

describe('the embedded PostgreSQL', () => {
  let busy: Server;
  let port: number;
  let directory: string;

  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    port = (busy.address() as AddressInfo).port;
    directory = mkdtempSync(join(tmpdir(), 'hc-embedded-'));
    chmodSync(directory, 0o755); // PostgreSQL may run as another user (see embedded.ts)
  });

  afterAll(async () => {
    await new Promise((resolve) => busy.close(resolve));
    rmSync(directory, { recursive: true, force: true });
  });

  it('says why it did not start on a port already in use, instead of rejecting with nothing', async () => {
    const started = startEmbeddedPostgres({
      directory: join(directory, 'pg'),
      port,
      persistent: false,
      ephemeral: true,
    });
    const error = await started.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(`did not start on 127.0.0.1:${port}`);
    expect((error as Error).message).toMatch(/could not bind IPv4 address "127\.0\.0\.1": Address already in use/);
  });
});

describe('startFailure', () => {
  it("keeps PostgreSQL's FATAL, ERROR and 'could not' lines, one chunk of output split into lines", () => {
    const output = [
      'LOG:  starting PostgreSQL 18\nLOG:  could not bind IPv4 address "127.0.0.1": Address already in use\n',
      'FATAL:  could not create any TCP/IP sockets\nLOG:  database system is shut down\n',
    ];
    expect(startFailure(5432, undefined, output)).toBe(
      'embedded PostgreSQL did not start on 127.0.0.1:5432: LOG:  could not bind IPv4 address "127.0.0.1": Address already in use; FATAL:  could not create any TCP/IP sockets',
    );
  });

  it('gives the last three lines when none says what failed, after the reason it was given', () => {
    expect(startFailure(1, 'exited', ['a\nb\n', 'c\nd'])).toBe(
      'embedded PostgreSQL did not start on 127.0.0.1:1: exited; b; c; d',
    );
  });

  it('names the port alone when PostgreSQL said nothing', () => {
    expect(startFailure(7, undefined, [])).toBe('embedded PostgreSQL did not start on 127.0.0.1:7');
  });
});
