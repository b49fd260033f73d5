import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Settings } from '../../config/settings.js';
import type { Logger } from '../../shared/logger.js';

/** One text message on its way out. `kind` and `ref` are for logs, never sent. */
export interface OutgoingSms {
  /** E.164, e.g. +4915112345678. */
  readonly to: string;
  readonly text: string;
  readonly kind: 'PHONE_CODE' | 'APPOINTMENT_REMINDER' | 'APPOINTMENT_CHANGE';
  /** The verification or appointment it is about (an id, for logs). */
  readonly ref: string;
}

/** Where text messages go: the log by default, an SMS gateway when configured. */
export interface SmsSender {
  readonly name: string;
  send(message: OutgoingSms): Promise<void>;
}

/** "+4915112345678" → "+49*******5678": enough to tell numbers apart in a log. */
export function maskPhone(phone: string): string {
  return phone.length <= 6 ? '***' : `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/**
 * Writes one line per message: kind, reference and a masked number; never the text. In development
 * (`revealCodes`), a phone confirmation's code too, so the flow can be tried without a gateway —
 * only the code, never a reminder's text, and never in production.
 */
export class LogSms implements SmsSender {
  readonly name = 'log';

  constructor(
    private readonly logger: Logger,
    private readonly revealCodes = false,
  ) {}

  send(message: OutgoingSms): Promise<void> {
    const code = this.revealCodes && message.kind === 'PHONE_CODE' ? /\b(\d{6})\b/.exec(message.text)?.[1] : undefined;
    this.logger.info(
      { kind: message.kind, ref: message.ref, to: maskPhone(message.to), ...(code ? { code } : {}) },
      code ? 'text message not sent (no SMS_URL): the code is in this line' : 'text message sent',
    );
    return Promise.resolve();
  }
}

/** A gateway's refusal: its HTTP status only (its body may echo the number or the text). */
export class SmsGatewayError extends Error {
  constructor(readonly status: number) {
    super(`The SMS gateway answered HTTP ${status}.`);
    this.name = 'SmsGatewayError';
  }
}

/**
 * The recipient told their carrier to stop texts from this sender (replied STOP): the gateway will
 * refuse every text to them, so retrying is pointless and the patient's texts are turned off.
 */
export class SmsRecipientOptedOut extends Error {
  constructor() {
    super('The recipient has opted out of text messages from this sender.');
    this.name = 'SmsRecipientOptedOut';
  }
}

/** Twilio's error for a recipient who replied STOP ("Attempt to send to unsubscribed recipient"). */
const TWILIO_UNSUBSCRIBED = 21610;

const GATEWAY_TIMEOUT_MS = 10_000;

/**
 * Twilio's Messages API (`POST …/Messages.json`, a form with `To`, `From` and `Body`, HTTP Basic
 * with the account and token), which other gateways speak too. The credentials come from the
 * URL's user and password and are sent as the Authorization header, never in the URL.
 */
export class GatewaySms implements SmsSender {
  readonly name = 'gateway';
  private readonly endpoint: string;
  private readonly authorization: string | undefined;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    const parsed = new URL(url);
    this.authorization = parsed.username
      ? `Basic ${Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString('base64')}`
      : undefined;
    parsed.username = '';
    parsed.password = '';
    this.endpoint = parsed.toString();
  }

  async send(message: OutgoingSms): Promise<void> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(this.authorization ? { authorization: this.authorization } : {}),
      },
      body: new URLSearchParams({ To: message.to, From: this.from, Body: message.text }),
      signal: AbortSignal.timeout(GATEWAY_TIMEOUT_MS),
      redirect: 'error',
    });
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    // Only the error's code is read: the rest of the answer may echo the number or the text.
    const answer = (await response.json().catch(() => undefined)) as { code?: unknown } | undefined;
    if (answer?.code === TWILIO_UNSUBSCRIBED) {
      throw new SmsRecipientOptedOut();
    }
    throw new SmsGatewayError(response.status);
  }
}

/** The gateway's auth token (the password of `SMS_URL`), which signs what the gateway posts to us. */
export function gatewayAuthToken(smsUrl: string | undefined): string | undefined {
  const password = smsUrl ? new URL(smsUrl).password : '';
  return password ? decodeURIComponent(password) : undefined;
}

/**
 * Twilio's signature of a request it sends (`X-Twilio-Signature`): base64 HMAC-SHA1 under the auth
 * token of the URL it called followed by the form's fields sorted by name, each name then value.
 */
export function twilioSignature(authToken: string, url: string, fields: Readonly<Record<string, string>>): string {
  const signed =
    url +
    Object.keys(fields)
      .sort()
      .map((name) => `${name}${fields[name]}`)
      .join('');
  return createHmac('sha1', authToken).update(signed, 'utf8').digest('base64');
}

/** Whether `given` is the signature of the request: compared in constant time. */
export function signedByGateway(
  authToken: string,
  url: string,
  fields: Readonly<Record<string, string>>,
  given: string | undefined,
): boolean {
  const expected = Buffer.from(twilioSignature(authToken, url, fields));
  const actual = Buffer.from(given ?? '');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The words that turn a number's texts off, and on again, as carriers and Twilio read them (the whole reply). */
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE']);
const OPT_IN = new Set(['START', 'YES', 'UNSTOP', 'OPTIN']);

/** What a reply asks: texts off (STOP and its synonyms), on again (START…), or nothing we act on. */
export function replyKeyword(body: string | undefined): 'STOP' | 'START' | undefined {
  const word = (body ?? '')
    .trim()
    .replace(/[.!]+$/, '')
    .toUpperCase();
  return OPT_OUT.has(word) ? 'STOP' : OPT_IN.has(word) ? 'START' : undefined;
}

/** The gateway when `SMS_URL` is set, else the log. */
export function createSmsSender(settings: Pick<Settings, 'smsUrl' | 'smsFrom' | 'env'>, logger: Logger): SmsSender {
  return settings.smsUrl
    ? new GatewaySms(settings.smsUrl, settings.smsFrom)
    : new LogSms(logger, settings.env === 'development');
}
