import { validate, type ValidationError, type ValidatorOptions } from 'class-validator';
import type { ResolverData } from 'type-graphql';
import { badInput, type FieldProblem } from '../shared/errors.js';

const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false, stopAtFirstError: false };

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

function problems(errors: readonly ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...problems(error.children ?? [], field)];
  });
}

/** The name of the argument `value` came from, so problems name full paths (`input.email`). */
function argumentName(value: object, args: Record<string, unknown>): string {
  const keys = Object.keys(value).sort().join(',');
  const name = Object.keys(args).find((key) => {
    const raw = args[key];
    if (Array.isArray(value)) {
      return Array.isArray(raw) && raw.length === value.length;
    }
    return isObject(raw) && !Array.isArray(raw) && Object.keys(raw).sort().join(',') === keys;
  });
  return name ?? '';
}

/**
 * type-graphql's `validateFn`: class-validator over every input object (and each item of a list
 * argument), all problems at once, as BAD_USER_INPUT whose `fields` name the full path of each
 * bad value, the argument included — the same paths the services use.
 */
export async function validateInput(value: unknown, _type: unknown, { args }: ResolverData): Promise<void> {
  if (!isObject(value)) {
    return;
  }
  const prefix = argumentName(value, args);
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  const found: FieldProblem[] = [];
  for (const [index, item] of items.entries()) {
    if (isObject(item)) {
      const itemPrefix = Array.isArray(value) ? `${prefix}.${index}` : prefix;
      found.push(...problems(await validate(item, OPTIONS), itemPrefix));
    }
  }
  if (found.length > 0) {
    throw badInput(found);
  }
}
