import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type SelectionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** Refuses documents nested deeper than `maxDepth` fields (fragments followed). */
export function depthLimit(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map(
      context
        .getDocument()
        .definitions.flatMap((definition) =>
          definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
        ),
    );
    const depthOf = (selections: readonly SelectionNode[], depth: number, seen: Set<string>): number => {
      let deepest = depth;
      for (const selection of selections) {
        if (selection.kind === Kind.FIELD) {
          // Introspection (`__schema`, `__type`) nests type references deeply by design
          // (graphql-js's own getIntrospectionQuery() is 13 levels); its size is bounded by the
          // cost limit instead, which counts every field.
          if (selection.selectionSet && !selection.name.value.startsWith('__')) {
            deepest = Math.max(deepest, depthOf(selection.selectionSet.selections, depth + 1, seen));
          }
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet.selections, depth, seen));
        } else {
          const fragment = fragments.get(selection.name.value);
          if (fragment && !seen.has(fragment.name.value)) {
            deepest = Math.max(
              deepest,
              depthOf(fragment.selectionSet.selections, depth, new Set([...seen, fragment.name.value])),
            );
          }
        }
        if (deepest > maxDepth) {
          return deepest;
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet.selections, 1, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`The query is nested ${depth} levels deep; at most ${maxDepth} are allowed.`, {
              nodes: [operation],
              extensions: { code: 'BAD_USER_INPUT' },
            }),
          );
        }
      },
    };
  };
}

/** Refuses documents with more than `maxAliases` aliases (alias-based amplification). */
export function aliasLimit(maxAliases: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) {
          aliases += 1;
          if (aliases === maxAliases + 1) {
            context.reportError(
              new GraphQLError(`The query uses more than ${maxAliases} aliases.`, {
                nodes: [node],
                extensions: { code: 'BAD_USER_INPUT' },
              }),
            );
          }
        }
      },
    };
  };
}

/** A validation error without graphql-js's "Did you mean …?" hint, which reveals the schema. */
export function withoutSuggestions(error: GraphQLError): GraphQLError {
  const message = error.message.replace(/ ?Did you mean(.+?)\?$/, '');
  return message === error.message
    ? error
    : new GraphQLError(message, {
        nodes: error.nodes,
        extensions: error.extensions,
        originalError: error.originalError,
      });
}
