/**
 * Reports something the user should know but that does not stop the connector (a truncated file, a file not there
 * yet) as a Node.js process warning of type `TributaryWarning` with a `TRIBUTARY_FILE_*` code, which a worker can
 * route to its log with `process.on("warning", …)`.
 * @internal
 */
export function warn(code: string, message: string): void {
  process.emitWarning(message, { type: "TributaryWarning", code });
}
