import { describe, expect, it } from "vitest";
import { parseProperties } from "./properties-file.js";

describe("parseProperties", () => {
  it("reads the separators, comments and blank lines of Java's format", () => {
    const text = [
      "# a comment",
      "! another comment",
      "",
      "name=local-file-source",
      "connector.class : FileStreamSource",
      "tasks.max 1",
      "   indented.key=  value with spaces  ",
      "empty=",
      "bare",
    ].join("\n");
    expect(Object.fromEntries(parseProperties(text))).toEqual({
      name: "local-file-source",
      "connector.class": "FileStreamSource",
      "tasks.max": "1",
      "indented.key": "value with spaces  ",
      empty: "",
      bare: "",
    });
  });

  it("handles escapes, unicode escapes and escaped separators in keys", () => {
    const text = "key\\=with\\:seps\\ space = a\\tb\\nc\\u00e9\\\\d\\q";
    expect(parseProperties(text).get("key=with:seps space")).toBe("a\tb\ncé\\dq");
  });

  it("joins continuation lines and drops their leading whitespace, for every line ending", () => {
    for (const eol of ["\n", "\r\n", "\r"]) {
      const text = `topics=a,\\${eol}    b,\\${eol}\tc${eol}next=1`;
      const props = parseProperties(text);
      expect(props.get("topics")).toBe("a,b,c");
      expect(props.get("next")).toBe("1");
    }
  });

  it("treats an even number of trailing backslashes as literal, not a continuation", () => {
    const props = parseProperties("path=C:\\\\dir\\\\\nother=x");
    expect(props.get("path")).toBe("C:\\dir\\");
    expect(props.get("other")).toBe("x");
  });

  it("does not treat # after a key as a comment and keeps the last duplicate", () => {
    const props = parseProperties("a=1 # not a comment\na=2");
    expect(props.get("a")).toBe("2");
    expect(parseProperties("a=1 # x").get("a")).toBe("1 # x");
  });

  it("rejects a malformed unicode escape, naming the source and line", () => {
    expect(() => parseProperties("ok=1\nbad=\\u12G4", "worker.properties")).toThrow(
      /Malformed \\uXXXX escape "\\u12G4" in worker.properties at line 2/,
    );
  });
});
