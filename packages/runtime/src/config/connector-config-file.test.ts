import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { loadConnectorConfigFile, parseConnectorConfigJson } from "./connector-config-file.js";

const dir = mkdtempSync(join(tmpdir(), "tributary-connector-files-"));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("loadConnectorConfigFile", () => {
  it("reads Kafka's connect-file-source.properties unchanged", async () => {
    const path = file(
      "connect-file-source.properties",
      "name=local-file-source\nconnector.class=FileStreamSource\ntasks.max=1\nfile=test.txt\ntopic=connect-test\n",
    );
    expect(await loadConnectorConfigFile(path)).toEqual({
      name: "local-file-source",
      "connector.class": "FileStreamSource",
      "tasks.max": "1",
      file: "test.txt",
      topic: "connect-test",
    });
  });

  it("reads the REST API's JSON shape and a flat JSON map", async () => {
    const rest = file(
      "rest.json",
      JSON.stringify({
        name: "sink",
        config: {
          "connector.class": "FileStreamSink",
          "tasks.max": 2,
          "errors.log.enable": true,
          topics: "a,b",
        },
      }),
    );
    expect(await loadConnectorConfigFile(rest)).toEqual({
      "connector.class": "FileStreamSink",
      "tasks.max": "2",
      "errors.log.enable": "true",
      topics: "a,b",
      name: "sink",
    });
    const flat = file("flat.JSON", JSON.stringify({ name: "flat", "connector.class": "FileStreamSource" }));
    expect(await loadConnectorConfigFile(flat)).toEqual({
      name: "flat",
      "connector.class": "FileStreamSource",
    });
  });

  it("names the file in every error", async () => {
    const missing = join(dir, "missing.properties");
    await expect(loadConnectorConfigFile(missing)).rejects.toThrow(ConfigError);
    await expect(loadConnectorConfigFile(missing)).rejects.toThrow(
      `Cannot read connector config file ${missing}: ENOENT`,
    );
    const yaml = file("c.yaml", "name: x");
    await expect(loadConnectorConfigFile(yaml)).rejects.toThrow(
      `Connector config file ${yaml} has the extension .yaml: name it *.properties (Java properties) or *.json`,
    );
    const broken = file("broken.json", '{"name": "x",');
    await expect(loadConnectorConfigFile(broken)).rejects.toThrow(`${broken} is not valid JSON:`);
    const badEscape = file("bad.properties", "a=\\u12");
    await expect(loadConnectorConfigFile(badEscape)).rejects.toThrow(`in ${badEscape} at line 1`);
    const nested = file("nested.json", JSON.stringify({ name: "x", config: { topics: ["a", "b"] } }));
    await expect(loadConnectorConfigFile(nested)).rejects.toThrow(
      `${nested} (config): the value of "topics" is an array; settings are strings (write lists as comma-separated text`,
    );
  });
});

describe("parseConnectorConfigJson", () => {
  it("refuses a name that contradicts config.name, a null value and settings beside config", () => {
    expect(() => parseConnectorConfigJson('{"name":"a","config":{"name":"b"}}', "c.json")).toThrow(
      'c.json names the connector "a" but its config says name=b: make them the same.',
    );
    expect(() => parseConnectorConfigJson('{"name":"a","tasks.max":null}', "c.json")).toThrow(
      'c.json: the value of "tasks.max" is null;',
    );
    expect(() => parseConnectorConfigJson('{"name":"a","config":{},"topics":"x"}', "c.json")).toThrow(
      'c.json has "config" and also "topics" at the top level',
    );
    expect(() => parseConnectorConfigJson("[1]", "c.json")).toThrow("c.json must hold a JSON object");
    expect(parseConnectorConfigJson('{"name":"a","config":{},"initial_state":"PAUSED"}')).toEqual({
      name: "a",
    });
  });
});
