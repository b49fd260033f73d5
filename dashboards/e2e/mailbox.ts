import { SMTPServer } from 'smtp-server';

/** One message as the server received it. */
export interface ReceivedMail {
  readonly to: readonly string[];
  readonly subject: string;
  /** The text body, quoted-printable soft breaks and escapes undone. */
  readonly text: string;
}

/** A local SMTP server that keeps what the product sends (`SMTP_URL` = `url`), for a spec to read. */
export interface Mailbox {
  readonly url: string;
  readonly mails: readonly ReceivedMail[];
  /** The mails to `address` so far, waiting until there are at least `count` (15 s at most). */
  waitFor(address: string, count?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

function parse(raw: string, to: string[]): ReceivedMail {
  const [head = '', ...body] = raw.split(/\r?\n\r?\n/);
  const subject = /^Subject: (.*)$/im.exec(head)?.[1]?.trim() ?? '';
  const text = body
    .join('\n\n')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return { to, subject, text };
}

export async function startMailbox(): Promise<Mailbox> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
        mails.push(parse(Buffer.concat(chunks).toString('utf8'), to));
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port));
  });
  const to = (address: string) => mails.filter((mail) => mail.to.includes(address.toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(address, count = 1) {
      for (let waited = 0; to(address).length < count; waited += 100) {
        if (waited > 15_000) {
          throw new Error(`${to(address).length} of ${count} mails to ${address} arrived`);
        }
        await new Promise((done) => setTimeout(done, 100));
      }
      return to(address);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The token of the confirmation link in a mail (`…/verify-email#token=…`). */
export function verificationToken(mail: ReceivedMail): string {
  const token = /\/verify-email#token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  if (!token) {
    throw new Error(`no confirmation link in "${mail.subject}"`);
  }
  return token;
}
