import { ConnectError } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { classifyItem, errorMessageOf, parseBulkResponse } from "./bulk-response.js";

describe("parseBulkResponse", () => {
  it("finds an answer without errors without reading the items", () => {
    expect(
      parseBulkResponse('{"errors":false,"items":[{"index":{"status":201}}]}', ["index"]),
    ).toBeUndefined();
  });

  it("classifies each item of an answer with errors, in order", () => {
    const body = JSON.stringify({
      errors: true,
      items: [
        { index: { status: 201 } },
        { index: { status: 409, error: { type: "version_conflict_engine_exception", reason: "newer" } } },
        { index: { status: 429, error: { type: "cluster_block_exception", reason: "blocked" } } },
        {
          index: {
            status: 400,
            error: {
              type: "mapper_parsing_exception",
              reason: "failed to parse field [n]",
              caused_by: { type: "number_format_exception", reason: 'For input string: "x"' },
            },
          },
        },
        { delete: { status: 404 } },
        { index: { status: 403, error: { type: "security_exception", reason: "no privilege" } } },
      ],
    });
    const results = parseBulkResponse(body, ["index", "index", "index", "index", "delete", "index"]);
    expect(results?.map((result) => result.outcome)).toEqual([
      "ok",
      "conflict",
      "retry",
      "malformed",
      "ok",
      "fatal",
    ]);
    expect(results?.[3]?.error).toBe(
      'mapper_parsing_exception: failed to parse field [n] (caused by number_format_exception: For input string: "x")',
    );
  });

  it("refuses an answer with a different number of items", () => {
    expect(() => parseBulkResponse('{"errors":true,"items":[]}', ["index"])).toThrow(ConnectError);
  });
});

describe("classifyItem", () => {
  it("retries 429 and 503, and update conflicts, which a later try can win", () => {
    expect(classifyItem("index", 429, { type: "es_rejected_execution_exception" })).toBe("retry");
    expect(classifyItem("index", 503, { type: "unavailable_shards_exception" })).toBe("retry");
    expect(classifyItem("update", 409, { type: "version_conflict_engine_exception" })).toBe("retry");
  });

  it("treats version conflicts of versioned writes and data stream creates as obsolete records", () => {
    expect(classifyItem("index", 409, { type: "version_conflict_engine_exception" })).toBe("conflict");
    expect(classifyItem("delete", 409, { type: "version_conflict_engine_exception" })).toBe("conflict");
    expect(classifyItem("create", 409, { type: "version_conflict_engine_exception" })).toBe("conflict");
  });

  it("treats mapping and parse failures of one document as malformed", () => {
    for (const type of [
      "mapper_parsing_exception",
      "document_parsing_exception",
      "illegal_argument_exception",
      "strict_dynamic_mapping_exception",
    ]) {
      expect(classifyItem("index", 400, { type })).toBe("malformed");
    }
  });

  it("takes a delete answered 404 as done, whether the document or the whole index is missing", () => {
    expect(classifyItem("delete", 404, undefined)).toBe("ok");
    expect(classifyItem("delete", 404, { type: "index_not_found_exception" })).toBe("ok");
  });

  it("treats anything else as fatal", () => {
    expect(classifyItem("index", 404, { type: "index_not_found_exception" })).toBe("fatal");
    expect(classifyItem("index", 500, { type: "internal_error" })).toBe("fatal");
  });
});

describe("errorMessageOf", () => {
  it("reads the engine's error, or shows the body", () => {
    expect(errorMessageOf('{"error":{"type":"a","reason":"b"},"status":400}')).toBe("a: b");
    expect(errorMessageOf("Bad Gateway")).toBe("Bad Gateway");
  });
});
