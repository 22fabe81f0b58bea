/**
 * A value as error messages show it: its type, and its JSON text where it has one (`number 1.5`, `string "x"`).
 * @internal
 */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "bigint") return `bigint ${value}`;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  return text === undefined ? typeof value : `${typeof value} ${text}`;
}
