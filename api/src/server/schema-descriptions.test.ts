import 'reflect-metadata';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAppSchema } from './schema.js';

/** Every place in the schema that should explain itself to a partner reading it, and has no description. */
function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) {
      continue;
    }
    if (!type.description) {
      missing.push(`type ${type.name}`);
    }
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) {
          missing.push(`field ${type.name}.${field.name}`);
        }
        for (const arg of field.args) {
          if (!arg.description) {
            missing.push(`argument ${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) {
          missing.push(`input field ${type.name}.${field.name}`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!value.description) {
          missing.push(`enum value ${type.name}.${value.name}`);
        }
      }
    }
  }
  return missing;
}

const HOW =
  'Describe each in its type-graphql class: @ObjectType/@InputType({ description }), @Field({ description }), ' +
  '@Arg(name, { description }), registerEnumType(E, { description, valuesConfig: { VALUE: { description } } }). ' +
  'Then `npm run schema`. Missing:\n';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildAppSchema();
});

describe('the schema a partner reads', () => {
  it('describes every type, field, argument and enum value', () => {
    const missing = undocumented(schema);
    expect(missing, HOW + missing.join('\n')).toEqual([]);
  });

  it('points every custom scalar at its specification (@specifiedBy)', () => {
    const custom = Object.values(schema.getTypeMap()).filter(
      (type) => isScalarType(type) && !isSpecifiedScalarType(type),
    );
    expect(custom.length).toBeGreaterThan(0);
    const unspecified = custom.filter((type) => isScalarType(type) && !type.specifiedByURL).map((type) => type.name);
    expect(unspecified, 'Give these scalars a specifiedByURL:').toEqual([]);
  });
});
