import { DataError } from "../../errors/connect-error.js";
import type { Schema } from "../schema.js";
import { SchemaBuilder } from "../schema-builder.js";
import { requireName } from "./date.js";

const LOGICAL_NAME = "org.apache.kafka.connect.data.Time";
const MILLIS_PER_DAY = 86_400_000;

/**
 * Kafka Connect's Time logical type (`org.apache.kafka.connect.data.Time`): a time of day, carried as INT32
 * milliseconds since midnight. Its JavaScript value is a `Date` on 1970-01-01 UTC.
 */
export const ConnectTime = Object.freeze({
  /** The schema name that marks a Time. */
  LOGICAL_NAME,

  /** A builder for a Time schema. */
  builder(): SchemaBuilder {
    return SchemaBuilder.int32().name(LOGICAL_NAME).version(1);
  },

  /** A required Time schema. */
  schema(): Schema {
    return ConnectTime.builder().build();
  },

  /**
   * Milliseconds since midnight.
   * @throws DataError when the value lies outside 1970-01-01 UTC (a Time has no date part).
   */
  fromLogical(schema: Schema, value: Date): number {
    requireName(schema, LOGICAL_NAME);
    const millis = value.getTime();
    if (!(millis >= 0 && millis < MILLIS_PER_DAY)) {
      throw new DataError(
        `A Time value must lie on 1970-01-01 UTC (no date part), got ${Number.isFinite(millis) ? value.toISOString() : "Invalid Date"}.`,
      );
    }
    return millis;
  },

  /**
   * The `Date` on 1970-01-01 UTC that is `millis` after midnight.
   * @throws DataError when `millis` is outside 0..86,400,000.
   */
  toLogical(schema: Schema, millis: number): Date {
    requireName(schema, LOGICAL_NAME);
    if (!(millis >= 0 && millis <= MILLIS_PER_DAY)) {
      throw new DataError(`Time values must be milliseconds from 0 to 86400000, got ${millis}.`);
    }
    return new Date(millis);
  },
});
