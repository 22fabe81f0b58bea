/** A field InsertField adds: its name, and whether its schema is optional. */
export interface InsertionSpec {
  /** The field's name, without the suffix. */
  readonly name: string;
  /** False when the configured name ended with `!`; true otherwise (`?` or no suffix). */
  readonly optional: boolean;
}

/**
 * Reads a configured field name: a trailing `!` makes the field required, a trailing `?` (or none) optional, and
 * only that one character is removed (`a?!` is the required field `a?`).
 * @internal
 */
export function parseInsertionSpec(text: string | undefined): InsertionSpec | undefined {
  if (text === undefined) return undefined;
  if (text.endsWith("?")) return { name: text.slice(0, -1), optional: true };
  if (text.endsWith("!")) return { name: text.slice(0, -1), optional: false };
  return { name: text, optional: true };
}
