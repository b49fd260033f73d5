import type { OperationOutcome, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import type { Request, RequestHandler, Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { capabilityStatement } from '../modules/fhir/capability.js';
import { FhirService, searchBundle } from '../modules/fhir/fhir.service.js';
import { unsupportedType } from '../modules/fhir/fhir-search.js';
import { isErrorCode, type ErrorCode, type FieldProblem } from '../shared/errors.js';
import { createContext, type ContextDependencies } from './context.js';
import { httpStatusOf, type ErrorFormatter } from './errors.js';
import { requestIdOf } from './pdf-route.js';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** The FHIR issue type of each of the contract's codes (the status comes from the one table). */
const ISSUE_TYPE: Readonly<Record<ErrorCode, OperationOutcomeIssue['code']>> = {
  UNAUTHENTICATED: 'login',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not-found',
  BAD_USER_INPUT: 'invalid',
  CONFLICT: 'conflict',
  TOO_MANY_REQUESTS: 'throttled',
  MFA_REQUIRED: 'login',
  QUERY_TOO_COMPLEX: 'too-costly',
  INTERNAL_SERVER_ERROR: 'exception',
};

/**
 * An error as the one formatter wrote it, as an OperationOutcome: its message, one issue per
 * refused field (the FHIR parameter in `expression`), the code in `details`, the request id of
 * an unexpected failure in `diagnostics`.
 */
export function operationOutcomeOf(formatted: GraphQLFormattedError): OperationOutcome {
  const extensions = formatted.extensions ?? {};
  const code: ErrorCode = isErrorCode(extensions['code']) ? extensions['code'] : 'INTERNAL_SERVER_ERROR';
  const details = { coding: [{ code }], text: formatted.message };
  const fields = (extensions['fields'] as readonly FieldProblem[] | undefined) ?? [];
  const requestId = typeof extensions['requestId'] === 'string' ? extensions['requestId'] : undefined;
  const issue: OperationOutcomeIssue[] = fields.length
    ? fields.map((field) => ({
        severity: 'error',
        code: ISSUE_TYPE[code],
        details: { ...details, text: `${field.field} ${field.message}` },
        expression: [field.field],
      }))
    : [
        {
          severity: 'error',
          code: ISSUE_TYPE[code],
          details,
          ...(requestId ? { diagnostics: `request ${requestId}` } : {}),
        },
      ];
  return { resourceType: 'OperationOutcome', issue };
}

function send(response: Response, status: number, body: Resource): void {
  response.status(status);
  response.setHeader('Content-Type', FHIR_JSON);
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.end(JSON.stringify(body));
}

/** The base URL links and `fullUrl`s are written against: this server as the caller reached it. */
function baseUrlOf(request: Request): string {
  return `${request.protocol}://${request.get('host') ?? 'localhost'}${request.baseUrl}`;
}

const SEGMENT = /^[A-Za-z0-9\-.$]{1,64}$/;

/**
 * `/fhir/R4/*`: the FHIR R4 API (GET only) — `metadata`, `{type}`, `{type}/{id}`,
 * `Patient/{id}/$everything` — with GraphQL's tokens, access and audit. Errors leave through the
 * one formatter and are answered as OperationOutcome with the status of its table.
 */
export function fhirRoute(dependencies: ContextDependencies, formatError: ErrorFormatter): RequestHandler {
  return async (request, response) => {
    const requestId = requestIdOf(request, response);
    try {
      const segments = request.path.split('/').filter(Boolean);
      const baseUrl = baseUrlOf(request);
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.setHeader('Allow', 'GET');
        throw unsupportedType();
      }
      if (segments.length === 1 && segments[0] === 'metadata') {
        send(response, 200, capabilityStatement(baseUrl));
        return;
      }
      if (!segments.length || segments.length > 3 || !segments.every((segment) => SEGMENT.test(segment))) {
        throw unsupportedType();
      }
      const ctx = await createContext(dependencies, {
        requestId,
        clientAddress: request.ip ?? request.socket.remoteAddress,
        authorization: request.headers.authorization,
      });
      const fhir = new FhirService(ctx);
      const [type, id, operation] = segments as [string, string | undefined, string | undefined];
      const query = new URL(request.originalUrl, 'http://fhir.invalid').searchParams;
      let body: Resource;
      if (operation !== undefined) {
        if (type !== 'Patient' || operation !== '$everything') {
          throw unsupportedType();
        }
        const resources = await fhir.everything(id!);
        body = searchBundle(baseUrl, `Patient/${id}/$everything`, { resources });
      } else if (id !== undefined) {
        body = await fhir.read(type, id);
      } else {
        body = searchBundle(baseUrl, type, await fhir.search(type, query));
      }
      await ctx.audit.flush(ctx.em);
      send(response, 200, body);
    } catch (error) {
      const formatted = formatError(error, requestId);
      if (formatted.extensions?.['code'] === 'UNAUTHENTICATED') {
        response.setHeader('WWW-Authenticate', 'Bearer');
      }
      send(response, httpStatusOf(formatted), operationOutcomeOf(formatted));
    }
  };
}
