import { DataError } from "../../errors/connect-error.js";
import type { Schema } from "../schema.js";
import { SchemaBuilder } from "../schema-builder.js";
import { requireName } from "./date.js";

const LOGICAL_NAME = "org.apache.kafka.connect.data.Timestamp";
/** The largest magnitude, in milliseconds, a JavaScript `Date` can hold. */
const MAX_DATE_MILLIS = 8_640_000_000_000_000n;

/**
 * Kafka Connect's Timestamp logical type (`org.apache.kafka.connect.data.Timestamp`): an instant, carried as INT64
 * milliseconds since the Unix epoch. Its JavaScript value is a `Date`.
 */
export const ConnectTimestamp = Object.freeze({
  /** The schema name that marks a Timestamp. */
  LOGICAL_NAME,

  /** A builder for a Timestamp schema. */
  builder(): SchemaBuilder {
    return SchemaBuilder.int64().name(LOGICAL_NAME).version(1);
  },

  /** A required Timestamp schema. */
  schema(): Schema {
    return ConnectTimestamp.builder().build();
  },

  /** Milliseconds since the epoch. */
  fromLogical(schema: Schema, value: Date): bigint {
    requireName(schema, LOGICAL_NAME);
    const millis = value.getTime();
    if (!Number.isFinite(millis))
      throw new DataError("A Timestamp value must be a valid Date, got Invalid Date.");
    return BigInt(millis);
  },

  /**
   * The `Date` that is `millis` after the epoch.
   * @throws DataError when `millis` is beyond what a JavaScript `Date` can hold (±8.64e15 ms).
   */
  toLogical(schema: Schema, millis: bigint): Date {
    requireName(schema, LOGICAL_NAME);
    if (millis > MAX_DATE_MILLIS || millis < -MAX_DATE_MILLIS) {
      throw new DataError(
        `Timestamp ${millis} ms is outside the range a JavaScript Date can hold (±8.64e15 ms).`,
      );
    }
    return new Date(Number(millis));
  },
});
