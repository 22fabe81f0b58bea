import { ConnectError } from "@tributary/api";
import { backoffMs, sleep } from "../bulk/backoff.js";
import { errorMessageOf } from "../bulk/bulk-response.js";
import { type EngineInfo, engineName } from "../http/engine-info.js";
import type { SearchClient, SearchResponse } from "../http/search-client.js";
import type { Mapping } from "../mapping/schema-mapping.js";

/** What an {@link IndexManager} needs besides the client. */
export interface IndexManagerOptions {
  /** The engine, for messages. */
  readonly engine: EngineInfo;
  /** Retries of requests that failed for now. */
  readonly maxRetries: number;
  /** The first retry's wait. */
  readonly retryBackoffMs: number;
}

/**
 * Makes sure the index or data stream a record goes to exists before documents are sent to it, once per name per
 * task: an index is created with the mapping from the record's schema (or given it when it exists without one); a
 * data stream is created, with an index template of its own when no template matches it (such as Elasticsearch's
 * built-in `logs-*-*`). Creation by another task at the same moment is not an error.
 * @internal
 */
export class IndexManager {
  readonly #client: SearchClient;
  readonly #options: IndexManagerOptions;
  readonly #ready = new Set<string>();
  readonly #creating = new Map<string, Promise<void>>();

  constructor(client: SearchClient, options: IndexManagerOptions) {
    this.#client = client;
    this.#options = options;
  }

  /** True when `name` was already made sure of, so the caller need not await anything. */
  isReady(name: string): boolean {
    return this.#ready.has(name);
  }

  /**
   * Makes sure index `name` exists, with `mapping` when one is given and the index has none.
   * @throws ConnectError with the engine's message when it cannot be created or mapped.
   */
  ensureIndex(name: string, mapping: Mapping | undefined): Promise<void> {
    return this.#once(name, async () => {
      const head = await this.#request("HEAD", `/${encodeURIComponent(name)}`);
      if (head.status === 404) {
        const body = mapping === undefined ? {} : { mappings: mapping };
        const created = await this.#request("PUT", `/${encodeURIComponent(name)}`, JSON.stringify(body));
        if (created.status < 300 || isAlreadyThere(created)) {
          if (created.status < 300 || mapping === undefined) return;
        } else {
          throw this.#error(`create index "${name}"`, created);
        }
      } else if (head.status >= 300) {
        throw this.#error(`check index "${name}"`, head);
      }
      if (mapping !== undefined) await this.#mapIfUnmapped(name, mapping);
    });
  }

  /**
   * Makes sure data stream `name` exists, creating an index template for exactly it (with `mapping`, if any) when
   * no template matches it.
   * @throws ConnectError with the engine's message when it cannot be created.
   */
  ensureDataStream(name: string, mapping: Mapping | undefined): Promise<void> {
    return this.#once(name, async () => {
      const path = `/_data_stream/${encodeURIComponent(name)}`;
      const found = await this.#request("GET", path);
      if (found.status === 200) return;
      let created = await this.#request("PUT", path);
      if (created.status < 300 || isAlreadyThere(created)) return;
      if (created.status === 405 || /no handler found/i.test(created.body)) {
        throw new ConnectError(
          `${engineName(this.#options.engine)} has no data stream API (Elasticsearch's Apache-2.0 builds and builds without X-Pack lack it): unset data.stream.type and data.stream.dataset to write to indices.`,
        );
      }
      if (!/template/i.test(created.body)) throw this.#error(`create data stream "${name}"`, created);
      const template: Record<string, unknown> = {
        index_patterns: [name],
        data_stream: {},
        priority: 200,
        _meta: { created_by: "tributary-connector-elasticsearch" },
      };
      if (mapping !== undefined) template.template = { mappings: mapping };
      const put = await this.#request(
        "PUT",
        `/_index_template/${encodeURIComponent(`tributary-${name}`)}`,
        JSON.stringify(template),
      );
      if (put.status >= 300) throw this.#error(`create the index template of data stream "${name}"`, put);
      created = await this.#request("PUT", path);
      if (created.status >= 300 && !isAlreadyThere(created)) {
        throw this.#error(`create data stream "${name}"`, created);
      }
    });
  }

  async #mapIfUnmapped(name: string, mapping: Mapping): Promise<void> {
    const path = `/${encodeURIComponent(name)}/_mapping`;
    const current = await this.#request("GET", path);
    if (current.status >= 300) throw this.#error(`read the mapping of index "${name}"`, current);
    const indices = JSON.parse(current.body) as Record<string, { mappings?: { properties?: object } }>;
    const mapped = Object.values(indices).some(
      (index) =>
        index.mappings?.properties !== undefined && Object.keys(index.mappings.properties).length > 0,
    );
    if (mapped) return;
    const put = await this.#request("PUT", path, JSON.stringify(mapping));
    if (put.status >= 300) throw this.#error(`put the mapping of index "${name}"`, put);
  }

  async #once(name: string, create: () => Promise<void>): Promise<void> {
    if (this.#ready.has(name)) return;
    let creating = this.#creating.get(name);
    if (creating === undefined) {
      creating = create().then(
        () => {
          this.#ready.add(name);
          this.#creating.delete(name);
        },
        (error: unknown) => {
          this.#creating.delete(name);
          throw error;
        },
      );
      this.#creating.set(name, creating);
    }
    await creating;
  }

  /** A request, retried with backoff while it fails for now (no node answered, 429, 503). */
  async #request(method: "GET" | "HEAD" | "PUT", path: string, body?: string): Promise<SearchResponse> {
    for (let retry = 0; ; retry++) {
      if (retry > 0) await sleep(backoffMs(retry, this.#options.retryBackoffMs));
      let failure: string;
      try {
        const response = await this.#client.request(method, path, body);
        if (![429, 502, 503, 504].includes(response.status)) return response;
        failure = `HTTP ${response.status}: ${errorMessageOf(response.body)}`;
      } catch (error) {
        if (!(error instanceof ConnectError && error.retriable)) throw error;
        failure = error.message;
      }
      if (retry >= this.#options.maxRetries) {
        throw new ConnectError(
          `${method} ${path} still failed after ${this.#options.maxRetries} retries (max.retries): ${failure}`,
        );
      }
    }
  }

  #error(what: string, response: SearchResponse): ConnectError {
    return new ConnectError(
      `Could not ${what} on ${engineName(this.#options.engine)} (HTTP ${response.status}): ${errorMessageOf(response.body)}.`,
    );
  }
}

function isAlreadyThere(response: SearchResponse): boolean {
  return response.status === 400 && /resource_already_exists_exception/.test(response.body);
}
