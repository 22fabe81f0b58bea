import type { ConnectorStatus } from "../engine/task-state.js";

/**
 * The live status line the command line shows on a terminal: records in and out per second since the last
 * refresh, totals, and each task's state. It redraws in place on stderr and steps aside for log lines.
 */
export class StatusLine {
  readonly #stream: NodeJS.WriteStream;
  #last: { at: number; in: number; out: number } | undefined;
  #shown = false;

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.#stream = stream;
  }

  /** Redraws the line from the engine's current status. */
  update(status: readonly ConnectorStatus[]): void {
    const now = Date.now();
    let recordsIn = 0;
    let recordsOut = 0;
    for (const connector of status) {
      for (const task of connector.tasks) {
        if (connector.type === "source") recordsIn += task.recordsIn;
        else recordsOut += task.recordsOut;
      }
    }
    const seconds = this.#last === undefined ? 0 : (now - this.#last.at) / 1000;
    const rateIn = seconds > 0 ? (recordsIn - (this.#last?.in ?? 0)) / seconds : 0;
    const rateOut = seconds > 0 ? (recordsOut - (this.#last?.out ?? 0)) / seconds : 0;
    this.#last = { at: now, in: recordsIn, out: recordsOut };
    const tasks = status
      .flatMap((connector) => connector.tasks.map((task) => `${connector.name}[${task.id}] ${task.state}`))
      .join(", ");
    const text = `in ${formatCount(rateIn)}/s out ${formatCount(rateOut)}/s · total in ${formatCount(recordsIn)} out ${formatCount(recordsOut)} · ${tasks}`;
    const width = this.#stream.columns ?? 120;
    this.#stream.write(`\r\x1b[2K${text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text}`);
    this.#shown = true;
  }

  /** Prints a log line above the status line. */
  log(line: string): void {
    if (this.#shown) this.#stream.write("\r\x1b[2K");
    this.#stream.write(`${line}\n`);
  }

  /** Leaves the last status on its own line. */
  finish(): void {
    if (this.#shown) this.#stream.write("\n");
    this.#shown = false;
  }
}

function formatCount(value: number): string {
  if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(2)}M`;
  if (value >= 10_000) return `${(value / 1000).toFixed(1)}k`;
  return String(Math.round(value));
}
