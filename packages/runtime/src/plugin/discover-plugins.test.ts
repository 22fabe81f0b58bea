import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Logger } from "../logging/logger.js";
import { discoverPlugins } from "./discover-plugins.js";

interface Logged {
  readonly level: string;
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

function collectingLogger(): { logger: Logger; logged: Logged[] } {
  const logged: Logged[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => {
    logged.push({ level, fields, message });
  };
  return { logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") }, logged };
}

/** Writes a package directory with a package.json and ES module files. */
function writePackage(dir: string, manifest: Record<string, unknown>, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", ...manifest }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

function descriptorModule(type: string, className: string, aliases: string[] = []): string {
  return `export const tributaryPlugins = [{ type: ${JSON.stringify(type)}, className: ${JSON.stringify(className)}, aliases: ${JSON.stringify(aliases)}, version: "2.0.0", create: () => ({ made: ${JSON.stringify(className)} }) }];\n`;
}

const marker = { tributary: { plugins: true } };

describe("discoverPlugins", () => {
  const root = mkdtempSync(join(tmpdir(), "tributary-discovery-"));
  const plugins = join(root, "plugins");
  writePackage(
    join(plugins, "good"),
    { name: "@acme/good", version: "2.0.0", main: "index.js", ...marker },
    {
      "index.js": descriptorModule("source", "@acme/good/WidgetSourceConnector", [
        "com.acme.WidgetSourceConnector",
      ]),
    },
  );
  writePackage(
    join(plugins, "broken"),
    { name: "@acme/broken", version: "0.0.1", main: "index.js", ...marker },
    { "index.js": 'throw new Error("boom at load");\n' },
  );
  writePackage(
    join(plugins, "no-export"),
    { name: "@acme/no-export", main: "index.js", ...marker },
    { "index.js": "export const somethingElse = 1;\n" },
  );
  writePackage(
    join(plugins, "not-a-plugin"),
    { name: "left-pad-ish", main: "index.js" },
    { "index.js": 'throw new Error("a package without the marker must not be imported");\n' },
  );
  writePackage(
    join(plugins, "node_modules", "@acme", "scoped"),
    {
      name: "@acme/scoped",
      version: "1.0.0",
      exports: { ".": { types: "./x.d.ts", import: "./dist/main.js" } },
      ...marker,
    },
    { "dist/main.js": descriptorModule("transformation", "@acme/scoped/Redact") },
  );
  const project = join(root, "project");
  writePackage(
    join(project, "node_modules", "@acme", "installed"),
    { name: "@acme/installed", version: "3.1.0", ...marker },
    { "index.js": descriptorModule("sink", "@acme/installed/LakeSinkConnector") },
  );
  // A second copy of a package found in plugin.path: the plugin.path copy wins and this one is never imported.
  writePackage(
    join(project, "node_modules", "@acme", "good"),
    { name: "@acme/good", version: "1.0.0", main: "index.js", ...marker },
    { "index.js": 'throw new Error("the shadowed copy must not be imported");\n' },
  );

  it("loads the built-ins, plugin.path packages and installed packages, reporting broken ones", async () => {
    const { logger, logged } = collectingLogger();
    const registry = await discoverPlugins({
      pluginPath: `${plugins}, ${join(root, "missing")}`,
      cwd: project,
      searchFrom: [project],
      logger,
    });

    expect(registry.resolve("JsonConverter", "converter").className).toBe(
      "@tributary/converters/JsonConverter",
    );
    const widget = registry.resolve("WidgetSource", ["source", "sink"]);
    expect(widget.className).toBe("@acme/good/WidgetSourceConnector");
    expect(widget.create()).toEqual({ made: "@acme/good/WidgetSourceConnector" });
    expect(registry.originOf(widget)).toBe("@acme/good@2.0.0");
    expect(registry.resolve("com.acme.WidgetSourceConnector")).toBe(widget);
    expect(registry.resolve("Redact", "transformation").className).toBe("@acme/scoped/Redact");
    expect(registry.resolve("LakeSink", ["source", "sink"]).className).toBe(
      "@acme/installed/LakeSinkConnector",
    );

    const warnings = logged.filter((entry) => entry.level === "warn").map((entry) => entry.message);
    expect(warnings).toHaveLength(3);
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /^Could not load plugin package @acme\/broken@0\.0\.1 from .*index\.js: boom at load\./,
      ),
    );
    expect(warnings).toContainEqual(
      expect.stringMatching(/^Plugin package @acme\/no-export declares .* exports no tributaryPlugins array/),
    );
    expect(warnings).toContainEqual(
      `plugin.path directory ${join(root, "missing")} does not exist; no plugins are loaded from it.`,
    );
    expect(
      logged.find((entry) => entry.level === "warn" && entry.message.includes("boom"))?.fields.package,
    ).toBe("@acme/broken");
  });

  it("finds installed packages from the working directory without any plugin.path", async () => {
    const registry = await discoverPlugins({ cwd: project, searchFrom: [project] });
    expect(registry.resolve("LakeSinkConnector").className).toBe("@acme/installed/LakeSinkConnector");
    // Without plugin.path, the node_modules copy of @acme/good is the one found, and it fails to load.
    expect(registry.find("WidgetSource")).toBeUndefined();
  });

  it("reports a descriptor that clashes with a built-in and keeps the built-in", async () => {
    const clash = join(root, "clash");
    writePackage(
      join(clash, "fake-json"),
      { name: "fake-json", version: "9.9.9", ...marker },
      { "index.js": descriptorModule("converter", "@tributary/converters/JsonConverter") },
    );
    const { logger, logged } = collectingLogger();
    const registry = await discoverPlugins({ pluginPath: [clash], searchFrom: [], logger });
    expect(registry.resolve("JsonConverter", "converter").version).not.toBe("9.9.9");
    expect(logged.map((entry) => entry.message)).toEqual([
      "The converter @tributary/converters/JsonConverter from fake-json@9.9.9 is already registered from @tributary/converters; the one from @tributary/converters is kept. Remove one of the two packages.",
    ]);
  });
});
