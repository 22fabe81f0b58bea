/**
 * What the transforms' conformance suites share: one Java harness per test file, and pairs of the same SMT or
 * predicate, Kafka's (by class name, run by the harness) and Tributary's, configured alike and fed the same records.
 * Fails, never skips, when Java is missing: the comparison is only worth something when it runs.
 */
import {
  ConnectError,
  type ConnectRecord,
  type Predicate,
  SinkRecord,
  type SinkRecordInit,
  SourceRecord,
  type SourceRecordInit,
  type Transformation,
} from "@tributary/api";
import { afterAll, beforeAll, expect } from "vitest";
import {
  type JavaHarness,
  JavaHarnessError,
  type RecordDescription,
  startJavaHarness,
} from "../../../scripts/conformance/harness.js";
import { comparable, constructRecord, describeRecord } from "./record-description.js";

/** The package of Kafka's transformations. */
export const KAFKA = "org.apache.kafka.connect.transforms.";
/** The package of Kafka's predicates. */
export const KAFKA_PREDICATES = "org.apache.kafka.connect.transforms.predicates.";

/** Starts the harness before the file's tests and closes it after them; call at the top of a test file. */
export function useHarness(): () => JavaHarness {
  let harness: JavaHarness | undefined;
  beforeAll(async () => {
    harness = await startJavaHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });
  return () => {
    if (harness === undefined) throw new Error("The Java harness did not start; see the beforeAll failure");
    return harness;
  };
}

/** What one side made of a record: the record (null when dropped), a boolean (predicates), or its error. */
export type Outcome =
  | { readonly ok: true; readonly record: RecordDescription | null }
  | { readonly ok: true; readonly result: boolean }
  | { readonly ok: false; readonly error: string; readonly code?: string };

/** A record to send: a Tributary record (described for Kafka) or a description (constructed for Tributary). */
export type RecordInput = ConnectRecord | RecordDescription;

/** The codes of DataError and its subclasses. */
const DATA_CODES = ["DATA", "SCHEMA_BUILDER", "SCHEMA_PROJECTOR"];

const base = { topic: "orders", timestamp: 1_700_000_000_000 } as const;

/** A source record of topic "orders" with a timestamp and empty source partition and offset, unless `init` says else. */
export function source(init: Partial<SourceRecordInit> = {}): SourceRecord {
  return new SourceRecord({ ...base, sourcePartition: {}, sourceOffset: {}, ...init });
}

/** A sink record of topic "orders", partition 3, offset 42 and a CREATE_TIME timestamp, unless `init` says else. */
export function sink(init: Partial<SinkRecordInit> = {}): SinkRecord {
  return new SinkRecord({ ...base, kafkaPartition: 3, kafkaOffset: 42n, ...init });
}

function descriptionOf(input: RecordInput): RecordDescription {
  return "kind" in input ? input : describeRecord(input);
}

function recordOf(input: RecordInput): ConnectRecord {
  return "kind" in input ? constructRecord(input) : input;
}

function failure(error: unknown): Outcome {
  if (error instanceof JavaHarnessError) return { ok: false, error: error.message };
  if (ConnectError.isConnectError(error)) {
    return { ok: false, error: `${error.name}: ${error.message}`, code: error.code };
  }
  throw error;
}

/** One plugin on both sides: Kafka's, configured in the harness, and Tributary's, configured here once. */
abstract class Pair<P extends { configure(props: Readonly<Record<string, unknown>>): void }> {
  #plugin: P | undefined;
  #configureError: unknown;

  constructor(
    protected readonly harness: () => JavaHarness,
    /** Kafka's class name. */
    readonly kafkaClass: string,
    private readonly create: () => P,
    /** The config both sides get. */
    readonly config: Readonly<Record<string, string>>,
  ) {}

