import { Config, defineConfig } from "@tributary/api";

/** The roles a converter can play, as Kafka's `ConverterType`. */
export type ConverterType = "key" | "value" | "header";

/**
 * Declares `converter.type`, the key every converter's configuration has: how the converter is used. It has no
 * default; `configure(props, isKey)` fills it in, and a worker sets it to `header` for header converters.
 */
export function converterTypeKey() {
  return Config.enum(["key", "value", "header"], {
    importance: "LOW",
    documentation: "How this converter will be used: for record keys, record values or headers.",
  });
}

/**
 * The configuration of converters that have no settings of their own (the number, boolean and byte-array
 * converters): only `converter.type`.
 */
export const ConverterConfig = defineConfig({
  "converter.type": converterTypeKey(),
});

/**
 * `props` with `converter.type` set from `isKey` when it is given, as Kafka's `configure(configs, isKey)` does;
 * unchanged when it is not (a header converter's `configure(props)`).
 * @internal
 */
export function withConverterType(
  props: Readonly<Record<string, unknown>>,
  isKey: boolean | undefined,
): Readonly<Record<string, unknown>> {
  return isKey === undefined ? props : { ...props, "converter.type": isKey ? "key" : "value" };
}
