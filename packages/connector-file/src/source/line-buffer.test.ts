import { describe, expect, it } from "vitest";
import { LineBuffer } from "./line-buffer.js";

/** Feeds `text` in pieces of `piece` bytes, taking lines after each, as reads of a growing file would. */
function split(text: string | Buffer, piece: number, chunkSize = 8): [string, number][] {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  const lines = new LineBuffer(0, chunkSize);
  const taken: [string, number][] = [];
  for (let at = 0; at < bytes.length; at += piece) {
    lines.append(bytes.subarray(at, at + piece));
    for (let line = lines.nextLine(); line !== undefined; line = lines.nextLine()) {
      taken.push([line, lines.position]);
    }
  }
  return taken;
}

describe("LineBuffer", () => {
  it("ends lines at \\n, \\r\\n and \\r, with the byte position after each line end", () => {
    expect(split("a\nbb\r\nccc\rd\n", 100)).toEqual([
      ["a", 2],
      ["bb", 6],
      ["ccc", 10],
      ["d", 12],
    ]);
  });

  it("gives the same lines and positions however the bytes are cut", () => {
    const text = "one\r\ntwo\rthree\n\r\nfour\r\r\nfive\n";
    const whole = split(text, text.length, 1024);
    expect(whole.map(([line]) => line)).toEqual(["one", "two", "three", "", "four", "", "five"]);
    for (let piece = 1; piece <= 7; piece++) expect(split(text, piece)).toEqual(whole);
  });

  it("counts positions in bytes, decoding characters cut between reads", () => {
    const text = "größe\n✓ ok\n😀\n";
    const expected: [string, number][] = [
      ["größe", 8],
      ["✓ ok", 15],
      ["😀", 20],
    ];
    expect(split(text, 1, 4)).toEqual(expected);
    expect(split(text, 3, 4)).toEqual(expected);
    expect(Buffer.byteLength(text)).toBe(20);
  });

  it("holds back a line without its line end, and a \\r that is the last byte, until the next bytes come", () => {
    const lines = new LineBuffer(100);
    lines.append(Buffer.from("done\npart"));
    expect(lines.nextLine()).toBe("done");
    expect(lines.nextLine()).toBeUndefined();
    expect([lines.position, lines.pending, lines.readPosition]).toEqual([105, 4, 109]);
    lines.append(Buffer.from("ial\r"));
    expect(lines.nextLine()).toBeUndefined(); // \r\n or \r? Only the next byte tells.
    lines.append(Buffer.from("\nx"));
    expect(lines.nextLine()).toBe("partial");
    expect(lines.position).toBe(114);
  });

  it("takes the rest as a last line when told the bytes have ended", () => {
    const lines = new LineBuffer(0);
    lines.append(Buffer.from("a\r"));
    expect(lines.nextLine()).toBeUndefined();
    expect(lines.nextLine(true)).toBe("a");
    lines.append(Buffer.from("tail"));
    expect(lines.nextLine(true)).toBe("tail");
    expect(lines.nextLine(true)).toBeUndefined();
    expect(lines.position).toBe(6);
  });

  it("grows for lines longer than its capacity", () => {
    const long = "x".repeat(1000);
    expect(split(`${long}\nshort\n${long}\n`, 64, 16)).toEqual([
      [long, 1001],
      ["short", 1007],
      [long, 2008],
    ]);
  });

  it("reads into its own space without copying, and starts again at a position after reset()", () => {
    const lines = new LineBuffer(0, 16);
    const { buffer, offset, length } = lines.space();
    expect(length).toBe(16);
    const written = buffer.write("ab\ncd", offset);
    lines.filled(written);
    expect(lines.nextLine()).toBe("ab");
    lines.reset(0);
    expect([lines.pending, lines.position]).toEqual([0, 0]);
    lines.append(Buffer.from("new\n"));
    expect([lines.nextLine(), lines.position]).toEqual(["new", 4]);
  });

  it("decodes invalid UTF-8 as U+FFFD and keeps counting bytes", () => {
    expect(split(Buffer.from([0x61, 0xff, 0x0a, 0x62, 0x0a]), 2)).toEqual([
      ["a\uFFFD", 3],
      ["b", 5],
    ]);
  });
});
