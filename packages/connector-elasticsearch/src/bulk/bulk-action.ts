import type { BulkOperation } from "./bulk-response.js";

/** What one bulk action says, besides its operation. */
export interface BulkActionParts {
  /** The index or data stream name, already as JSON text (`"orders"`), since it is the same for many actions. */
  readonly indexJson: string;
  /** The document id. */
  readonly id: string;
  /** The external version as decimal digits, or `undefined` for none. */
  readonly version: string | undefined;
  /** The document as JSON text on one line; `undefined` for a delete. */
  readonly document: string | undefined;
}

/**
 * The NDJSON lines of one bulk action, each ending in `\n`:
 * - `index`: the action with `version` and `version_type: external` when versioned, then the document;
 * - `create` (data streams): the action, then the document;
 * - `update` (upsert): the action with `retry_on_conflict: 3`, then `{"doc":…,"doc_as_upsert":true}`;
 * - `delete`: the action alone, versioned like `index`.
 *
 * Versions are written as bare digits, so a version past 2^53 is exact.
 * @internal
 */
export function bulkActionText(operation: BulkOperation, parts: BulkActionParts): string {
  const head = `{"${operation}":{"_index":${parts.indexJson},"_id":${JSON.stringify(parts.id)}`;
  const versioned =
    parts.version === undefined ? "" : `,"version":${parts.version},"version_type":"external"`;
  switch (operation) {
    case "index":
      return `${head}${versioned}}}\n${parts.document}\n`;
    case "create":
      return `${head}}}\n${parts.document}\n`;
    case "update":
      return `${head},"retry_on_conflict":3}}\n{"doc":${parts.document},"doc_as_upsert":true}\n`;
    case "delete":
      return `${head}${versioned}}}\n`;
  }
}
