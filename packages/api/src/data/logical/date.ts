import { DataError } from "../../errors/connect-error.js";
import type { Schema } from "../schema.js";
import { SchemaBuilder } from "../schema-builder.js";

const LOGICAL_NAME = "org.apache.kafka.connect.data.Date";
const MILLIS_PER_DAY = 86_400_000;

/**
 * Kafka Connect's Date logical type (`org.apache.kafka.connect.data.Date`): a calendar day, carried as INT32 days
 * since the Unix epoch. Its JavaScript value is a `Date` at midnight UTC.
 */
export const ConnectDate = Object.freeze({
  /** The schema name that marks a Date. */
  LOGICAL_NAME,

  /** A builder for a Date schema. */
  builder(): SchemaBuilder {
    return SchemaBuilder.int32().name(LOGICAL_NAME).version(1);
  },

  /** A required Date schema. */
  schema(): Schema {
    return ConnectDate.builder().build();
  },

  /**
   * The number of days since the epoch.
   * @throws DataError when the value is not exactly midnight UTC.
   */
  fromLogical(schema: Schema, value: Date): number {
    requireName(schema, LOGICAL_NAME);
    const millis = value.getTime();
    if (!Number.isFinite(millis) || millis % MILLIS_PER_DAY !== 0) {
      throw new DataError(
        `A Date value must be midnight UTC with no time of day, got ${Number.isFinite(millis) ? value.toISOString() : "Invalid Date"}.`,
      );
    }
    return millis / MILLIS_PER_DAY;
  },

  /** The midnight-UTC `Date` that is `days` after the epoch. */
  toLogical(schema: Schema, days: number): Date {
    requireName(schema, LOGICAL_NAME);
    return new Date(days * MILLIS_PER_DAY);
  },
});

/**
 * Throws when `schema` is not the named logical type.
 * @internal
 */
export function requireName(schema: Schema, name: string): void {
  if (schema.name !== name) {
    throw new DataError(`Requested conversion of ${name} but the schema is ${schema.toString()}.`);
  }
}
