import { DataError, hasErrorCode } from "../../errors/connect-error.js";
import type { BigDecimal } from "../big-decimal.js";
import { decimalToFloat32, formatJavaFloat } from "../java-number-format.js";
import { Decimal } from "../logical/decimal.js";
import { Schema } from "../schema.js";
import type { SchemaAndValue } from "../schema-and-value.js";
import { SchemaBuilder } from "../schema-builder.js";
import { valueEquals } from "../value-equals.js";
import { convertTo } from "./convert-to.js";
import { parseIsoTemporal } from "./iso-temporal.js";
import { parseJavaDecimal } from "./java-number.js";
import { SchemaMerger } from "./schema-merger.js";
import { isBlank, javaTrim, Tokenizer } from "./tokenizer.js";

const NULL: SchemaAndValue = Object.freeze({ schema: null, value: null });
const TRUE: SchemaAndValue = Object.freeze({ schema: Schema.BOOLEAN_SCHEMA, value: true });
const FALSE: SchemaAndValue = Object.freeze({ schema: Schema.BOOLEAN_SCHEMA, value: false });
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Reads text written by `Values.convertToString` (or by hand) back into a schema and value, as Kafka's
 * `Values.parseString` does; see `Values.parseString` for the rules.
 * @internal
 */
export function parseString(text: string | null | undefined): SchemaAndValue {
  if (text === null || text === undefined) return NULL;
  if (text.length === 0) return { schema: Schema.STRING_SCHEMA, value: text };
  return new ValueParser(new Tokenizer(text)).parse(false) ?? NULL;
}

/**
 * A parsed element: `null` is the literal `null` (or nothing at all), as opposed to a value whose schema is unknown.
 */
type Parsed = SchemaAndValue | null;

class ValueParser {
  readonly #tokens: Tokenizer;

  constructor(tokens: Tokenizer) {
    this.#tokens = tokens;
  }

  /** Parses one value; an embedded one sits inside an array or map, where quoted strings and literals may appear. */
  parse(embedded: boolean): Parsed {
    const tokens = this.#tokens;
    if (!tokens.hasNext()) return null;
    if (embedded && tokens.canConsume('"')) return this.#quotedString();
    if (this.#literal(embedded, "null")) return null;
    if (this.#literal(embedded, "true")) return TRUE;
    if (this.#literal(embedded, "false")) return FALSE;
    const start = tokens.mark();
    try {
      if (tokens.canConsume("[")) return this.#array();
      if (tokens.canConsume("{")) return this.#map();
    } catch (error) {
      // Not a well-formed array or map: read it again as something else (at the top level, plain text).
      if (!hasErrorCode(error, "DATA")) throw error;
      tokens.rewindTo(start);
    }
    const token = tokens.next();
    if (isBlank(token)) return { schema: Schema.STRING_SCHEMA, value: token };
    return this.#scalar(embedded, javaTrim(token));
  }

  /** A literal counts at the top level only when nothing follows it: `true}` is text, not `true`. */
  #literal(embedded: boolean, literal: string): boolean {
    const tokens = this.#tokens;
    const start = tokens.mark();
    if (tokens.canConsume(literal) && (embedded || !tokens.hasNext())) return true;
    tokens.rewindTo(start);
    return false;
  }

  #scalar(embedded: boolean, token: string): SchemaAndValue {
    const first = token.charAt(0);
    const startsWithDigit = first >= "0" && first <= "9";
    if (startsWithDigit) {
      const temporal = this.#temporal(token);
      if (temporal !== undefined) return temporal;
    }
    if (startsWithDigit || first === "+" || first === "-") {
      const number = parseNumber(token);
      if (number !== undefined) return number;
    }
    if (embedded) throw new DataError(`Cannot parse ${JSON.stringify(token)} inside an array or map.`);
    return { schema: Schema.STRING_SCHEMA, value: this.#tokens.original };
  }

  /** Unescaped colons split a time into five tokens (`14`, `:`, `34`, `:`, `54.346Z`): try those first. */
  #temporal(token: string): SchemaAndValue | undefined {
    const tokens = this.#tokens;
    const position = tokens.mark();
    const rest = tokens.nextSpan(4);
    const joined = rest === undefined ? undefined : parseIsoTemporal(token + rest);
    if (joined !== undefined) return joined;
    tokens.rewindTo(position);
    return parseIsoTemporal(token);
  }

  #quotedString(): SchemaAndValue {
    const tokens = this.#tokens;
    let content = "";
    while (tokens.hasNext() && !tokens.canConsume('"')) content += tokens.next();
    return parseIsoTemporal(content) ?? { schema: Schema.STRING_SCHEMA, value: content };
  }

  #array(): SchemaAndValue {
    const tokens = this.#tokens;
    const elements: Parsed[] = [];
    const merger = new SchemaMerger();
    while (tokens.hasNext()) {
      if (tokens.canConsume("]")) return finishArray(elements, merger.common);
      if (tokens.canConsume(",")) throw new DataError("An array element is empty.");
      const element = this.parse(true);
      merger.merge(element?.schema);
      elements.push(element);
      const position = tokens.mark();
      if (tokens.canConsume("]")) tokens.rewindTo(position);
      else if (!tokens.canConsume(",")) throw new DataError("Array elements must be separated by ','.");
    }
    throw new DataError(tokens.previous() === "," ? "An array ends after ','." : "An array lacks its ']'.");
  }

  #map(): SchemaAndValue {
    const tokens = this.#tokens;
    const entries: [SchemaAndValue, Parsed][] = [];
    const keys = new SchemaMerger();
    const values = new SchemaMerger();
    while (tokens.hasNext()) {
      if (tokens.canConsume("}")) return finishMap(entries, keys.common, values.common);
      if (tokens.canConsume(",")) throw new DataError("A map entry is empty.");
      const key = this.parse(true);
      if (key === null || key.value === null) throw new DataError("A map key is null.");
      if (!tokens.canConsume(":")) throw new DataError("A map entry lacks its ':'.");
      const value = this.parse(true);
      entries.push([key, value]);
      tokens.canConsume(",");
      keys.merge(key.schema);
      values.merge(value?.schema);
    }
    throw new DataError(tokens.previous() === "," ? "A map ends after ','." : "A map lacks its '}'.");
  }
}

