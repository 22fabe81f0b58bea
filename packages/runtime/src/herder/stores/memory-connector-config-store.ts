import { IllegalWorkerStateError, NotFoundError } from "@tributary/api";
import type {
  ConnectorConfigSnapshot,
  ConnectorConfigStore,
  ConnectorConfigStoreListener,
  ConnectorProps,
  TargetState,
} from "./connector-config-store.js";

interface Entry {
  readonly config: ConnectorProps;
  readonly tasks: readonly ConnectorProps[];
  readonly targetState: TargetState;
}

/**
 * A {@link ConnectorConfigStore} in memory, for a standalone worker: connectors live as long as the process (the
 * standalone command recreates them from its connector files at every start, as Kafka's does). Entries are frozen
 * and replaced whole on every write, so a snapshot is a shallow copy of the map.
 */
export class MemoryConnectorConfigStore implements ConnectorConfigStore {
  #entries = new Map<string, Entry>();
  #started = false;
  #listener: ConnectorConfigStoreListener | undefined;

  async start(): Promise<void> {
    this.#started = true;
  }

  async stop(): Promise<void> {
    this.#started = false;
  }

  snapshot(): ConnectorConfigSnapshot {
    this.#requireStarted("read");
    return new MemorySnapshot(new Map(this.#entries));
  }

  async putConnectorConfig(name: string, config: ConnectorProps, targetState?: TargetState): Promise<void> {
    this.#requireStarted("write");
    const existing = this.#entries.get(name);
    this.#entries.set(name, {
      config: Object.freeze({ ...config }),
      tasks: existing?.tasks ?? [],
      targetState: targetState ?? existing?.targetState ?? "STARTED",
    });
    this.#listener?.onConnectorConfigUpdate(name);
    if (existing !== undefined && targetState !== undefined && targetState !== existing.targetState) {
      this.#listener?.onTargetStateChange(name);
    }
  }

  async removeConnectorConfig(name: string): Promise<void> {
    this.#requireStarted("write");
    if (this.#entries.delete(name)) this.#listener?.onConnectorConfigRemove(name);
  }

  async putTaskConfigs(name: string, configs: readonly ConnectorProps[]): Promise<void> {
    const existing = this.#existing(name);
    const tasks = Object.freeze(configs.map((config) => Object.freeze({ ...config })));
    this.#entries.set(name, { ...existing, tasks });
    this.#listener?.onTaskConfigUpdate(name);
  }

  async putTargetState(name: string, state: TargetState): Promise<void> {
    const existing = this.#existing(name);
    this.#entries.set(name, { ...existing, targetState: state });
    this.#listener?.onTargetStateChange(name);
  }

  setListener(listener: ConnectorConfigStoreListener): void {
    this.#listener = listener;
  }

  #existing(name: string): Entry {
    this.#requireStarted("write");
    const existing = this.#entries.get(name);
    if (existing === undefined) throw new NotFoundError(`Connector ${name} not found`);
    return existing;
  }

  #requireStarted(operation: string): void {
    if (!this.#started) {
      throw new IllegalWorkerStateError(
        `Cannot ${operation} connector configs: the store is not started; call start() first.`,
      );
    }
  }
}

class MemorySnapshot implements ConnectorConfigSnapshot {
  readonly #entries: ReadonlyMap<string, Entry>;
  readonly connectors: readonly string[];

  constructor(entries: ReadonlyMap<string, Entry>) {
    this.#entries = entries;
    this.connectors = Object.freeze([...entries.keys()].sort());
  }

  contains(name: string): boolean {
    return this.#entries.has(name);
  }

  connectorConfig(name: string): ConnectorProps | undefined {
    return this.#entries.get(name)?.config;
  }

  taskConfigs(name: string): readonly ConnectorProps[] {
    return this.#entries.get(name)?.tasks ?? [];
  }

  targetState(name: string): TargetState | undefined {
    return this.#entries.get(name)?.targetState;
  }
}
