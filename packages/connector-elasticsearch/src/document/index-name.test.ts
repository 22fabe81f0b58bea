import { DataError } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { dataStreamNameFor, indexNameFor } from "./index-name.js";

describe("indexNameFor", () => {
  it("lower-cases topic names", () => {
    expect(indexNameFor("Orders.EU-1")).toBe("orders.eu-1");
  });

  it("replaces characters index names cannot hold", () => {
    expect(indexNameFor('a\\b/c*d?e"f<g>h|i j,k#l:m')).toBe("a_b_c_d_e_f_g_h_i_j_k_l_m");
  });

  it("drops leading -, _ and +, and spells . and .. out", () => {
    expect(indexNameFor("__-+orders")).toBe("orders");
    expect(indexNameFor(".")).toBe("dot");
    expect(indexNameFor("..")).toBe("dotdot");
  });

  it("cuts names to 255 bytes without splitting a character", () => {
    expect(indexNameFor("a".repeat(300))).toHaveLength(255);
    const cut = indexNameFor(`a${"é".repeat(200)}`);
    expect(Buffer.byteLength(cut)).toBe(255);
    expect(cut.endsWith("é")).toBe(true);
  });

  it("refuses a topic that leaves nothing", () => {
    expect(() => indexNameFor("_-_")).toThrow(DataError);
  });
});

describe("dataStreamNameFor", () => {
  it("names the stream <type>-<dataset>-<topic>", () => {
    expect(dataStreamNameFor("logs", "app", "Web-Events")).toBe("logs-app-web-events");
  });
});