/**
 * With a common element schema every element is converted to it (a failure makes the whole array unreadable).
 * Without one, Kafka gives an ARRAY schema with no element schema, which a Tributary schema cannot express: the
 * schema is null, and elements lose their schemas.
 */
function finishArray(elements: readonly Parsed[], common: Schema | null): SchemaAndValue {
  if (common === null) return { schema: null, value: elements.map(withoutSchema) };
  return {
    schema: SchemaBuilder.array(common).build(),
    value: elements.map((element) => convertTo(common, null, element?.value ?? null)),
  };
}

function finishMap(
  entries: readonly [SchemaAndValue, Parsed][],
  keySchema: Schema | null,
  valueSchema: Schema | null,
): SchemaAndValue {
  const map = new Map<unknown, unknown>();
  const typed = keySchema !== null && valueSchema !== null;
  for (const [key, value] of entries) {
    // Kafka converts the keys to their common schema even when the values have none.
    const mapKey = keySchema === null ? withoutSchema(key) : convertTo(keySchema, null, key.value);
    const mapValue = typed ? convertTo(valueSchema, null, value?.value ?? null) : withoutSchema(value);
    map.set(existingKey(map, typed ? mapKey : detach(keySchema, mapKey)), mapValue);
  }
  if (!typed) return { schema: null, value: map };
  return { schema: SchemaBuilder.map(keySchema, valueSchema).build(), value: map };
}

/** Keys that are objects (dates, arrays) are equal by content, as in Java; a later entry replaces an earlier one. */
function existingKey(map: Map<unknown, unknown>, key: unknown): unknown {
  if (typeof key !== "object" || key === null || map.has(key)) return key;
  for (const candidate of map.keys()) if (valueEquals(candidate, key)) return candidate;
  return key;
}

/**
 * An element's value for a container that has no schema. A FLOAT32 becomes the double its text shows (`1.1`, not
 * `1.100000023841858`), so that it is written back as Kafka writes the float; nested containers likewise.
 */
function withoutSchema(parsed: Parsed): unknown {
  if (parsed === null) return null;
  return detach(parsed.schema, parsed.value);
}

function detach(schema: Schema | null, value: unknown): unknown {
  if (schema === null || value === null) return value;
  switch (schema.type) {
    case "FLOAT32":
      return Number(formatJavaFloat(value as number));
    case "ARRAY":
      return (value as unknown[]).map((item) => detach(schema.valueSchema(), item));
    case "MAP": {
      const map = new Map<unknown, unknown>();
      for (const [key, item] of value as Map<unknown, unknown>) {
        map.set(detach(schema.keySchema(), key), detach(schema.valueSchema(), item));
      }
      return map;
    }
    default:
      return value;
  }
}

/**
 * A number as the narrowest type that holds it exactly: INT8, INT16, INT32, INT64 for integers (`1.0` included);
 * FLOAT32 for any other non-integer the float range covers, FLOAT64 beyond it; a Decimal past both, or for an integer
 * beyond 64 bits. Returns undefined for text that is not a number.
 */
function parseNumber(token: string): SchemaAndValue | undefined {
  const decimal = parseJavaDecimal(token);
  if (decimal === undefined) return undefined;
  const integer = exactInteger(decimal);
  if (integer !== undefined) return integer;
  if (decimal.scale !== 0) {
    const float = decimalToFloat32(decimal);
    if (Number.isFinite(float)) return { schema: Schema.FLOAT32_SCHEMA, value: float };
    const double = decimal.toNumber();
    if (Number.isFinite(double)) return { schema: Schema.FLOAT64_SCHEMA, value: double };
  }
  return { schema: Decimal.schema(decimal.scale), value: decimal };
}

function exactInteger({ unscaled, scale }: BigDecimal): SchemaAndValue | undefined {
  let integer: bigint;
  if (unscaled === 0n) {
    integer = 0n;
  } else if (scale <= 0) {
    // 10^19 and beyond is past the 64-bit range.
    if (-scale >= 19) return undefined;
    integer = unscaled * 10n ** BigInt(-scale);
  } else {
    const digits = (unscaled < 0n ? -unscaled : unscaled).toString().length;
    if (scale >= digits) return undefined;
    const divisor = 10n ** BigInt(scale);
    if (unscaled % divisor !== 0n) return undefined;
    integer = unscaled / divisor;
  }
  if (integer < INT64_MIN || integer > INT64_MAX) return undefined;
  const small = Number(integer);
  if (small >= -128 && small <= 127) return { schema: Schema.INT8_SCHEMA, value: small };
  if (small >= -32768 && small <= 32767) return { schema: Schema.INT16_SCHEMA, value: small };
  if (small >= -2147483648 && small <= 2147483647) return { schema: Schema.INT32_SCHEMA, value: small };
  return { schema: Schema.INT64_SCHEMA, value: integer };
}
