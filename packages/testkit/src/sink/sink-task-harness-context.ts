import {
  ConnectError,
  type ErrantRecordReporter,
  IllegalWorkerStateError,
  type SinkRecord,
  type SinkTaskContext,
  TopicPartition,
} from "@tributary/api";

/** A record a sink task sent to the dead-letter queue, with the error it gave. */
export interface ReportedRecord {
  /** The record, as the task passed it. */
  readonly record: SinkRecord;
  /** Why the task could not write it. */
  readonly error: unknown;
}

/**
 * The {@link SinkTaskContext} a {@link SinkTaskHarness} gives its task: it records every request so a test can
 * look at them, and applies seeks to the offsets of the next records put.
 * @internal
 */
export class HarnessSinkTaskContext implements SinkTaskContext {
  readonly assigned = new Set<TopicPartition>();
  readonly pausedPartitions = new Set<TopicPartition>();
  readonly seeks = new Map<TopicPartition, bigint>();
  readonly reported: ReportedRecord[] = [];
  timeoutMs: number | undefined;
  commitRequests = 0;
  props: Readonly<Record<string, string>> = {};
  readonly #reporter: ErrantRecordReporter | null;
  /** Called with each seek, so the harness moves its next offset for the partition. */
  readonly #onSeek: (partition: TopicPartition, offset: bigint) => void;

  constructor(withReporter: boolean, onSeek: (partition: TopicPartition, offset: bigint) => void) {
    this.#onSeek = onSeek;
    this.#reporter = withReporter
      ? {
          report: async (record, error) => {
            this.reported.push({ record, error });
          },
        }
      : null;
  }

  configs(): Readonly<Record<string, string>> {
    return this.props;
  }

  offset(partition: TopicPartition, offset: bigint): void;
  offset(offsets: ReadonlyMap<TopicPartition, bigint>): void;
  offset(partitionOrOffsets: TopicPartition | ReadonlyMap<TopicPartition, bigint>, offset?: bigint): void {
    const entries =
      partitionOrOffsets instanceof Map || !TopicPartition.isTopicPartition(partitionOrOffsets)
        ? [...(partitionOrOffsets as ReadonlyMap<TopicPartition, bigint>)]
        : [[partitionOrOffsets, offset] as const];
    for (const [partition, next] of entries) {
      if (typeof next !== "bigint" || next < 0n) {
        throw new ConnectError(
          `Cannot seek ${String(partition)} to ${String(next)}: offsets are bigints from 0n, such as 42n.`,
        );
      }
      this.seeks.set(partition, next);
      this.#onSeek(partition, next);
    }
  }

  timeout(ms: number): void {
    this.timeoutMs = ms;
  }

  assignment(): ReadonlySet<TopicPartition> {
    return new Set(this.assigned);
  }

  pause(...partitions: TopicPartition[]): void {
    this.#requireAssigned("pause", partitions);
    for (const partition of partitions) this.pausedPartitions.add(partition);
  }

  resume(...partitions: TopicPartition[]): void {
    this.#requireAssigned("resume", partitions);
    for (const partition of partitions) this.pausedPartitions.delete(partition);
  }

  requestCommit(): void {
    this.commitRequests++;
  }

  errantRecordReporter(): ErrantRecordReporter | null {
    return this.#reporter;
  }

  #requireAssigned(action: string, partitions: readonly TopicPartition[]): void {
    const foreign = partitions.find((partition) => !this.assigned.has(partition));
    if (foreign !== undefined) {
      throw new IllegalWorkerStateError(
        `Cannot ${action} ${String(foreign)}: it is not assigned to this task. A sink task may ${action} only the ` +
          "partitions it was given in open() and that are not closed.",
      );
    }
  }
}
