import { readFileSync } from "node:fs";
import { SinkConnector, SourceConnector } from "@tributary/api";
import { describe, expect, it } from "vitest";
import * as main from "./index.js";
import { tributaryPlugins } from "./plugins.js";
import { VERSION } from "./version.js";

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
  tributary?: { plugins?: boolean };
};

describe("the package's plugins", () => {
  it("name both connectors by full name and by Kafka's class names, and create fresh instances", () => {
    expect(tributaryPlugins.map((p) => [p.type, p.className, p.aliases])).toEqual([
      [
        "source",
        "@tributary/connector-file/FileStreamSourceConnector",
        ["org.apache.kafka.connect.file.FileStreamSourceConnector"],
      ],
      [
        "sink",
        "@tributary/connector-file/FileStreamSinkConnector",
        ["org.apache.kafka.connect.file.FileStreamSinkConnector"],
      ],
    ]);
    const [source, sink] = tributaryPlugins;
    expect(source?.create()).toBeInstanceOf(SourceConnector);
    expect(sink?.create()).toBeInstanceOf(SinkConnector);
    expect(source?.create()).not.toBe(source?.create());
  });

  it("are exported from the main entry, and the package.json marks it as a plugin package", () => {
    expect(main.tributaryPlugins).toBe(tributaryPlugins);
    expect(manifest.tributary?.plugins).toBe(true);
  });

  it("report the package's version", () => {
    expect(VERSION).toBe(manifest.version);
    expect(tributaryPlugins.every((plugin) => plugin.version === manifest.version)).toBe(true);
  });
});