  /** Tributary's instance, configured on first use and kept, as Kafka's is kept by the harness. */
  protected plugin(): P {
    if (this.#configureError !== undefined) throw this.#configureError;
    if (this.#plugin === undefined) {
      const plugin = this.create();
      try {
        plugin.configure(this.config);
      } catch (error) {
        this.#configureError = error;
        throw error;
      }
      this.#plugin = plugin;
    }
    return this.#plugin;
  }

  /** Both sides reject the config: Kafka with a ConfigException, Tributary with a ConfigError from configure(). */
  async expectConfigRejected(record: RecordInput = source()): Promise<{ kafka: string; tributary: string }> {
    const kafka = await this.kafkaOutcome(descriptionOf(record));
    const tributary = this.tributaryOutcome(record);
    expect(kafka, `Kafka accepted the config; Tributary: ${errorOf(tributary)}`).toMatchObject({ ok: false });
    expect(tributary, `Tributary accepted the config; Kafka: ${errorOf(kafka)}`).toMatchObject({
      ok: false,
      code: "CONFIG",
    });
    const kafkaError = (kafka as { error: string }).error;
    expect(kafkaError).toMatch(/^ConfigException: /);
    return { kafka: kafkaError, tributary: (tributary as { error: string }).error };
  }

  /** Runs the record through Kafka's plugin. */
  protected abstract kafkaOutcome(record: RecordDescription): Promise<Outcome>;
  /** Runs the record through Tributary's plugin. */
  protected abstract tributaryOutcome(record: RecordInput): Outcome;

  /** Both outcomes for one record. */
  async outcomes(record: RecordInput): Promise<{ kafka: Outcome; tributary: Outcome }> {
    return {
      kafka: await this.kafkaOutcome(descriptionOf(record)),
      tributary: this.tributaryOutcome(record),
    };
  }
}

/** A transformation on both sides. */
export class TransformPair extends Pair<Transformation> {
  protected async kafkaOutcome(record: RecordDescription): Promise<Outcome> {
    try {
      const out = await this.harness().request("transform.apply", {
        className: this.kafkaClass,
        config: { ...this.config },
        record,
      });
      return { ok: true, record: out.record === null ? null : comparable(out.record) };
    } catch (error) {
      return failure(error);
    }
  }

  protected tributaryOutcome(record: RecordInput): Outcome {
    try {
      const out = this.plugin().apply(recordOf(record));
      return { ok: true, record: out === null ? null : comparable(describeRecord(out)) };
    } catch (error) {
      return failure(error);
    }
  }

  /** Tributary's result for a record, as the transformation returned it (for checks beyond the description). */
  applyTributary(record: RecordInput): ConnectRecord | null {
    return this.plugin().apply(recordOf(record));
  }

  /**
   * Both sides turn the record into the same record (or both drop it): same topic, partition, key, value, schemas
   * (name, version, optionality, parameters, defaults, field order), timestamp and headers. Returns Kafka's result.
   */
  async expectSame(record: RecordInput): Promise<RecordDescription | null> {
    const { kafka, tributary } = await this.outcomes(record);
    expect(kafka, `Kafka's ${this.kafkaClass} failed: ${errorOf(kafka)}`).toMatchObject({ ok: true });
    expect(tributary, "Tributary differs from Kafka").toEqual(kafka);
    return (kafka as { record: RecordDescription | null }).record;
  }

  /**
   * Both sides fail on the record: Kafka with `kafkaError` (an exception's simple name, such as "DataException"),
   * Tributary with a DataError. Returns both messages.
   */
  async expectBothFail(
    record: RecordInput,
    kafkaError = "DataException",
  ): Promise<{ kafka: string; tributary: string }> {
    const { kafka, tributary } = await this.outcomes(record);
    expect(kafka, `Kafka accepted the record; Tributary: ${errorOf(tributary)}`).toMatchObject({ ok: false });
    expect(tributary, `Tributary accepted the record; Kafka: ${errorOf(kafka)}`).toMatchObject({ ok: false });
    const kafkaMessage = (kafka as { error: string }).error;
    const tributaryMessage = (tributary as { error: string; code?: string }).error;
    expect(kafkaMessage.split(":")[0]).toBe(kafkaError);
    expect(DATA_CODES, tributaryMessage).toContain((tributary as { code?: string }).code);
    return { kafka: kafkaMessage, tributary: tributaryMessage };
  }
}

/** A predicate on both sides. */
export class PredicatePair extends Pair<Predicate> {
  protected async kafkaOutcome(record: RecordDescription): Promise<Outcome> {
    try {
      const out = await this.harness().request("predicate.test", {
        className: this.kafkaClass,
        config: { ...this.config },
        record,
      });
      return { ok: true, result: out.result };
    } catch (error) {
      return failure(error);
    }
  }

  protected tributaryOutcome(record: RecordInput): Outcome {
    try {
      return { ok: true, result: this.plugin().test(recordOf(record)) };
    } catch (error) {
      return failure(error);
    }
  }

  /** Both sides give the same answer for the record; returns it. */
  async expectSame(record: RecordInput): Promise<boolean> {
    const { kafka, tributary } = await this.outcomes(record);
    expect(kafka, `Kafka's ${this.kafkaClass} failed: ${errorOf(kafka)}`).toMatchObject({ ok: true });
    expect(tributary, "Tributary differs from Kafka").toEqual(kafka);
    return (kafka as { result: boolean }).result;
  }
}

/** The error of an outcome, for assertion messages; "none" when it succeeded. */
function errorOf(outcome: Outcome): string {
  return outcome.ok ? "none" : outcome.error;
}
