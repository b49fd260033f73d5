import { ApolloLink } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { getMainDefinition, print } from '@apollo/client/utilities';
import type { GraphQLFormattedError } from 'graphql';
import type { Client } from 'graphql-ws';
import { Observable } from 'rxjs';

/** The server closes a socket with 4401 when its access token expires. */
const UNAUTHORIZED_CLOSE = 4401;

export type RefreshSession = () => Promise<'refreshed' | 'refused' | 'unreachable'>;

function closeCode(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && 'reason' in error
    ? Number((error as { code: unknown }).code)
    : undefined;
}

function declaresAfter(operation: ApolloLink.Operation): boolean {
  const definition = getMainDefinition(operation.query);
  return (definition.variableDefinitions ?? []).some((variable) => variable.variable.name.value === 'after');
}

/** The `cursor` of the event in a subscription result (its one root field), if it has one. */
function cursorOf(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) {
    return undefined;
  }
  for (const value of Object.values(data)) {
    const cursor = (value as { cursor?: unknown } | null)?.cursor;
    if (typeof cursor === 'string') {
      return cursor;
    }
  }
  return undefined;
}

/**
 * Subscriptions over graphql-ws that keep their place. A subscription declaring `$after` has it
 * set to the cursor of the last event received, so every resubscription — graphql-ws's own
 * reconnects (which re-send the same payload) and the one below — resumes right after it: the
 * server replays what was missed, then goes live. A 4401 close (the access token expired while the
 * socket was quiet), which graphql-ws treats as fatal, refreshes the session and subscribes again
 * instead of ending the subscription; a refused refresh ends it (and the session).
 */
export class ResumableWsLink extends ApolloLink {
  constructor(
    private readonly client: Client,
    private readonly refresh: RefreshSession,
  ) {
    super();
  }

  override request(operation: ApolloLink.Operation): Observable<ApolloLink.Result> {
    return new Observable<ApolloLink.Result>((observer) => {
      const resumable = declaresAfter(operation);
      // One payload object for the subscription's life: graphql-ws re-sends it on each reconnect.
      const variables: Record<string, unknown> = { ...operation.variables };
      const payload = {
        query: print(operation.query),
        variables,
        operationName: operation.operationName,
        extensions: operation.extensions,
      };
      let stopped = false;
      let dispose: (() => void) | undefined;
      const start = () => {
        if (stopped) {
          return; // unsubscribed while a restart waited
        }
        dispose = this.client.subscribe(payload, {
          next: (result) => {
            const cursor = resumable ? cursorOf(result.data) : undefined;
            if (cursor) {
              variables['after'] = cursor;
            }
            observer.next(result as ApolloLink.Result);
          },
          complete: () => observer.complete(),
          error: (error: unknown) => {
            if (stopped) {
              return;
            }
            const code = closeCode(error);
            if (code === UNAUTHORIZED_CLOSE) {
              void this.refresh().then((outcome) => {
                if (stopped) {
                  return;
                }
                if (outcome === 'refused') {
                  observer.error(new Error(`Socket closed with event ${code}`));
                } else {
                  // Refreshed (the socket reconnects with the new token), or the network is
                  // down: try again shortly; graphql-ws waits for the server to come back.
                  setTimeout(start, outcome === 'refreshed' ? 0 : 2_000);
                }
              });
              return;
            }
            if (error instanceof Error) {
              observer.error(error);
            } else if (code !== undefined) {
              observer.error(new Error(`Socket closed with event ${code}`));
            } else {
              observer.error(new CombinedGraphQLErrors({ errors: error as GraphQLFormattedError[] }));
            }
          },
        });
      };
      start();
      return () => {
        stopped = true;
        dispose?.();
      };
    });
  }
}
