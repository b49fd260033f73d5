import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database.js';
import { REPO_ROOT } from '../config/settings.js';

const MAIN = join(REPO_ROOT, 'api', 'dist', 'api', 'src', 'main.js');

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: Record<string, unknown> }[];
}

/** A real OTLP/HTTP receiver: keeps every span posted to /v1/traces (JSON encoding). */
async function startReceiver(): Promise<{ url: string; spans: OtlpSpan[]; bodies: string[]; server: Server }> {
  const spans: OtlpSpan[] = [];
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/v1/traces') {
        bodies.push(body);
        const parsed = JSON.parse(body) as {
          resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
        };
        for (const resource of parsed.resourceSpans) {
          for (const scope of resource.scopeSpans) {
            spans.push(...scope.spans);
          }
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } else {
        response.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, spans, bodies, server };
}

const traceId = randomBytes(16).toString('hex');
const parentSpanId = randomBytes(8).toString('hex');
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let api: ChildProcess;
let apiUrl: string;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
  const database = await createTestDatabase();
  api = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'test',
      PORT: '0',
      DATABASE_URL: database.url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'hc-trace-')),
      JWT_SECRET: 'tracing-test-secret-of-enough-length-0123456789',
      SEED_DEMO: 'false',
      BCRYPT_COST: '4',
      LOG_LEVEL: 'info',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffered = '';
  apiUrl = await new Promise<string>((resolve, reject) => {
    api.once('exit', (code) => reject(new Error(`the API exited with ${code}`)));
    api.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logLines.push(entry);
        if (typeof entry['port'] === 'number' && String(entry['msg']).startsWith('serving')) {
          resolve(`http://127.0.0.1:${entry['port']}`);
        }
      }
    });
  });
});

afterAll(async () => {
  if (api.exitCode === null) {
    api.kill('SIGKILL');
  }
  await new Promise((resolve) => receiver.server.close(resolve));
});

describe('OpenTelemetry tracing with a collector named', () => {
  it('continues the caller’s W3C trace through HTTP, Express, GraphQL and pg spans, exported over OTLP', async () => {
    const response = await fetch(`${apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${parentSpanId}-01` },
      body: JSON.stringify({
        query:
          'mutation SignIn($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
        variables: { email: 'nobody-traced@example.com', password: 'Secret-Trace-Password-7' },
      }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    // SIGTERM: the API drains, then flushes its last spans before exiting.
    const exited = new Promise<number | null>((resolve) => api.once('exit', resolve));
    api.kill('SIGTERM');
    expect(await exited).toBe(0);

    const ours = receiver.spans.filter((span) => span.traceId === traceId);
    const server = ours.find((span) => span.kind === 2 && span.parentSpanId === parentSpanId);
    expect(server, JSON.stringify(ours.map((span) => span.name))).toBeDefined();
    const names = ours.map((span) => span.name);
    expect(names.some((name) => /^(POST|post)/.test(name))).toBe(true);
    expect(names.some((name) => /middleware|router|request handler/i.test(name))).toBe(true);
    expect(names.some((name) => /mutation SignIn|graphql/i.test(name))).toBe(true);
    const database = ours.filter((span) =>
      span.attributes?.some((attribute) => attribute.key === 'db.system' || attribute.key === 'db.system.name'),
    );
    expect(database.length).toBeGreaterThan(0);
    // Statements by shape only; never values: not the password, not the e-mail address.
    const statements = database.flatMap((span) =>
      (span.attributes ?? []).filter((a) => a.key === 'db.query.text').map((a) => String(a.value['stringValue'])),
    );
    expect(statements.some((text) => text.includes('login_failure') && text.includes('values (?'))).toBe(true);
    expect(receiver.bodies.join('')).not.toContain('Secret-Trace-Password-7');
    expect(receiver.bodies.join('')).not.toContain('nobody-traced@example.com');
    // Error messages stay out of spans too (a driver's message can quote values).
    expect(receiver.bodies.join('')).not.toContain('The email or password is incorrect');
    expect(receiver.bodies.join('')).toContain('"exception.type"');
  });

  it('puts the trace id in the request’s log lines', () => {
    const operation = logLines.find((line) => line['msg'] === 'graphql operation' && line['operation'] === 'SignIn');
    expect(operation).toMatchObject({ traceId, outcome: 'UNAUTHENTICATED' });
    const request = logLines.find((line) => line['msg'] === 'request' && line['path'] === '/graphql');
    expect(request).toMatchObject({ traceId });
    expect(logLines.find((line) => String(line['msg']).startsWith('serving'))).toMatchObject({
      node: expect.stringMatching(/^v24\./) as unknown,
    });
  });
});
