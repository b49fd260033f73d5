import { describe, expect, it } from 'vitest';
import { startTestSmtpServer } from '../../../test/smtp.js';
import { createLogger } from '../../shared/logger.js';
import { NotificationKind } from './notification.entity.js';
import { SmtpTransport, type OutgoingMessage } from './transport.js';

const logger = createLogger('silent');

const message = (n: number): OutgoingMessage => ({
  to: `patient-${n}@example.com`,
  subject: 'Your appointment',
  text: 'Your appointment is booked.',
  kind: NotificationKind.APPOINTMENT_BOOKED,
  notificationId: `n-${n}`,
});

describe('SMTP transport', () => {
  it('keeps its connection for the next message, and closes it when the transport closes', async () => {
    const smtp = await startTestSmtpServer();
    const transport = new SmtpTransport(smtp.url, 'clinic@example.com', logger);
    for (let n = 0; n < 5; n += 1) {
      await transport.send(message(n));
    }
    expect(smtp.mails.map((mail) => mail.to)).toEqual([0, 1, 2, 3, 4].map((n) => [`patient-${n}@example.com`]));
    expect(smtp.connections).toEqual({ opened: 1, open: 1 });

    // A booking's e-mails go side by side: they share the pool's connections, opening no more
    // than they need.
    await Promise.all([5, 6, 7].map((n) => transport.send(message(n))));
    expect(smtp.mails).toHaveLength(8);
    expect(smtp.connections.opened).toBeLessThanOrEqual(3);

    transport.close();
    await expect.poll(() => smtp.connections.open, { timeout: 5_000 }).toBe(0);
  });

  it('sends on a new connection once the server closed the kept one', async () => {
    // Mail servers close silent connections (Postfix after 5 minutes); this one after 200 ms.
    const smtp = await startTestSmtpServer(200);
    const transport = new SmtpTransport(smtp.url, 'clinic@example.com', logger);
    await transport.send(message(0));
    await expect.poll(() => smtp.connections.open, { timeout: 5_000 }).toBe(0);
    await transport.send(message(1));
    expect(smtp.mails).toHaveLength(2);
    expect(smtp.connections.opened).toBe(2);
    transport.close();
  });

  it("follows SMTP_URL's own pool=false: a connection per message", async () => {
    const smtp = await startTestSmtpServer();
    const transport = new SmtpTransport(`${smtp.url}?pool=false`, 'clinic@example.com', logger);
    for (let n = 0; n < 3; n += 1) {
      await transport.send(message(n));
    }
    expect(smtp.mails).toHaveLength(3);
    expect(smtp.connections.opened).toBe(3);
    transport.close();
  });
});
