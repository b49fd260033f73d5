import type { Request, RequestHandler, Response } from 'express';
import { createContext, requestIdFrom, type ContextDependencies } from '../../server/context.js';
import { describeFailure } from '../../server/errors.js';
import { AppError, notFound, type ErrorCode } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { chartRead } from '../identity/access-control.js';
import { Patient } from '../patients/patient.entity.js';
import { PrescriptionItem } from './prescription-item.entity.js';
import { renderPrescriptionPdf, type PrescriptionDocument } from './prescription-pdf.js';
import { Prescription } from './prescription.entity.js';

export const CLINIC_NAME = 'Healthcare Platform Clinic';

/** `<uuid>.pdf`, nothing else. */
const FILE_NAME = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.pdf$/i;

const STATUS_OF: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  QUERY_TOO_COMPLEX: 400,
  INTERNAL_SERVER_ERROR: 500,
};

/** The same error body GraphQL answers with, so clients handle both alike. */
function sendError(response: Response, code: ErrorCode, message: string): void {
  if (code === 'UNAUTHENTICATED') {
    response.setHeader('WWW-Authenticate', 'Bearer');
  }
  response.setHeader('Cache-Control', 'no-store');
  response.status(STATUS_OF[code]).json({ errors: [{ message, extensions: { code } }] });
}

function requestIdOf(request: Request, response: Response): string {
  const known: unknown = response.locals['requestId'];
  return typeof known === 'string' && known ? known : requestIdFrom(request.headers['x-request-id']);
}

/**
 * `GET /prescriptions/:id.pdf` with a bearer token: the printable prescription. Exactly the access
 * of the GraphQL `prescription` field — its patient and the doctors caring for them, never
 * administrators — and the download is audited as a READ of the prescription.
 */
export function prescriptionPdfRoute(dependencies: ContextDependencies): RequestHandler {
  return async (request, response) => {
    const requestId = requestIdOf(request, response);
    try {
      const file = FILE_NAME.exec(String(request.params['file'] ?? ''));
      const prescriptionId = file?.[1]?.toLowerCase();
      if (!prescriptionId || !isUuid(prescriptionId)) {
        throw notFound('Prescription');
      }
      // A bad or expired token throws UNAUTHENTICATED here; no token is anonymous, refused below.
      const ctx = await createContext(dependencies, {
        requestId,
        clientAddress: request.ip ?? request.socket.remoteAddress,
        authorization: request.headers.authorization,
      });
      // A person, or a partner holding clinical:read (its consent is checked with the chart below).
      ctx.access.requireScope('clinical:read');

      const prescription = await ctx.em.findOne(Prescription, prescriptionId);
      if (!prescription) {
        throw ctx.access.missing('Prescription');
      }
      const patientId = prescription.patient.id;
      const access = await ctx.access.assertClinical(patientId);
      ctx.audit.read(chartRead('Prescription', prescription.id, patientId, access));
      await ctx.audit.flush(ctx.em);

      const [patient, doctor, items] = await Promise.all([
        ctx.em.findOneOrFail(Patient, patientId),
        ctx.em.findOneOrFail(Doctor, prescription.doctor.id),
        ctx.em.find(PrescriptionItem, { prescription: prescription.id }, { orderBy: { position: 'asc' } }),
      ]);
      const document: PrescriptionDocument = {
        prescriptionId: prescription.id,
        issuedAt: prescription.issuedAt,
        status: prescription.status(),
        clinicName: CLINIC_NAME,
        patient: { firstName: patient.firstName, lastName: patient.lastName, dateOfBirth: patient.dateOfBirth },
        doctor: {
          firstName: doctor.firstName,
          lastName: doctor.lastName,
          specialization: doctor.specialization,
          licenseNumber: doctor.licenseNumber,
          timezone: doctor.timezone,
        },
        items: items.map((item) => ({
          medication: item.medication,
          dosage: item.dosage,
          frequency: item.frequency,
          durationDays: item.durationDays,
          instructions: item.instructions ?? null,
        })),
        notes: prescription.notes ?? null,
      };
      const pdf = await renderPrescriptionPdf(document);

      response.status(200);
      response.setHeader('Content-Type', 'application/pdf');
      response.setHeader('Content-Disposition', `inline; filename="prescription-${prescription.id}.pdf"`);
      response.setHeader('Cache-Control', 'no-store');
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.setHeader('Content-Length', String(pdf.length));
      response.end(pdf);
    } catch (error) {
      if (error instanceof AppError && error.code !== 'INTERNAL_SERVER_ERROR') {
        sendError(response, error.code, error.message);
        return;
      }
      // Type, driver code and stack frames only: never the message, which may quote clinical values.
      dependencies.logger.error({ requestId, err: describeFailure(error) }, 'prescription PDF failed');
      if (response.headersSent) {
        response.destroy();
        return;
      }
      sendError(
        response,
        'INTERNAL_SERVER_ERROR',
        'Something went wrong on our side. It has been logged; please try again.',
      );
    }
  };
}
