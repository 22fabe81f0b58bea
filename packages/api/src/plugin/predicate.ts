import type { ConfigDef } from "../config/index.js";
import type { ConnectRecord } from "../record/connect-record.js";
import type { Configurable } from "./configurable.js";

/**
 * A condition on records that decides whether a {@link Transformation} applies to a record, as configured with
 * `predicates=...` and `transforms.<alias>.predicate` (negated by `transforms.<alias>.negate=true`).
 *
 * The worker creates one instance per task and alias with `new` and no arguments, calls
 * {@link Configurable.configure} once, then {@link Predicate.test} for each record reaching the transformations it
 * guards, and `close()` when the task stops. `test` is synchronous, so calls never overlap, and must not change the
 * record. `config()` may be called at any time, even on an instance never configured.
 *
 * @typeParam R - the records it tests
 */
export interface Predicate<R extends ConnectRecord = ConnectRecord> extends Configurable {
  /** True when `record` satisfies the condition. */
  test(record: R): boolean;

  /** The definition of the predicate's configuration keys, for validation and the REST API. */
  config(): ConfigDef<unknown>;

  /** Releases what the predicate holds; called once, when its task stops. */
  close(): void | Promise<void>;
}
