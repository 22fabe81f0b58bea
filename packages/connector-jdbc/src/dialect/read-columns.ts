import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  Decimal,
  SchemaBuilder,
} from "@tributary/api";
import type { ColumnDefinition, ColumnReader, NumericMapping } from "./dialect-reader.js";
import { parseDateOnly, parseTimeOfDay, type ReadTimeZone } from "./read-time-zone.js";

/** The lowest scale Confluent's mappings treat as an integer (Oracle's NUMBER may have negative scales). */
const LOWEST_INTEGER_SCALE = -84;

function reader(
  column: ColumnDefinition,
  builder: SchemaBuilder,
  read: (raw: unknown) => unknown,
): ColumnReader {
  if (column.nullable) builder.optional();
  return Object.freeze({ column, schema: builder.build(), read });
}

function toNumber(raw: unknown): number {
  return typeof raw === "number" ? raw : Number(raw);
}

function toBigint(raw: unknown): bigint {
  if (typeof raw === "bigint") return raw;
  if (typeof raw === "number" && Number.isInteger(raw)) return BigInt(raw);
  if (typeof raw === "string" && /^[+-]?\d+$/.test(raw)) return BigInt(raw);
  throw new DataError(`Cannot read the database value ${String(raw)} as a 64-bit integer.`);
}

function toText(raw: unknown): string {
  if (typeof raw === "string") return raw;
  if (Buffer.isBuffer(raw)) return raw.toString("utf8");
  // mysql2 parses MySQL JSON columns; the source hands JSON on as text.
  if (typeof raw === "object" && raw !== null) return JSON.stringify(raw);
  return String(raw);
}

const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

/**
 * Decimal text the database wrote in the column's own scale (`-12.30` for scale 2), read straight into its unscaled
 * integer; `undefined` for any other shape, which the general parser then reads.
 */
function plainDecimal(text: string, scale: number): BigDecimal | undefined {
  const point = text.indexOf(".");
  const fractionDigits = point === -1 ? 0 : text.length - point - 1;
  if (fractionDigits !== scale || text.length === 0) return undefined;
  for (let i = text.charCodeAt(0) === MINUS ? 1 : 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < ZERO || code > NINE) && i !== point) return undefined;
  }
  const negative = text.charCodeAt(0) === MINUS;
  const digitCount = text.length - (negative ? 1 : 0) - (point === -1 ? 0 : 1);
  if (digitCount > 0 && digitCount <= 15) {
    // Few enough digits for a double to hold the unscaled value exactly: skip building and parsing a string.
    let unscaled = 0;
    for (let i = negative ? 1 : 0; i < text.length; i++) {
      if (i !== point) unscaled = unscaled * 10 + (text.charCodeAt(i) - ZERO);
    }
    return BigDecimal.of(BigInt(negative ? -unscaled : unscaled), scale);
  }
  try {
    return BigDecimal.of(BigInt(point === -1 ? text : text.slice(0, point) + text.slice(point + 1)), scale);
  } catch {
    return undefined; // "-" or "-.5": the general parser says what is wrong
  }
}

/**
 * Column readers for the Connect types every dialect maps to, each taking the values the {@link SqlClient}s return
 * (see its documentation) and giving exact Connect values.
 * @internal
 */
