import type { ConfigDef } from "../config/index.js";
import type { ConnectRecord } from "../record/connect-record.js";
import type { Configurable } from "./configurable.js";

/**
 * A single message transformation (SMT): changes, reroutes or drops one record at a time between a task and its
 * converters, as configured with `transforms=...`.
 *
 * The worker creates one instance per task and alias with `new` and no arguments, calls
 * {@link Configurable.configure} once, then {@link Transformation.apply} for each record of that task (source
 * records before conversion, sink records after), and `close()` when the task stops. `apply` is synchronous, so
 * calls never overlap; it must not change the given record or anything reachable from it (its headers are read-only
 * anyway; do not mutate its Struct, arrays or maps either): build a new record with
 * {@link ConnectRecord.newRecord}. `config()` may be called at any time, even on an instance never configured.
 *
 * @typeParam R - the records it handles; {@link ConnectRecord} for transformations that fit both sources and sinks
 *
 * @example
 * ```ts
 * class UppercaseTopic<R extends ConnectRecord> implements Transformation<R> {
 *   configure() {}
 *   apply(record: R) { return record.newRecord({ topic: record.topic.toUpperCase() }); }
 *   config() { return defineConfig({}); }
 *   close() {}
 * }
 * ```
 */
export interface Transformation<R extends ConnectRecord = ConnectRecord> extends Configurable {
  /**
   * The transformed record (`record` itself when nothing changes), or `null` to drop it: a dropped source record is
   * acknowledged to its task through `commitRecord(record, null)`, a dropped sink record is treated as written.
   * @throws DataError when the record does not have what the transformation needs; the worker's error tolerance
   * then decides whether the record is skipped or the task fails.
   */
  apply(record: R): R | null;

  /** The definition of the transformation's configuration keys, for validation and the REST API. */
  config(): ConfigDef<unknown>;

  /** Releases what the transformation holds; called once, when its task stops. */
  close(): void | Promise<void>;
}
