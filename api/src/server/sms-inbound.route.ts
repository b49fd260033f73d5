import express, { type RequestHandler } from 'express';
import { AuditEvent } from '../modules/audit/audit-event.entity.js';
import { gatewayAuthToken, replyKeyword, signedByGateway } from '../modules/notifications/sms.js';
import { applyTextReply, textableNumber } from '../modules/patients/phone-confirmation.service.js';
import type { ContextDependencies } from './context.js';

/** The empty TwiML answer: nothing is texted back (the gateway confirms STOP and START itself). */
const NO_REPLY = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * `POST /sms/inbound`: the SMS gateway's webhook for texts sent to the clinic's number (Twilio's
 * inbound message webhook, a form with `From` and `Body`). Only a request the gateway signed with
 * its auth token (`X-Twilio-Signature` over `PUBLIC_URL` + the path and the form) is read; any
 * other is refused (403) before anything is looked up. A reply of STOP (or a synonym) turns the
 * sender's text messages off at once, START turns them on again, each audited for the patient; any
 * other text is not kept — the clinic's number is not a way to reach the clinic, and the gateway's
 * own auto-reply can say so. 404 without a gateway (`SMS_URL` with a token).
 */
export function smsInboundRoute(dependencies: ContextDependencies): RequestHandler[] {
  const { settings, logger } = dependencies;
  const authToken = gatewayAuthToken(settings.smsUrl);
  return [
    express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 100 }),
    async (request, response, next) => {
      try {
        if (!authToken) {
          response.status(404).json({ status: 'not found' });
          return;
        }
        const fields: Record<string, string> = {};
        for (const [name, value] of Object.entries((request.body ?? {}) as Record<string, unknown>)) {
          if (typeof value === 'string') {
            fields[name] = value;
          }
        }
        const url = `${settings.publicUrl}${request.originalUrl}`;
        const signature = request.headers['x-twilio-signature'];
        if (!signedByGateway(authToken, url, fields, typeof signature === 'string' ? signature : undefined)) {
          response.status(403).json({ status: 'forbidden' });
          return;
        }
        const keyword = replyKeyword(fields['Body']);
        const from = textableNumber(fields['From']);
        if (keyword && from) {
          const wanted = keyword === 'START';
          const changed = await dependencies.em.fork().transactional(async (tx) => {
            const patientIds = await applyTextReply(tx, from, wanted);
            for (const patientId of patientIds) {
              tx.create(AuditEvent, {
                action: wanted ? 'SMS_REMINDERS_ON' : 'SMS_REMINDERS_OFF',
                entityType: 'Patient',
                entityId: patientId,
                patientId,
                reason: `Texted ${keyword} to the clinic's number`,
              });
            }
            return patientIds;
          });
          // Who, not the number or the text.
          logger.info({ component: 'sms', keyword, patientIds: changed }, 'text message reply applied');
        }
        response.type('text/xml').send(NO_REPLY);
      } catch (error) {
        next(error);
      }
    },
  ];
}