export const ReadColumns = Object.freeze({
  boolean(column: ColumnDefinition): ColumnReader {
    return reader(column, SchemaBuilder.bool(), (raw) => {
      if (typeof raw === "boolean") return raw;
      if (Buffer.isBuffer(raw)) return raw.some((byte) => byte !== 0);
      if (typeof raw === "string") return raw === "t" || raw === "true" || raw === "1";
      return toNumber(raw) !== 0;
    });
  },

  int8(column: ColumnDefinition): ColumnReader {
    return reader(column, SchemaBuilder.int8(), toNumber);
  },

  int16(column: ColumnDefinition): ColumnReader {
    return reader(column, SchemaBuilder.int16(), toNumber);
  },

  int32(column: ColumnDefinition): ColumnReader {
    return reader(column, SchemaBuilder.int32(), toNumber);
  },

  int64(column: ColumnDefinition): ColumnReader {
    return reader(column, SchemaBuilder.int64(), toBigint);
  },

  float32(column: ColumnDefinition): ColumnReader {
    return reader(column, SchemaBuilder.float32(), (raw) => Math.fround(toNumber(raw)));
  },

  float64(column: ColumnDefinition): ColumnReader {
    return reader(column, SchemaBuilder.float64(), toNumber);
  },

  string(column: ColumnDefinition): ColumnReader {
    return reader(column, SchemaBuilder.string(), toText);
  },

  bytes(column: ColumnDefinition): ColumnReader {
    return reader(column, SchemaBuilder.bytes(), (raw) =>
      raw instanceof Uint8Array ? raw : Buffer.from(toText(raw), "utf8"),
    );
  },

  date(column: ColumnDefinition): ColumnReader {
    return reader(column, ConnectDate.builder(), (raw) =>
      raw instanceof Date ? raw : parseDateOnly(toText(raw)),
    );
  },

  time(column: ColumnDefinition): ColumnReader {
    return reader(column, ConnectTime.builder(), (raw) => parseTimeOfDay(toText(raw)));
  },

  /** A date-time column; its text is read in UTC when the column holds instants, else in `db.timezone`. */
  timestamp(column: ColumnDefinition, zone: ReadTimeZone, utc: ReadTimeZone): ColumnReader {
    const textZone = column.instant ? utc : zone;
    return reader(column, ConnectTimestamp.builder(), (raw) => {
      if (raw instanceof Date) return raw;
      // SQLite may hold a date-time as a number: milliseconds since the epoch.
      if (typeof raw === "number" || typeof raw === "bigint") return new Date(Number(raw));
      return new Date(textZone.parseDateTimeMillis(toText(raw)));
    });
  },

  /**
   * A NUMERIC/DECIMAL column under `numeric.mapping`, as Confluent maps it: integers for a scale of at most 0 and
   * a precision below 19 (precision_only, best_fit), FLOAT64 for a positive scale (best_fit below precision 19,
   * best_fit_eager_double always), else Decimal with the column's scale. A column declared without precision and
   * scale (PostgreSQL `numeric`, SQLite `NUMERIC`) holds values of any scale, which no Decimal schema fits: it
   * maps to FLOAT64 under the best_fit mappings and to the exact text (STRING) otherwise.
   */
  numeric(column: ColumnDefinition, mapping: NumericMapping): ColumnReader {
    const { precision, scale } = column;
    if (precision === undefined || precision <= 0 || scale === undefined) {
      if (mapping === "best_fit" || mapping === "best_fit_eager_double") return ReadColumns.float64(column);
      return ReadColumns.string(column);
    }
    const integral = scale <= 0 && scale >= LOWEST_INTEGER_SCALE;
    if (mapping === "best_fit_eager_double" && scale > 0) return ReadColumns.float64(column);
    if ((mapping === "precision_only" && scale === 0) || (mapping.startsWith("best_fit") && integral)) {
      if (precision < 19) {
        if (precision > 9) return ReadColumns.int64(column);
        if (precision > 4) return ReadColumns.int32(column);
        if (precision > 2) return ReadColumns.int16(column);
        return ReadColumns.int8(column);
      }
    } else if (mapping === "best_fit" && precision < 19) {
      return ReadColumns.float64(column);
    }
    // Confluent's source names the precision too, so a sink can create DECIMAL(precision, scale) exactly.
    const builder = Decimal.builder(scale).parameter("connect.decimal.precision", String(precision));
    return reader(column, builder, (raw) => {
      if (typeof raw === "string") {
        const exact = plainDecimal(raw, scale);
        if (exact !== undefined) return exact;
      }
      const value =
        typeof raw === "number" ? BigDecimal.fromNumber(raw) : BigDecimal.parse(toText(raw).trim());
      return value.scale === scale ? value : value.withScale(scale);
    });
  },
});
