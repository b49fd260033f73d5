import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { gatewayAuthToken, LogSms, maskPhone, replyKeyword, signedByGateway, twilioSignature } from './sms.js';

describe('the SMS gateway’s signature', () => {
  // The worked example of Twilio's webhook security documentation (auth token "12345").
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const fields = {
    CallSid: 'CA1234567890ABCDE',
    Caller: '+14158675310',
    Digits: '1234',
    From: '+14158675310',
    To: '+18005551212',
  };

  it('is Twilio’s documented signature, and nothing else passes', () => {
    expect(twilioSignature('12345', url, fields)).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
    expect(signedByGateway('12345', url, fields, 'GvWf1cFY/Q7PnoempGyD5oXAezc=')).toBe(true);
    expect(signedByGateway('12345', url, { ...fields, Digits: '9999' }, 'GvWf1cFY/Q7PnoempGyD5oXAezc=')).toBe(false);
    expect(signedByGateway('12345', url.replace('https', 'http'), fields, 'GvWf1cFY/Q7PnoempGyD5oXAezc=')).toBe(false);
    expect(signedByGateway('54321', url, fields, 'GvWf1cFY/Q7PnoempGyD5oXAezc=')).toBe(false);
    expect(signedByGateway('12345', url, fields, undefined)).toBe(false);
    expect(signedByGateway('12345', url, fields, 'short')).toBe(false);
  });

  it('is keyed by the password of SMS_URL, when there is one', () => {
    expect(gatewayAuthToken('https://AC42:s%40cret@api.twilio.com/2010-04-01/Accounts/AC42/Messages.json')).toBe(
      's@cret',
    );
    expect(gatewayAuthToken('https://sms.example/send')).toBeUndefined();
    expect(gatewayAuthToken(undefined)).toBeUndefined();
  });
});

describe('replies to the clinic’s number', () => {
  it('reads STOP and its synonyms as off, START and its synonyms as on, anything else as nothing', () => {
    for (const body of ['STOP', 'stop', ' Stop. ', 'UNSUBSCRIBE', 'cancel', 'End', 'quit', 'STOPALL', 'optout']) {
      expect(replyKeyword(body), body).toBe('STOP');
    }
    for (const body of ['START', 'start', 'Yes', 'UNSTOP', 'optin!']) {
      expect(replyKeyword(body), body).toBe('START');
    }
    for (const body of ['Please stop texting me on Tuesdays', 'HELP', '', undefined, 'stop stop']) {
      expect(replyKeyword(body), String(body)).toBeUndefined();
    }
  });

  it('keeps numbers out of logs but tells them apart', () => {
    expect(maskPhone('+4915112345678')).toBe('+49*******5678');
  });
});

describe('texts without a gateway', () => {
  const texts = [
    {
      to: '+4915112345678',
      text: '482913 is your code to receive appointment reminders',
      kind: 'PHONE_CODE',
      ref: 'c1',
    },
    {
      to: '+4915112345678',
      text: 'Reminder: your appointment is tomorrow at 09:30',
      kind: 'APPOINTMENT_REMINDER',
      ref: 'a1',
    },
  ] as const;
  const logged = async (revealCodes: boolean) => {
    const lines: string[] = [];
    const sms = new LogSms(pino({ level: 'info' }, { write: (line: string) => lines.push(line) }), revealCodes);
    for (const text of texts) {
      await sms.send(text);
    }
    return lines;
  };

  it('logs a phone code in development only, so the flow can be tried there, and never a text or a number', async () => {
    const [code, reminder] = await logged(true);
    expect(JSON.parse(code!)).toMatchObject({ kind: 'PHONE_CODE', code: '482913', to: '+49*******5678' });
    expect(reminder).not.toContain('09:30');
    for (const line of await logged(false)) {
      expect(line).not.toContain('482913');
      expect(line).not.toContain('15112345678');
      expect(line).not.toContain('Reminder');
    }
  });
});
