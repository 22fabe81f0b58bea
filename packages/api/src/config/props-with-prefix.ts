/**
 * The entries of `props` whose key starts with `prefix`, with the prefix stripped, as Kafka's
 * `originalsWithPrefix` gives them: how a converter sees `value.converter.*` or a transform `transforms.<alias>.*`.
 *
 * A key equal to the prefix itself (which would become the empty key) is left out, and so are undefined values.
 *
 * @example
 * ```ts
 * propsWithPrefix({ "value.converter": "Json", "value.converter.schemas.enable": "false" }, "value.converter.");
 * // { "schemas.enable": "false" }
 * ```
 */
export function propsWithPrefix(
  props: Readonly<Record<string, unknown>>,
  prefix: string,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key.length > prefix.length && key.startsWith(prefix) && value !== undefined) {
      result[key.slice(prefix.length)] = value;
    }
  }
  return result;
}
