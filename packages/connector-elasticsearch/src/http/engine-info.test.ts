import { ConnectError } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { engineInfoOf, engineName, supportsDataStreams } from "./engine-info.js";

function answer(version: Record<string, unknown>, status = 200) {
  return { status, headers: {}, body: JSON.stringify({ name: "n", version }) };
}

describe("engineInfoOf", () => {
  it("recognises OpenSearch by its distribution", () => {
    const engine = engineInfoOf(answer({ distribution: "opensearch", number: "2.19.1" }), "u");
    expect(engine).toEqual({ distribution: "opensearch", version: "2.19.1", major: 2, minor: 19 });
    expect(engineName(engine)).toBe("OpenSearch 2.19.1");
  });

  it("takes anything else with a version for Elasticsearch", () => {
    expect(engineInfoOf(answer({ number: "8.14.1", build_flavor: "default" }), "u")).toMatchObject({
      distribution: "elasticsearch",
      major: 8,
      minor: 14,
    });
  });

  it("refuses Elasticsearch 6 and answers that are not from a search engine", () => {
    expect(() => engineInfoOf(answer({ number: "6.8.23" }), "http://es")).toThrow(
      /Elasticsearch 6\.8\.23.*Elasticsearch 7 and later/,
    );
    expect(() => engineInfoOf({ status: 200, headers: {}, body: "<html>" }, "http://x")).toThrow(
      ConnectError,
    );
  });

  it("says which credentials to check on 401", () => {
    expect(() => engineInfoOf({ status: 401, headers: {}, body: "" }, "http://es")).toThrow(
      /connection\.username.*connection\.api\.key/,
    );
  });
});

describe("supportsDataStreams", () => {
  it("is true for OpenSearch and Elasticsearch from 7.9", () => {
    const of = (distribution: "opensearch" | "elasticsearch", major: number, minor: number) =>
      supportsDataStreams({ distribution, version: "", major, minor });
    expect(of("opensearch", 1, 0)).toBe(true);
    expect(of("elasticsearch", 7, 8)).toBe(false);
    expect(of("elasticsearch", 7, 9)).toBe(true);
    expect(of("elasticsearch", 9, 0)).toBe(true);
  });
});
