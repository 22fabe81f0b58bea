import { BigDecimal } from "./big-decimal.js";
import { Struct } from "./struct.js";

/**
 * Deep equality of Connect data values, as Kafka Connect compares them: bytes by content, maps by entries (keys
 * compared deeply too), arrays by element, structs by schema and values, dates by instant, decimals by unscaled value
 * and scale.
 */
export function valueEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return Number.isNaN(a) && Number.isNaN(b);
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (a instanceof Uint8Array) return b instanceof Uint8Array && bytesEqual(a, b);
  if (a instanceof Date) return b instanceof Date && a.getTime() === b.getTime();
  if (BigDecimal.isBigDecimal(a)) return a.equals(b);
  if (Struct.isStruct(a)) return a.equals(b);
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => valueEquals(item, b[i]));
  }
  if (a instanceof Map) return b instanceof Map && mapsEqual(a, b);
  return false;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function mapsEqual(a: Map<unknown, unknown>, b: Map<unknown, unknown>): boolean {
  if (a.size !== b.size) return false;
  outer: for (const [key, value] of a) {
    if (b.has(key)) {
      if (!valueEquals(value, b.get(key))) return false;
      continue;
    }
    // Keys that are objects (bytes, structs, lists) match by content, not identity.
    for (const [otherKey, otherValue] of b) {
      if (valueEquals(key, otherKey) && valueEquals(value, otherValue)) continue outer;
    }
    return false;
  }
  return true;
}
