import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll } from 'vitest';

/** s3rver's fixed development credentials: it checks request signatures against them. */
const ACCESS_KEY = 'S3RVER';

/**
 * A real S3-compatible server (s3rver) on loopback with one empty bucket, stopped after the file,
 * and the settings that point the API at it.
 */
export async function startS3Server(bucket = 'attachments'): Promise<Record<string, string>> {
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: mkdtempSync(join(tmpdir(), 'hc-s3-')),
    resetOnClose: true,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  afterAll(() => server.close());
  return {
    S3_BUCKET: bucket,
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: ACCESS_KEY,
    S3_SECRET_ACCESS_KEY: ACCESS_KEY,
  };
}
