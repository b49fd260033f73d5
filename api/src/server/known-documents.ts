import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';

/** A document as parsed and validated once: the document, or why it cannot run. */
export interface KnownDocument {
  /** Undefined when the text does not parse. */
  readonly document: DocumentNode | undefined;
  /** The parse error or the validation errors; empty when the document may run. */
  readonly errors: readonly GraphQLError[];
}

/** Distinct documents kept parsed and validated; the least recently used one is dropped beyond this. */
export const KNOWN_DOCUMENTS = 1_000;

/**
 * Parses and validates each distinct document text once per process (the specified rules and
 * `rules`), for the HTTP direct path and the WebSocket subscriptions alike: the same text always
 * has the same outcome against the same schema, and every subscriber of one document shares one
 * syntax tree instead of holding its own for as long as it stays subscribed.
 */
export function knownDocuments(
  schema: GraphQLSchema,
  rules: readonly ValidationRule[],
): (query: string) => KnownDocument {
  const allRules = [...specifiedRules, ...rules];
  const documents = new Map<string, KnownDocument>();
  return (query) => {
    let entry = documents.get(query);
    if (entry) {
      documents.delete(query);
    } else {
      let document: DocumentNode | undefined;
      try {
        document = parse(query);
      } catch (error) {
        entry = {
          document: undefined,
          errors: [error instanceof GraphQLError ? error : new GraphQLError('The query could not be read.')],
        };
      }
      entry ??= { document, errors: validate(schema, document!, allRules) };
      if (documents.size >= KNOWN_DOCUMENTS) {
        documents.delete(documents.keys().next().value!);
      }
    }
    documents.set(query, entry);
    return entry;
  };
}
