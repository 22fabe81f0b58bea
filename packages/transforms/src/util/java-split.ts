/**
 * Splits `text` at every `separator` as Java's `String.split` does with a literal separator: trailing empty parts
 * are dropped, so `"a:b:"` gives `["a", "b"]`, `":"` gives `[]` and `""` gives `[""]`. Kafka splits its `a:b`
 * settings (Cast's spec, ReplaceField's renames) this way, and users' configurations depend on it.
 * @internal
 */
export function javaSplit(text: string, separator: string): string[] {
  const parts = text.split(separator);
  if (text === "") return parts;
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}
