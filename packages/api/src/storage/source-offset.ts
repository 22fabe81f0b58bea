/**
 * One value inside a {@link SourcePartition} or {@link SourceOffset}: the primitives that survive the offsets
 * topic's JSON exactly.
 *
 * - `number` must be finite (JSON has no NaN or Infinity). `-0` is stored as `0`.
 * - `bigint` is for integers beyond `Number.MAX_SAFE_INTEGER`, such as 64-bit log positions. It is written as a JSON
 *   integer with every digit, so no precision is lost. Read back, an integer is a `number` when it is a safe integer
 *   and a `bigint` otherwise: `30n` is stored as `30` and read as `30`. Code that stores bigints should read them with
 *   `BigInt(value)`.
 * - Bytes are not allowed: the offsets topic would turn them into a base64 string that reads back as a string.
 *   Encode them yourself (for example as base64) so the type you read is the type you wrote.
 */
export type OffsetPrimitive = string | number | bigint | boolean | null;

/**
 * Where a source task reads from, such as `{ filename: "a.txt" }` or `{ table: "orders" }`: a plain object of string
 * keys and {@link OffsetPrimitive} values (no nesting, no `Map`).
 *
 * Two partitions are the same when their serialised keys are the same bytes, which Tributary makes independent of
 * property order; see {@link serializeOffsetKey}.
 */
export type SourcePartition = Readonly<Record<string, OffsetPrimitive>>;

/**
 * How far a source task has read in one {@link SourcePartition}, such as `{ position: 30 }`: a plain object of
 * string keys and {@link OffsetPrimitive} values (no nesting, no `Map`).
 */
export type SourceOffset = Readonly<Record<string, OffsetPrimitive>>;
