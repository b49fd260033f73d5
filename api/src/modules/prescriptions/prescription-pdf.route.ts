import type { RequestHandler } from 'express';
import type { ContextDependencies } from '../../server/context.js';

/** `GET /prescriptions/:id.pdf` with a bearer token (being written, issue 4). */
export function prescriptionPdfRoute(_dependencies: ContextDependencies): RequestHandler {
  return (_request, response) => {
    response.status(404).json({ error: 'not found' });
  };
}
