import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as exported from "./index.js";
import { tributaryPlugins } from "./plugins.js";

type Class = abstract new (...args: never[]) => object;

/** The exported classes that are transformations or predicates: they have `configure` and `apply` or `test`. */
function pluginClasses(): Map<string, Class> {
  const classes = new Map<string, Class>();
  for (const [name, value] of Object.entries(exported)) {
    if (typeof value !== "function" || value.prototype === undefined) continue;
    const proto = value.prototype as Record<string, unknown>;
    const isPlugin =
      typeof proto.configure === "function" &&
      (typeof proto.apply === "function" || typeof proto.test === "function");
    if (isPlugin) classes.set(name, value as Class);
  }
  // A base class (Cast) is not a plugin of its own: its variants (CastKey, CastValue) are.
  for (const [name, value] of [...classes]) {
    if ([...classes.values()].some((other) => other !== value && other.prototype instanceof value))
      classes.delete(name);
  }
  return classes;
}

/** Kafka's name of an exported class: `InsertFieldValue`, a variant of `InsertField`, is `InsertField$Value`. */
function kafkaName(exportName: string, type: Class): string {
  const base = (Object.getPrototypeOf(type) as { name?: string }).name ?? "";
  for (const variant of ["Key", "Value"]) {
    if (base !== "" && exportName === `${base}${variant}`) return `${base}$${variant}`;
  }
  return exportName;
}

describe("tributaryPlugins", () => {
  it("lists every exported transformation and predicate class, each creating new instances of it", () => {
    const classes = pluginClasses();
    expect(classes.size).toBeGreaterThan(0);
    for (const [name, type] of classes) {
      const listed = tributaryPlugins.filter((plugin) => plugin.create() instanceof type);
      expect(
        listed.map((plugin) => plugin.className),
        name,
      ).toEqual([`@tributary/transforms/${kafkaName(name, type)}`]);
      const [plugin] = listed;
      expect(plugin?.create()).not.toBe(plugin?.create());
    }
    expect(tributaryPlugins).toHaveLength(classes.size);
  });

  it("names each plugin as Tributary, by its short name and by Kafka's Java class name", () => {
    for (const plugin of tributaryPlugins) {
      const short = plugin.className.replace("@tributary/transforms/", "");
      const kafkaPackage =
        plugin.type === "predicate"
          ? "org.apache.kafka.connect.transforms.predicates."
          : "org.apache.kafka.connect.transforms.";
      expect(plugin.aliases).toEqual([`${kafkaPackage}${short}`, short]);
      const instance = plugin.create() as Record<string, unknown>;
      expect(typeof (plugin.type === "predicate" ? instance.test : instance.apply)).toBe("function");
    }
    const names = tributaryPlugins.flatMap((plugin) => [plugin.className, ...(plugin.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
  });

  it("lists every SMT and predicate of Kafka Connect, with the Key and Value variants Kafka has", () => {
    const kafka = "org.apache.kafka.connect.transforms.";
    const variants = [
      "Cast",
      "ExtractField",
      "Flatten",
      "HeaderFrom",
      "HoistField",
      "InsertField",
      "MaskField",
    ]
      .concat(["ReplaceField", "SetSchemaMetadata", "TimestampConverter"])
      .flatMap((name) => [`${kafka}${name}$Key`, `${kafka}${name}$Value`]);
    const single = [
      "DropHeaders",
      "Filter",
      "InsertHeader",
      "RegexRouter",
      "TimestampRouter",
      "ValueToKey",
    ].map((name) => `${kafka}${name}`);
    const predicates = ["HasHeaderKey", "RecordIsTombstone", "TopicNameMatches"].map(
      (name) => `${kafka}predicates.${name}`,
    );
    const names = tributaryPlugins.map((plugin) => plugin.aliases?.[0]);
    expect([...names].sort()).toEqual([...variants, ...single, ...predicates].sort());
    expect(tributaryPlugins.filter((plugin) => plugin.type === "predicate")).toHaveLength(3);
  });

  it("reports the package's version and is frozen", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    for (const plugin of tributaryPlugins) expect(plugin.version).toBe(pkg.version);
    expect(Object.isFrozen(tributaryPlugins)).toBe(true);
  });

  it("is exported from the package's entry point", () => {
    expect(exported.tributaryPlugins).toBe(tributaryPlugins);
  });
});
