import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the client's selection reaches `path` below the current field (fragments followed),
 * so a resolver can load what will be asked for in the same statement.
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  const walk = (set: SelectionSetNode | undefined, rest: readonly string[]): boolean => {
    if (!set) {
      return false;
    }
    if (rest.length === 0) {
      return true;
    }
    return set.selections.some((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return selection.name.value === rest[0] && (rest.length === 1 || walk(selection.selectionSet, rest.slice(1)));
        case Kind.INLINE_FRAGMENT:
          return walk(selection.selectionSet, rest);
        case Kind.FRAGMENT_SPREAD:
          return walk(info.fragments[selection.name.value]?.selectionSet, rest);
      }
    });
  };
  return info.fieldNodes.some((node) => walk(node.selectionSet, path));
}
