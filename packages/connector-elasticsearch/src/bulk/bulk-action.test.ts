import { describe, expect, it } from "vitest";
import { bulkActionText } from "./bulk-action.js";

const parts = { indexJson: '"orders"', id: 'k"1', version: undefined, document: '{"a":1}' };

describe("bulkActionText", () => {
  it("writes an index action and its document as NDJSON", () => {
    expect(bulkActionText("index", parts)).toBe('{"index":{"_index":"orders","_id":"k\\"1"}}\n{"a":1}\n');
  });

  it("adds an exact external version to index and delete actions", () => {
    const version = String(2n ** 62n + 1n);
    expect(bulkActionText("index", { ...parts, version })).toBe(
      `{"index":{"_index":"orders","_id":"k\\"1","version":${version},"version_type":"external"}}\n{"a":1}\n`,
    );
    expect(bulkActionText("delete", { ...parts, version: "7", document: undefined })).toBe(
      '{"delete":{"_index":"orders","_id":"k\\"1","version":7,"version_type":"external"}}\n',
    );
  });

  it("writes upserts as updates with doc_as_upsert", () => {
    expect(bulkActionText("update", parts)).toBe(
      '{"update":{"_index":"orders","_id":"k\\"1","retry_on_conflict":3}}\n{"doc":{"a":1},"doc_as_upsert":true}\n',
    );
  });

  it("writes creates for data streams, never versioned", () => {
    expect(bulkActionText("create", { ...parts, version: "3" })).toBe(
      '{"create":{"_index":"orders","_id":"k\\"1"}}\n{"a":1}\n',
    );
  });
});
