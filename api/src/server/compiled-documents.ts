import {
  execute,
  GraphQLError,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { andThen, type MaybePromise } from '../shared/maybe-async.js';

/** Runs one operation of a document against a root value, as one caller, with its variables. */
export type CompiledExecution = (
  rootValue: unknown,
  contextValue: unknown,
  variableValues: ExecutionArgs['variableValues'],
) => MaybePromise<ExecutionResult>;

/** Distinct documents kept compiled; the least recently used one is dropped beyond this. */
const DEFAULT_CAPACITY = 500;

/**
 * Each distinct (document, operation) compiled once with graphql-jit into a plain function, then
 * run many times. The compiled function calls the schema's own resolvers (the access guard, the
 * MFA gate and every row check wrapped onto them included), coerces variables and serialises
 * leaves as graphql-js does; what it saves is graphql-js's per-execution walk of the document
 * (collecting fields, building paths and infos, completing values type by type).
 *
 * A document graphql-jit cannot compile runs through graphql-js `execute` instead, so every valid
 * document still runs. The cache is bounded (least recently used out) and keyed by the caller's
 * text of the document, which must be the text `document` was parsed from.
 */
export class CompiledDocuments {
  private readonly compiled = new Map<string, CompiledExecution>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly capacity = DEFAULT_CAPACITY,
    /**
     * False: every document runs through graphql-js `execute` (still once per distinct document
     * looked up here). With tracing on, that is what OpenTelemetry's GraphQL instrumentation
     * patches to record an operation's span, its resolvers and its exceptions.
     */
    private readonly compiling = true,
  ) {}

  /**
   * Whether documents are compiled (false while tracing: everything runs through graphql-js, and
   * so does what else would skip it, such as the JSON path of server/json-read.ts).
   */
  get compiles(): boolean {
    return this.compiling;
  }

  /** Compiled documents held now (for tests). */
  get size(): number {
    return this.compiled.size;
  }

  /** The execution of `operationName` in `document` (parsed from `source`), compiled on first use. */
  executionOf(source: string, document: DocumentNode, operationName: string | null | undefined): CompiledExecution {
    const key = `${operationName ?? ''}\u0000${source}`;
    const known = this.compiled.get(key);
    if (known) {
      // Most recently used last: Map keeps insertion order.
      this.compiled.delete(key);
      this.compiled.set(key, known);
      return known;
    }
    const made = this.compile(document, operationName);
    this.compiled.set(key, made);
    if (this.compiled.size > this.capacity) {
      this.compiled.delete(this.compiled.keys().next().value!);
    }
    return made;
  }

  private compile(document: DocumentNode, operationName: string | null | undefined): CompiledExecution {
    let compiled: CompiledQuery | undefined;
    try {
      const result = this.compiling
        ? compileQuery(this.schema, document, operationName ?? undefined, {
            // Errors keep graphql-js's shape; their stacks are never sent, so not captured either.
            disablingCapturingStackErrors: true,
          })
        : undefined;
      compiled = result && isCompiledQuery(result) ? result : undefined;
    } catch {
      compiled = undefined;
    }
    const { schema } = this;
    const viaGraphqlJs: CompiledExecution = (rootValue, contextValue, variableValues) =>
      execute({ schema, document, operationName, rootValue, contextValue, variableValues });
    if (!compiled) {
      return viaGraphqlJs;
    }
    const query = compiled.query;
    return (rootValue, contextValue, variableValues) =>
      andThen(query(rootValue, contextValue, variableValues as Record<string, unknown> | null | undefined), (result) =>
        // Only variables it could not coerce leave no `data`: graphql-js words those (and runs
        // nothing either), so the client reads the same message and fields from both.
        'data' in result ? asGraphQLResult(result) : viaGraphqlJs(rootValue, contextValue, variableValues),
      );
  }
}

/**
 * graphql-jit's errors are its own subclass, without graphql-js's `extensions` object when the
 * thrown error had none: each is made a graphql-js GraphQLError with the same message, locations,
 * path and original error, so the one error formatter sees the same thing from either executor.
 */
function asGraphQLResult(result: ExecutionResult): ExecutionResult {
  if (!result.errors) {
    return result;
  }
  return { ...result, errors: result.errors.map(asGraphQLError) };
}

function asGraphQLError(error: GraphQLError): GraphQLError {
  const made = new GraphQLError(error.message, {
    path: error.path,
    // A GraphQLError jit made itself (a leaf it could not serialise, a variable it could not coerce) is the error.
    originalError: error.originalError ?? undefined,
  });
  if (error.locations) {
    (made as { locations: GraphQLError['locations'] }).locations = error.locations;
  }
  return made;
}
