import type { Versioned } from "../plugin/versioned.js";

/**
 * The part of a connector's work that one worker runs: a {@link SourceTask} or a {@link SinkTask}, configured by one
 * of the property maps its connector's `taskConfigs()` returned.
 *
 * Implement {@link SourceTask} or {@link SinkTask}, not this interface; they describe the whole lifecycle. The
 * worker creates each task with `new` and no arguments, so a task class needs a constructor without parameters and
 * should do its setup in `start()`, where the configuration is known. A worker runs many tasks in one process: keep
 * state in the instance, not in module variables.
 */
export interface Task extends Versioned {
  /**
   * Reads the task's configuration and opens what the task needs (connections, files). The worker awaits it before
   * any other call but `version()`; when it throws, the task fails and `stop()` is still called to release what was
   * opened.
   */
  start(props: Readonly<Record<string, string>>): void | Promise<void>;

  /** Releases everything the task opened. Called once, at the end of the task's life; see the subclass for when. */
  stop(): void | Promise<void>;
}

/** A task class, as {@link Connector.taskClass} returns it: constructible with no arguments. */
export type TaskClass<T extends Task = Task> = new () => T;
