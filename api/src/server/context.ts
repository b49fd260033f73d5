import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../shared/logger.js';

/** Everything one request (an HTTP call or one WebSocket operation) works with. */
export interface Context {
  readonly requestId: string;
  /** This request's own entity manager: its identity map and batching never leak across requests. */
  readonly em: EntityManager;
  readonly logger: Logger;
  readonly clientAddress: string | undefined;
}

export interface ContextDependencies {
  readonly em: EntityManager;
  readonly logger: Logger;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Keeps a caller-supplied request id only if it is a plain token; otherwise makes one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

/** The one place, for HTTP and WebSocket alike, where a request's context is made. */
export function createContext(
  dependencies: ContextDependencies,
  request: { requestId: string; clientAddress: string | undefined },
): Context {
  return {
    requestId: request.requestId,
    em: dependencies.em.fork({ useContext: false }),
    logger: dependencies.logger.child({ requestId: request.requestId }),
    clientAddress: request.clientAddress,
  };
}
