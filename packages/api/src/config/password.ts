const BRAND = Symbol.for("tributary.Password");
// Node's util.inspect looks this symbol up; using Symbol.for keeps the API free of a node:util import.
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * A secret configuration value, such as a PASSWORD key's value: it prints as `[hidden]` everywhere and gives the
 * secret only to an explicit {@link Password.value} call.
 *
 * `String(p)`, template strings, `JSON.stringify` and `util.inspect` all show `[hidden]`, so a parsed config can be
 * logged or serialised without leaking the secret. The secret is kept in a private field, which neither
 * `Object.keys`, spreading nor `structuredClone` copy. Instances are immutable.
 *
 * @example
 * ```ts
 * const password = new Password("s3cret");
 * `${password}`;      // "[hidden]"
 * password.value();   // "s3cret"
 * ```
 */
export class Password {
  /** The text shown in place of every secret. */
  static readonly HIDDEN = "[hidden]";

  readonly #value: string;

  /** Wraps `value`, the secret text. */
  constructor(value: string) {
    this.#value = value;
    Object.defineProperty(this, BRAND, { value: true });
    Object.freeze(this);
  }

  /** True for any Password, including one created by another copy of this package. */
  static isPassword(value: unknown): value is Password {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** The secret itself; pass it only to the system that needs it, never to a log. */
  value(): string {
    return this.#value;
  }

  /** True when `other` is a Password holding the same secret. */
  equals(other: unknown): boolean {
    return Password.isPassword(other) && other.value() === this.#value;
  }

  /** Always `[hidden]`. */
  toString(): string {
    return Password.HIDDEN;
  }

  /** Always `[hidden]`, so `JSON.stringify` never writes the secret. */
  toJSON(): string {
    return Password.HIDDEN;
  }

  /** Always `[hidden]`, for `util.inspect` and `console.log`. @internal */
  [INSPECT](): string {
    return Password.HIDDEN;
  }
}
