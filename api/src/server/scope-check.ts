import {
  getNamedType,
  isObjectType,
  separateOperations,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { Actor } from '../modules/identity/actor.js';
import {
  FIELD_SCOPES,
  isStructuralTypeName,
  OPERATION_SCOPES,
  TYPE_SCOPES,
  type ScopeRequirement,
} from '../modules/partners/scope-table.js';
import { AppError } from '../shared/errors.js';

export interface UncoveredField {
  /** `Type.field` (`Query.me`, `Patient.allergies`). */
  readonly field: string;
  /** The scope it needs; null when no scope opens it to API clients. */
  readonly scope: string | null;
}

/** What a partner needs for `field` of `typeName`, from the one scope table. */
export function requirementOf(schema: GraphQLSchema, typeName: string, fieldName: string): ScopeRequirement {
  const roots = {
    [schema.getQueryType()?.name ?? 'Query']: 'Query',
    [schema.getMutationType()?.name ?? 'Mutation']: 'Mutation',
    [schema.getSubscriptionType()?.name ?? 'Subscription']: 'Subscription',
  } as const;
  const root = roots[typeName];
  if (root) {
    return OPERATION_SCOPES[root][fieldName] ?? null;
  }
  const own = FIELD_SCOPES[`${typeName}.${fieldName}`];
  if (own !== undefined) {
    return own;
  }
  const type = schema.getType(typeName);
  if (isObjectType(type) && type.getFields()[fieldName]?.extensions['clinical'] === true) {
    return 'clinical:read';
  }
  if (isStructuralTypeName(typeName)) {
    return 'structural';
  }
  return TYPE_SCOPES[typeName] ?? null;
}

/**
 * Every field the chosen operation selects (fragments followed) that `scopes` do not cover.
 * Introspection fields (`__schema`, `__type`, `__typename`) are open to any signed-in caller.
 */
export function uncoveredFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  scopes: readonly string[],
): UncoveredField[] {
  const operations = separateOperations(document);
  const chosen = operationName ? operations[operationName] : Object.values(operations)[0];
  if (!chosen) {
    return [];
  }
  const typeInfo = new TypeInfo(schema);
  const found = new Map<string, UncoveredField>();
  visit(
    chosen,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const name = node.name.value;
        if (!parent || name.startsWith('__')) {
          return;
        }
        const parentName = getNamedType(parent).name;
        if (parentName.startsWith('__')) {
          return; // inside introspection
        }
        const needs = requirementOf(schema, parentName, name);
        if (needs === 'public' || needs === 'structural' || (needs !== null && scopes.includes(needs))) {
          return;
        }
        found.set(`${parentName}.${name}`, { field: `${parentName}.${name}`, scope: needs });
      },
    }),
  );
  return [...found.values()];
}

/**
 * A partner's operation may touch only what its token's scopes cover: anything else is
 * FORBIDDEN before it runs, on every path (nested fields, fragments, subscriptions).
 */
export function assertScopes(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  actor: Actor,
): void {
  if (actor.kind !== 'partner') {
    return;
  }
  const uncovered = uncoveredFields(schema, document, operationName, actor.scopes);
  if (uncovered.length > 0) {
    const words = uncovered.map((item) =>
      item.scope ? `${item.field} (needs ${item.scope})` : `${item.field} (not available to API clients)`,
    );
    throw new AppError('FORBIDDEN', `This API client's scopes do not cover: ${words.join(', ')}.`, {
      extensions: { uncovered },
    });
  }
}
