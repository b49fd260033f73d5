import { getMetadataStorage, validate, type ValidationError, type ValidatorOptions } from 'class-validator';
import type { ResolverData } from 'type-graphql';
import { badInput, type FieldProblem } from '../shared/errors.js';
import { allChecked, type MaybePromise } from '../shared/maybe-async.js';

const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false, stopAtFirstError: false };

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

/** Each input class asked about: whether class-validator has any constraint for it (its base classes' included). */
const constrained = new Map<object, boolean>();

/**
 * Whether class-validator would check anything of `item`: with no constraint registered for its
 * class (page arguments: `first`, `after`) and unknown values allowed, `validate` finds nothing
 * to check and reports nothing, so it is not called (a promise and a metadata walk per argument).
 * The decorators ran when the schema was built, before any request.
 */
function hasConstraints(item: object): boolean {
  const target = item.constructor;
  let known = constrained.get(target);
  if (known === undefined) {
    known =
      getMetadataStorage().getTargetValidationMetadatas(target, '', OPTIONS.always ?? false, false, undefined).length >
      0;
    constrained.set(target, known);
  }
  return known;
}

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

/** A UTF-16 surrogate without its pair: text no UTF-8 encoding (and so PostgreSQL) can hold. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Any surrogate, paired or not: with NUL, the only characters the full check needs to look at. */
const SURROGATE = /[\uD800-\uDFFF]/;

/** Whether any string in `value` needs the full check: no allocation when none does (nearly always). */
function anySuspectText(value: unknown): boolean {
  if (typeof value === 'string') {
    return value.includes('\u0000') || SURROGATE.test(value);
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) {
    return false;
  }
  if (Array.isArray(value)) {
    return value.some(anySuspectText);
  }
  for (const key in value) {
    if (Object.hasOwn(value, key) && anySuspectText((value as Record<string, unknown>)[key])) {
      return true;
    }
  }
  return false;
}

/** Every string in `value` that PostgreSQL text cannot store, by path (`input.items.0.notes`). */
export function unstorableText(value: unknown, path: string): FieldProblem[] {
  return anySuspectText(value) ? unstorableTextAt(value, path) : [];
}

function unstorableTextAt(value: unknown, path: string): FieldProblem[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) {
      return [{ field: path, message: 'must not contain a NUL character' }];
    }
    return LONE_SURROGATE.test(value) ? [{ field: path, message: 'is not valid UTF-8 text' }] : [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => unstorableTextAt(item, `${path}.${index}`));
  }
  if (isObject(value) && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([key, item]) => unstorableTextAt(item, path ? `${path}.${key}` : key));
  }
  return [];
}

/**
 * type-graphql's `validateFn`: class-validator over every input object (and each item of a list
 * argument), all problems at once, as BAD_USER_INPUT whose `fields` name the full path of each
 * bad value, the argument included — the same paths the services use. Text with a NUL
 * character or a lone surrogate is refused first, for every argument.
 */
export async function validateInput(value: unknown, _type: unknown, { args }: ResolverData): Promise<void> {
  await checkInput(value, args);
}

/**
 * {@link validateInput}'s check of one argument's `value` (`args`: all of the field's), which it
 * runs, and which server/direct-resolvers.ts calls where type-graphql would call it: throws now
 * when the text check refuses, answers now (no promise) when class-validator has nothing to
 * check (page arguments, scalars), else the promise of class-validator's answer.
 */
export function checkInput(value: unknown, args: Record<string, unknown>): MaybePromise<void> {
  // Every argument of every operation, scalars included, passes here: text PostgreSQL cannot
  // hold is refused once, for all of them, naming the field.
  const unstorable = unstorableText(args, '');
  if (unstorable.length > 0) {
    throw badInput(unstorable);
  }
  if (!isObject(value)) {
    return undefined;
  }
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  return items.some((item) => isObject(item) && hasConstraints(item)) ? constraintsOf(value, items, args) : undefined;
}

/**
 * {@link checkInput} of the argument values at `indexes` of `values` (`args`: all the field's), as
 * type-graphql checks a method's arguments before calling it: every check started, a refusal now
 * thrown now; undefined when all answered now, else the promise of them all. Queries and
 * mutations called directly (direct-resolvers.ts) and subscriptions when they subscribe
 * (subscription-arguments.ts) are checked here.
 */
export function checkArguments(
  values: readonly unknown[],
  indexes: readonly number[],
  args: Record<string, unknown>,
): Promise<void> | undefined {
  return allChecked((add) => {
    for (const index of indexes) {
      add(checkInput(values[index], args));
    }
  });
}

async function constraintsOf(value: object, items: readonly unknown[], args: Record<string, unknown>): Promise<void> {
  // The argument's name is looked for only when something is checked (page arguments: nothing).
  let prefix: string | undefined;
  const found: FieldProblem[] = [];
  for (const [index, item] of items.entries()) {
    if (isObject(item) && hasConstraints(item)) {
      prefix ??= argumentName(value, args);
      const itemPrefix = Array.isArray(value) ? `${prefix}.${index}` : prefix;
      found.push(...problems(await validate(item, OPTIONS), itemPrefix));
    }
  }
  if (found.length > 0) {
    throw badInput(found);
  }
}
