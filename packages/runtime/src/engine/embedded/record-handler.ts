import { defineConfig, SinkConnector, type SinkRecord, SinkTask, type TaskClass } from "@tributary/api";
import type { SinkDeployment } from "./connector-deployment.js";
import { identityProcessor } from "./record-processor.js";

/**
 * Application code that receives records from the embedded engine as a sink would, without writing a connector:
 * `handle` gets each batch of records of the named topics, in order per partition. Records are committed (and
 * acknowledged to their sources) once `handle` has resolved, so delivery is at least once. `handle` calls never
 * overlap; throwing a `RetriableError` delivers the same batch again after a second, any other error fails the
 * engine.
 */
export interface RecordHandler {
  /** A name for status output, unique among connectors and handlers. */
  readonly name: string;
  /** The topics to receive: a list of names, or a regular expression matched against the whole name. */
  readonly topics: readonly string[] | RegExp;
  handle(records: readonly SinkRecord[]): void | Promise<void>;
  /** Called once when the engine has stopped delivering to the handler. */
  close?(): void;
}

/** Wraps a {@link RecordHandler} as a one-task sink connector the engine runs like any other. */
export function handlerDeployment(handler: RecordHandler): SinkDeployment {
  class HandlerTask extends SinkTask {
    version(): string {
      return "0.1.0";
    }
    start(): void {}
    async put(records: readonly SinkRecord[]): Promise<void> {
      if (records.length > 0) await handler.handle(records);
    }
    stop(): void {}
  }
  class HandlerConnector extends SinkConnector {
    version(): string {
      return "0.1.0";
    }
    start(): void {}
    taskClass(): TaskClass<SinkTask> {
      return HandlerTask;
    }
    taskConfigs(): Record<string, string>[] {
      return [{}];
    }
    stop(): void {
      handler.close?.();
    }
    config() {
      return defineConfig({});
    }
  }
  const { topics } = handler;
  let subscribes: (topic: string) => boolean;
  if (topics instanceof RegExp) {
    const whole = new RegExp(`^(?:${topics.source})$`, topics.flags.replace(/[gy]/g, ""));
    subscribes = (topic) => whole.test(topic);
  } else {
    subscribes = (topic) => topics.includes(topic);
  }
  return {
    type: "sink",
    name: handler.name,
    config: {},
    tasksMax: 1,
    connector: new HandlerConnector(),
    subscribes,
    createPipeline: () => ({ processor: identityProcessor<SinkRecord>(), errantRecordReporter: null }),
  };
}

/**
 * A {@link RecordHandler} whose records are read with `for await`: each batch waits until the loop has taken
 * every record of it, so a slow loop slows the sources, and a record counts as delivered once the loop has taken
 * it. The iteration ends when the engine stops.
 *
 * @example
 * ```ts
 * const { handler, records } = recordStream("tap", ["orders"]);
 * const engine = await createEmbeddedEngine({ worker, connectors, handlers: [handler] });
 * await engine.start();
 * for await (const record of records) console.log(record.value);
 * ```
 */
export function recordStream(
  name: string,
  topics: readonly string[] | RegExp,
): { handler: RecordHandler; records: AsyncIterableIterator<SinkRecord> } {
  let buffer: SinkRecord[] = [];
  let taken: (() => void) | undefined;
  let waiting: ((result: IteratorResult<SinkRecord>) => void) | undefined;
  let ended = false;

  const handler: RecordHandler = {
    name,
    topics,
    handle(records) {
      if (ended) return;
      buffer = [...records];
      return new Promise<void>((resolve) => {
        taken = resolve;
        deliver();
      });
    },
    close: () => end(),
  };

  function deliver(): void {
    if (waiting === undefined) return;
    const resolve = waiting;
    const next = buffer.shift();
    if (next !== undefined) {
      waiting = undefined;
      resolve({ value: next, done: false });
      if (buffer.length === 0) release();
    } else if (ended) {
      waiting = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  function release(): void {
    const resolve = taken;
    taken = undefined;
    resolve?.();
  }

  function end(): void {
    ended = true;
    release();
    deliver();
  }

  const records: AsyncIterableIterator<SinkRecord> = {
    next() {
      return new Promise((resolve) => {
        waiting = resolve;
        deliver();
      });
    },
    return() {
      end();
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return records;
    },
  };
  return { handler, records };
}
