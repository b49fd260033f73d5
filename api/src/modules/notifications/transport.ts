import type * as Nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Settings } from '../../config/settings.js';
import type { Logger } from '../../shared/logger.js';
import type { NotificationKind } from './notification.entity.js';
import type { NoticeKind } from './notice-mail.js';

/** One message on its way out. `kind` and `notificationId` are for logs, never sent. */
export interface OutgoingMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly kind:
    NotificationKind | 'PASSWORD_RESET' | 'PASSWORD_CHANGED' | 'EMAIL_VERIFICATION' | 'EMAIL_CHANGED' | NoticeKind;
  readonly notificationId: string;
}

/** Where notifications go beyond the app: the log by default, SMTP when configured. */
export interface Transport {
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
  close?(): Promise<void> | void;
}

/** "ada.lovelace@example.com" → "a***@example.com": enough to tell addresses apart in a log. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) {
    return '***';
  }
  return `${email[0]}***${email.slice(at)}`;
}

/** Writes one line per message: kind, id and a masked address; no body, no names. */
export class LogTransport implements Transport {
  readonly name = 'log';

  constructor(private readonly logger: Logger) {}

  send(message: OutgoingMessage): Promise<void> {
    this.logger.info(
      { kind: message.kind, notificationId: message.notificationId, to: maskEmail(message.to) },
      'notification sent',
    );
    return Promise.resolve();
  }
}

/**
 * nodemailer, imported when the first e-mail is sent rather than when the API starts: it holds
 * about 5 MB of heap (and its code) for as long as the process runs, and a process without
 * `SMTP_URL` never sends through it.
 */
let loadingNodemailer: Promise<typeof Nodemailer> | undefined;
function loadNodemailer(): Promise<typeof Nodemailer> {
  // A failed import is not kept: the next e-mail tries again.
  return (loadingNodemailer ??= import('nodemailer').catch((failure: unknown) => {
    loadingNodemailer = undefined;
    throw failure;
  }));
}

/**
 * E-mail through nodemailer, from `SMTP_FROM`, over a pool of kept connections (nodemailer's
 * defaults: at most 5 at once, 100 messages each, closed after 4 idle minutes). A connection per
 * message (TCP, the server's greeting, EHLO, STARTTLS, AUTH) cost 2–5 times the CPU of a message on
 * a kept one, measured against the test's SMTP server without TLS. `SMTP_URL`'s own settings win:
 * `?pool=false` sends each message on a connection of its own.
 */
export class SmtpTransport implements Transport {
  readonly name = 'smtp';
  /** Made with the first message (see {@link loadNodemailer}). */
  private mailer: Promise<Transporter> | undefined;

  constructor(
    private readonly smtpUrl: string,
    private readonly from: string,
    private readonly logger: Logger,
  ) {}

  async send(message: OutgoingMessage): Promise<void> {
    const made = (this.mailer ??= loadNodemailer().then((module) =>
      module.default.createTransport({ url: this.smtpUrl, pool: true }),
    ));
    let mailer: Transporter;
    try {
      mailer = await made;
    } catch (failure) {
      // Not kept either: the job is retried, and so is making the transport.
      if (this.mailer === made) {
        this.mailer = undefined;
      }
      throw failure;
    }
    await mailer.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
    this.logger.info(
      { kind: message.kind, notificationId: message.notificationId, to: maskEmail(message.to), transport: 'smtp' },
      'notification sent',
    );
  }

  close(): void {
    void this.mailer?.then(
      (mailer) => mailer.close(),
      () => undefined,
    );
  }
}

/** The one place the transport is chosen: SMTP when `SMTP_URL` is set, the log otherwise. */
export function createTransport(settings: Pick<Settings, 'smtpUrl' | 'smtpFrom'>, logger: Logger): Transport {
  return settings.smtpUrl ? new SmtpTransport(settings.smtpUrl, settings.smtpFrom, logger) : new LogTransport(logger);
}
