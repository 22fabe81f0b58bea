import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { offsetBackingStoreContract } from "../../test/offset-backing-store-contract.js";
import { ConnectError, DataError, IllegalWorkerStateError, RetriableError } from "../errors/connect-error.js";
import { FileOffsetBackingStore } from "./file-offset-backing-store.js";

offsetBackingStoreContract("FileOffsetBackingStore", async () => {
  const dir = await mkdtemp(join(tmpdir(), "tributary-offsets-"));
  return {
    create: () => new FileOffsetBackingStore({ file: join(dir, "offsets.json") }),
    durable: true,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describe("FileOffsetBackingStore", () => {
  let dir: string;
  let file: string;
  const stores: FileOffsetBackingStore[] = [];
  const open = (path = file) => {
    const store = new FileOffsetBackingStore({ file: path });
    stores.push(store);
    return store;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "tributary-offsets-"));
    file = join(dir, "offsets.json");
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the documented format: one entry per line, sorted by key, keys and values verbatim", async () => {
    const store = open();
    await store.start();
    await store.set(
      new Map([
        ['["file-source",{"filename":"b.txt"}]', '{"position":7}'],
        ['["file-source",{"filename":"a.txt"}]', '{"position":30}'],
      ]),
    );
    expect(await readFile(file, "utf8")).toBe(
      '{"version":1,"offsets":[\n' +
        '{"key":["file-source",{"filename":"a.txt"}],"value":{"position":30}},\n' +
        '{"key":["file-source",{"filename":"b.txt"}],"value":{"position":7}}\n' +
        "]}\n",
    );
    await store.set(
      new Map([
        ['["file-source",{"filename":"a.txt"}]', null],
        ['["file-source",{"filename":"b.txt"}]', null],
      ]),
    );
    expect(await readFile(file, "utf8")).toBe('{"version":1,"offsets":[]}\n');
  });

  it("lists the keys it holds, also those read from the file at start", async () => {
    const store = open();
    await store.start();
    await store.set(
      new Map([
        ['["a",{"f":"1"}]', '{"p":1}'],
        ['["b",{"f":"2"}]', '{"p":2}'],
      ]),
    );
    await store.set(new Map([['["a",{"f":"1"}]', null]]));
    await store.stop();
    const again = open();
    await expect(again.keys()).rejects.toBeInstanceOf(IllegalWorkerStateError);
    await again.start();
    expect(await again.keys()).toEqual(['["b",{"f":"2"}]']);
  });

  it("treats a missing file as an empty store and creates it only on the first set", async () => {
    const store = open();
    await store.start();
    expect(await store.get(['["c",{}]'])).toEqual(new Map());
    expect(await readdir(dir)).toEqual([]);
  });

  it("reads a file edited by hand: any whitespace, properties in any order, null values as absent", async () => {
    await writeFile(
      file,
      '{ "offsets" : [\n  { "value": {"position": 3}, "key": ["c", {"f": "x"}] },\n' +
        '  { "key": ["c",{"f":"y"}], "value": null }\n ],\n "version": 1 }',
    );
    const store = open();
    await store.start();
    expect(await store.get(['["c", {"f": "x"}]', '["c",{"f":"y"}]'])).toEqual(
      new Map([['["c", {"f": "x"}]', '{"position": 3}']]),
    );
  });

  it.each([
    ["a truncated file", '{"version":1,"offsets":[\n{"key":["c",{}],"value":{"pos', /unterminated string/],
    ["an empty file", "", /expected "\{", found the end of the text/],
    ["a file of something else", "offsets=1\n", /expected "\{"/],
    ["another format version", '{"version":2,"offsets":[]}', /format version number 2, but this Tributary/],
    ["a file without version", '{"offsets":[]}', /no "version"/],
    [
      "a repeated key",
      '{"version":1,"offsets":[{"key":1,"value":2},{"key":1,"value":3}]}',
      /key 1 appears twice/,
    ],
    ["an entry without value", '{"version":1,"offsets":[{"key":1}]}', /needs both "key" and "value"/],
    ["text after the object", '{"version":1,"offsets":[]}{}', /unexpected text after the top-level object/],
  ])("refuses to start on %s, naming the file and what to do", async (_, content, detail) => {
    await writeFile(file, content);
    const store = open();
    const failure = store.start();
    await expect(failure).rejects.toThrow(ConnectError);
    await expect(failure).rejects.toThrow(`The offset file ${file} is corrupt`);
    await expect(failure).rejects.toThrow(detail);
    await expect(failure).rejects.toThrow(/move it away to start with no stored offsets/);
    await expect(store.get(["1"])).rejects.toThrow(IllegalWorkerStateError);
    expect(await readFile(file, "utf8")).toBe(content);
  });

  it("refuses a file that is not UTF-8", async () => {
    await writeFile(file, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    await expect(open().start()).rejects.toThrow(/is corrupt: it is not valid UTF-8/);
  });

  it("points at the line and column of a problem", async () => {
    await writeFile(
      file,
      '{"version":1,"offsets":[\n{"key":["c",{}],"value":{"position":1}},\n{"key":oops}\n]}',
    );
    await expect(open().start()).rejects.toThrow(
      /expected a JSON value, found "oops}\\n]}" at line 3, column 8/,
    );
  });

  it("removes temporary files an interrupted write left behind, and nothing else", async () => {
    const store = open();
    await store.start();
    await store.set(new Map([['["c",{}]', '{"position":1}']]));
    await store.stop();
    await writeFile(join(dir, "offsets.json.4242.7.tmp"), '{"version":1,"offsets":[{"key":');
    await writeFile(join(dir, "offsets.json.bak"), "keep me");
    await writeFile(join(dir, "other.json.1.1.tmp"), "keep me too");
    const reopened = open();
    await reopened.start();
    expect((await readdir(dir)).sort()).toEqual(["offsets.json", "offsets.json.bak", "other.json.1.1.tmp"]);
    expect(await reopened.get(['["c",{}]'])).toEqual(new Map([['["c",{}]', '{"position":1}']]));
  });

  it("rejects keys and values it could not read back as the same text, and changes nothing", async () => {
    const store = open();
    await store.start();
    await store.set(new Map([['["c",{}]', '{"position":1}']]));
    const bad = [
      new Map([["not json", "{}"]]),
      new Map([['["c",{}]', " {}"]]),
      new Map([
        ['["c",{"f":1}]', "{}"],
        ['["c",{}]', '{"position":'],
      ]),
    ];
    for (const batch of bad) await expect(store.set(batch)).rejects.toThrow(DataError);
    await expect(store.set(bad[0]!)).rejects.toThrow(/the key string "not json" cannot be stored/);
    expect(await store.get(['["c",{}]', '["c",{"f":1}]'])).toEqual(new Map([['["c",{}]', '{"position":1}']]));
    expect(await readFile(file, "utf8")).toContain('"value":{"position":1}}');
  });

  it("fails to start when the directory is missing", async () => {
    const store = open(join(dir, "missing", "offsets.json"));
    await expect(store.start()).rejects.toThrow(/directory .*missing of the offset file .* does not exist/);
  });

  it("keeps the previous state when a write fails, and writes again once it can", async () => {
    const nested = join(dir, "nested");
    await mkdir(nested);
    const store = open(join(nested, "offsets.json"));
    await store.start();
    await store.set(new Map([['["c",{}]', '{"position":1}']]));
    await rm(nested, { recursive: true });
    const failure = store.set(new Map([['["c",{}]', '{"position":2}']]));
    await expect(failure).rejects.toThrow(RetriableError);
    await expect(failure).rejects.toThrow(/Could not write offsets to .*offsets\.json: .*ENOENT/);
    expect(await store.get(['["c",{}]'])).toEqual(new Map([['["c",{}]', '{"position":1}']]));
    await mkdir(nested);
    await store.set(new Map([['["c",{}]', '{"position":3}']]));
    expect(await readFile(join(nested, "offsets.json"), "utf8")).toContain('"value":{"position":3}');
    expect(await readdir(nested)).toEqual(["offsets.json"]);
  });
});
