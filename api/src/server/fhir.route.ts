import type { OperationOutcome, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import type { Request, RequestHandler, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { GraphQLFormattedError } from 'graphql';
import { capabilityStatement } from '../modules/fhir/capability.js';
import { FhirExportStatus } from '../modules/fhir/fhir-export.entity.js';
import {
  cancelExport,
  exportManifest,
  openExportFile,
  ownExport,
  startExport,
} from '../modules/fhir/fhir-export.service.js';
import { FhirService, searchBundle } from '../modules/fhir/fhir.service.js';
import type { FileStorage } from '../modules/files/file-storage.js';
import { unsupportedType } from '../modules/fhir/fhir-search.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../shared/pagination.js';
import { AppError, isErrorCode, type ErrorCode, type FieldProblem } from '../shared/errors.js';
import { createContext, type Context, type ContextDependencies } from './context.js';
import { httpStatusOf, type ErrorFormatter } from './errors.js';
import { ROUTE_COST, type RequestCharge } from './limits.js';
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

/** The page a search asks for, as it is charged: `_count` capped, or the default (the search itself refuses a bad one). */
function chargedPageSize(query: URLSearchParams): number {
  const count = Number(query.get('_count'));
  return Number.isInteger(count) && count >= 1 ? Math.min(count, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
}

const SEGMENT = /^[A-Za-z0-9\-.$]{1,64}$/;

/** `$export`, `Patient/$export`, `$export-status/{id}`, `$export-file/{id}/{file}`: bulk data. */
async function bulkData(
  request: Request,
  response: Response,
  ctx: Context,
  storage: FileStorage,
  segments: readonly string[],
  charge: RequestCharge,
): Promise<boolean> {
  const baseUrl = baseUrlOf(request);
  const [first, second, third] = segments;
  const method = request.method;
  const kickOff = (first === '$export' && segments.length === 1) || (first === 'Patient' && second === '$export');
  if (kickOff && segments.length <= 2) {
    allow(request, response, ['GET']);
    await charge(ctx, response, ROUTE_COST.exportKickOff);
    const row = await startExport(ctx, {
      level: first === '$export' ? 'system' : 'patient',
      query: new URL(request.originalUrl, 'http://fhir.invalid').searchParams,
      prefer: request.get('prefer'),
      url: `${baseUrl}${request.path}${request.originalUrl.includes('?') ? request.originalUrl.slice(request.originalUrl.indexOf('?')) : ''}`,
    });
    response.setHeader('Content-Location', `${baseUrl}/$export-status/${row.id}`);
    send(response, 202, acceptedOutcome('The export has started; poll the Content-Location URL.'));
    return true;
  }
  if (first === '$export-status' && second && segments.length === 2) {
    allow(request, response, ['GET', 'DELETE']);
    if (method === 'DELETE') {
      await cancelExport(ctx, storage, second);
      send(response, 202, acceptedOutcome('The export was cancelled and its files removed.'));
      return true;
    }
    const row = await ownExport(ctx, second);
    if (row.status === FhirExportStatus.COMPLETED) {
      response.setHeader('Expires', row.expiresAt.toUTCString());
      response.status(200);
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.setHeader('Cache-Control', 'no-store');
      response.end(JSON.stringify(exportManifest(row, baseUrl)));
      return true;
    }
    if (row.status === FhirExportStatus.FAILED) {
      throw new AppError('INTERNAL_SERVER_ERROR', row.error ?? 'The export failed.');
    }
    response.setHeader(
      'X-Progress',
      `${row.status === FhirExportStatus.ACCEPTED ? 'queued' : 'in progress'}: ${row.patientsDone} patients`,
    );
    response.setHeader('Retry-After', '2');
    response.status(202);
    response.setHeader('Cache-Control', 'no-store');
    response.end();
    return true;
  }
  if (first === '$export-file' && second && third && segments.length === 3) {
    allow(request, response, ['GET']);
    const { stream } = await openExportFile(ctx, storage, second, third);
    response.status(200);
    response.setHeader('Content-Type', 'application/fhir+ndjson');
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    await pipeline(stream, response);
    return true;
  }
  return false;
}

/** Methods other than `methods` (HEAD rides with GET) are refused with `Allow`. */
function allow(request: Request, response: Response, methods: readonly string[]): void {
  if (!methods.includes(request.method) && !(request.method === 'HEAD' && methods.includes('GET'))) {
    response.setHeader('Allow', methods.join(', '));
    throw unsupportedType();
  }
}

const acceptedOutcome = (text: string): OperationOutcome => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'information', code: 'informational', details: { text } }],
});

/**
 * `/fhir/R4/*`: the FHIR R4 API — `metadata`, `{type}`, `{type}/{id}`,
 * `Patient/{id}/$everything` (GET) and bulk export — with GraphQL's tokens, access and audit.
 * Errors leave through the one formatter and are answered as OperationOutcome with the status
 * of its table.
 */
export function fhirRoute(
  dependencies: ContextDependencies,
  formatError: ErrorFormatter,
  storage: FileStorage,
  charge: RequestCharge,
): RequestHandler {
  return async (request, response) => {
    const requestId = requestIdOf(request, response);
    try {
      const segments = request.path.split('/').filter(Boolean);
      const baseUrl = baseUrlOf(request);
      if (segments.length === 1 && segments[0] === 'metadata' && request.method === 'GET') {
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
      if (await bulkData(request, response, ctx, storage, segments, charge)) {
        return;
      }
      allow(request, response, ['GET']);
      const fhir = new FhirService(ctx);
      const [type, id, operation] = segments as [string, string | undefined, string | undefined];
      const query = new URL(request.originalUrl, 'http://fhir.invalid').searchParams;
      let body: Resource;
      if (operation !== undefined) {
        if (type !== 'Patient' || operation !== '$everything') {
          throw unsupportedType();
        }
        await charge(ctx, response, ROUTE_COST.wholeChart);
        const resources = await fhir.everything(id!);
        body = searchBundle(baseUrl, `Patient/${id}/$everything`, { resources });
      } else if (id !== undefined) {
        await charge(ctx, response, ROUTE_COST.fhirResource);
        body = await fhir.read(type, id, query);
      } else {
        await charge(ctx, response, ROUTE_COST.fhirResource * chargedPageSize(query));
        body = searchBundle(baseUrl, type, await fhir.search(type, query));
      }
      await ctx.audit.flush(ctx.em);
      send(response, 200, body);
    } catch (error) {
      if (response.headersSent) {
        response.destroy(error as Error);
        return;
      }
      const formatted = formatError(error, requestId);
      if (formatted.extensions?.['code'] === 'UNAUTHENTICATED') {
        response.setHeader('WWW-Authenticate', 'Bearer');
      }
      send(response, httpStatusOf(formatted), operationOutcomeOf(formatted));
    }
  };
}
