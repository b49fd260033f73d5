import { SMTPServer } from 'smtp-server';
import { afterAll } from 'vitest';

export interface CapturedMail {
  readonly to: string[];
  readonly raw: string;
}

export interface TestSmtpServer {
  readonly url: string;
  readonly mails: CapturedMail[];
  /** Connections clients have opened so far, and how many of them are still open. */
  readonly connections: { opened: number; open: number };
  /** Resolves with the first mail (from now on, or already captured) that `match` accepts. */
  waitFor(match: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
}

/** A real SMTP server on a random local port that keeps every message; closed after the file. */
export async function startTestSmtpServer(
  /** How long a connection may stay silent before the server closes it (smtp-server's default: a minute). */
  idleTimeoutMs?: number,
): Promise<TestSmtpServer> {
  const mails: CapturedMail[] = [];
  const connections = { opened: 0, open: 0 };
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    ...(idleTimeoutMs === undefined ? {} : { socketTimeout: idleTimeoutMs }),
    onConnect(session, callback) {
      connections.opened += 1;
      connections.open += 1;
      callback();
    },
    onClose() {
      connections.open -= 1;
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        for (const wake of waiters) {
          wake();
        }
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    connections,
    waitFor(match, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = mails.find(match);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('no matching mail arrived'));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/** The text body of a captured mail, with quoted-printable soft breaks undone. */
export function mailText(mail: CapturedMail): string {
  const body = mail.raw
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n\n');
  return body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
