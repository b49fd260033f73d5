import { Type, type Platform, type EntityProperty } from '@mikro-orm/core';

/** A local wall-clock time, `HH:MM`, stored as PostgreSQL `time(0)`. */
export class WallClockType extends Type<string, string> {
  override convertToDatabaseValue(value: string): string {
    return value;
  }

  override convertToJSValue(value: string): string {
    return typeof value === 'string' ? value.slice(0, 5) : value;
  }

  override getColumnType(_prop: EntityProperty, _platform: Platform): string {
    return 'time(0)';
  }

  override compareAsType(): string {
    return 'string';
  }
}
