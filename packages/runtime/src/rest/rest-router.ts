/** One HTTP request as a route handler sees it. */
export interface RestRequest {
  readonly method: string;
  /** The path parameters by name, decoded: `{name}` of `/connectors/{name}`. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The parsed JSON body; `undefined` when the request had none. */
  readonly body: unknown;
}

/** What a route handler answers: a status, and a JSON body or a text with its content type. */
export interface RestResponse {
  readonly status: number;
  /** Sent as JSON; no body when left out. */
  readonly body?: unknown;
  /** Sent as it is, with {@link RestResponse.contentType}, instead of a JSON body. */
  readonly text?: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Handles one route. */
export type RestHandler = (request: RestRequest) => RestResponse | Promise<RestResponse>;

interface Route {
  readonly method: string;
  readonly segments: readonly string[];
  readonly handler: RestHandler;
}

/** The outcome of {@link RestRouter.match}. */
export type RouteMatch =
  | { readonly kind: "found"; readonly handler: RestHandler; readonly params: Record<string, string> }
  | { readonly kind: "method-not-allowed" }
  | { readonly kind: "not-found" };

/**
 * Maps method and path to handlers. Patterns are literal segments and `{param}` segments, each matching exactly
 * one path segment (so `/connectors/{name}` never matches `/connectors/a/status`); a literal segment wins over a
 * parameter.
 */
export class RestRouter {
  readonly #routes: Route[] = [];

  /** Adds a route, such as `add("GET", "/connectors/{name}/status", handler)`. */
  add(method: string, pattern: string, handler: RestHandler): this {
    this.#routes.push({ method, segments: splitPath(pattern), handler });
    return this;
  }

  /**
   * Finds the route of a request path (already without its query). Path segments are percent-decoded after
   * splitting, so a connector name may contain an encoded `/`.
   */
  match(method: string, path: string): RouteMatch {
    let decoded: string[];
    try {
      decoded = splitPath(path).map((segment) => decodeURIComponent(segment));
    } catch {
      return { kind: "not-found" };
    }
    let pathMatched = false;
    let best: { route: Route; params: Record<string, string>; literals: number } | undefined;
    for (const route of this.#routes) {
      const matched = matchSegments(route.segments, decoded);
      if (matched === undefined) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      if (best === undefined || matched.literals > best.literals) best = { route, ...matched };
    }
    if (best !== undefined) return { kind: "found", handler: best.route.handler, params: best.params };
    return pathMatched ? { kind: "method-not-allowed" } : { kind: "not-found" };
  }
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}

function matchSegments(
  pattern: readonly string[],
  path: readonly string[],
): { params: Record<string, string>; literals: number } | undefined {
  if (pattern.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  let literals = 0;
  for (const [i, segment] of pattern.entries()) {
    const actual = path[i] ?? "";
    if (segment.startsWith("{") && segment.endsWith("}")) {
      params[segment.slice(1, -1)] = actual;
    } else if (segment === actual) {
      literals++;
    } else {
      return undefined;
    }
  }
  return { params, literals };
}
