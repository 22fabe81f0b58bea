import { ConnectError } from "@tributary/api";

/** What became of one document of a bulk request. */
export type ItemOutcome =
  /** Written (or, for a delete, already absent). */
  | "ok"
  /** Refused by external versioning: the engine holds a newer version, so this older record is obsolete. */
  | "conflict"
  /** Refused for now (429, 503, or a concurrent update): send it again. */
  | "retry"
  /** Refused as a bad document (mapping or parsing): a record error. */
  | "malformed"
  /** Refused for any other reason: the task fails. */
  | "fatal";

/** The engine's answer for one document. */
export interface ItemResult {
  /** What to do about it. */
  readonly outcome: ItemOutcome;
  /** The item's HTTP status. */
  readonly status: number;
  /** The engine's error, as `type: reason`, when there is one. */
  readonly error: string | undefined;
}

/** The operations of a bulk request. */
export type BulkOperation = "index" | "create" | "update" | "delete";

/**
 * The error types of a single document the engine cannot take: it cannot parse it or map one of its fields. They
 * concern that document only, so they are record errors (dead-letter queue), not task failures.
 */
const MALFORMED = new Set([
  "mapper_parsing_exception",
  "mapper_parse_exception",
  "document_parsing_exception",
  "strict_dynamic_mapping_exception",
  "illegal_argument_exception",
  "x_content_parse_exception",
]);

/** The bulk path: only each item's status and error come back, which keeps answers small and cheap to read. */
export const BULK_PATH = "/_bulk?filter_path=errors,items.*.status,items.*.error";

const ALL_OK = /^\s*\{\s*"errors"\s*:\s*false\b/;

interface RawItem {
  readonly status?: number;
  readonly error?: { readonly type?: string; readonly reason?: string } | string;
}

/**
 * Reads the answer to a bulk request of `operations`: `undefined` when every item was written (found without
 * parsing the whole answer), otherwise one result per item, in request order.
 * @throws ConnectError when the answer does not hold one item per operation.
 * @internal
 */
export function parseBulkResponse(
  body: string,
  operations: readonly BulkOperation[],
): readonly ItemResult[] | undefined {
  if (ALL_OK.test(body)) return undefined;
  let parsed: { errors?: boolean; items?: readonly Record<string, RawItem>[] };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch (error) {
    throw new ConnectError(`The bulk answer is not JSON: ${body.slice(0, 200)}`, { cause: error });
  }
  if (parsed.errors === false) return undefined;
  const items = parsed.items ?? [];
  if (items.length !== operations.length) {
    throw new ConnectError(
      `The bulk answer holds ${items.length} items for ${operations.length} documents sent: ${body.slice(0, 200)}`,
    );
  }
  return items.map((item, i) => {
    const raw = Object.values(item)[0] ?? {};
    const status = raw.status ?? 0;
    return {
      outcome: classifyItem(operations[i]!, status, raw.error),
      status,
      error: describeError(raw.error),
    };
  });
}

/**
 * What an item's status and error mean for an operation; see {@link ItemOutcome}.
 * @internal
 */
export function classifyItem(operation: BulkOperation, status: number, error: RawItem["error"]): ItemOutcome {
  if (status >= 200 && status < 300) return "ok";
  const type = typeof error === "object" ? error.type : undefined;
  // A delete of a document (or in an index) that is not there answers 404: the outcome wanted.
  if (status === 404 && (error === undefined || operation === "delete")) return "ok";
  if (status === 409 || type === "version_conflict_engine_exception") {
    // An update conflicts with a concurrent one, not with a newer version: try it again.
    return operation === "update" ? "retry" : "conflict";
  }
  if (status === 429 || status === 503 || type === "es_rejected_execution_exception") return "retry";
  if (type !== undefined && MALFORMED.has(type)) return "malformed";
  return "fatal";
}

function describeError(error: RawItem["error"]): string | undefined {
  if (error === undefined) return undefined;
  if (typeof error === "string") return error;
  const cause = (error as { caused_by?: { type?: string; reason?: string } }).caused_by;
  const base = `${error.type ?? "error"}: ${error.reason ?? ""}`.trim();
  return cause === undefined ? base : `${base} (caused by ${cause.type ?? "error"}: ${cause.reason ?? ""})`;
}

/**
 * The engine's message from an error answer (`{"error":{"type":…,"reason":…},"status":…}`), or the start of the
 * body when it is not one.
 * @internal
 */
export function errorMessageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: RawItem["error"] };
    const described = describeError(parsed.error);
    if (described !== undefined) return described;
  } catch {
    // not JSON: show the text
  }
  return body.length > 300 ? `${body.slice(0, 300)}…` : body;
}
