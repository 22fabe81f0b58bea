const LF = 0x0a;
const CR = 0x0d;
/** A cached search result that must be searched again: nothing was searched since the last read or compaction. */
const UNKNOWN = -2;
/** A cached search result meaning the byte is not in the bytes held. */
const ABSENT = -1;

/**
 * Splits bytes read from a file or stream into lines, keeping the byte position after the last line taken.
 *
 * Lines end at `\n`, `\r\n` or `\r`. A `\r` that is the last byte held is not taken as a line end until the next
 * byte shows whether a `\n` follows, so a position is never recorded between the two bytes of a `\r\n`. Bytes after
 * the last line end are kept until their line is complete. Splitting works on bytes, which is safe for UTF-8: the
 * bytes of `\n` and `\r` never occur inside a multi-byte character, and a line is decoded only once it is whole, so a
 * character split across two reads is decoded correctly. Invalid UTF-8 decodes to U+FFFD.
 *
 * Bytes go in through {@link LineBuffer.space} and {@link LineBuffer.filled} (a read straight into the buffer, no
 * copy) or {@link LineBuffer.append}; lines come out through {@link LineBuffer.nextLine}. Searches for line ends are
 * remembered, so each byte is scanned about once whatever the line length.
 * @internal
 */
export class LineBuffer {
  #buffer: Buffer;
  /** The bytes held, `#buffer[0, #end)`, so searches cannot see stale bytes beyond them. */
  #view: Buffer;
  #start = 0;
  #end = 0;
  #position: number;
  #nextLf = UNKNOWN;
  #nextCr = UNKNOWN;

  /**
   * @param position the byte position of the first byte that will be put in.
   * @param chunkSize the initial capacity, and so the size of reads; it grows for lines longer than that.
   */
  constructor(position: number, chunkSize = 64 * 1024) {
    this.#buffer = Buffer.allocUnsafe(chunkSize);
    this.#view = this.#buffer.subarray(0, 0);
    this.#position = position;
  }

  /** The byte position just after the last line taken: where to resume reading its successors. */
  get position(): number {
    return this.#position;
  }

  /** How many bytes of an incomplete line are held. */
  get pending(): number {
    return this.#end - this.#start;
  }

  /** The byte position of the next byte to put in: {@link LineBuffer.position} plus the bytes held. */
  get readPosition(): number {
    return this.#position + this.#end - this.#start;
  }

  /** Forgets the bytes held and starts again at `position`, after a truncation or a new file. */
  reset(position: number): void {
    this.#start = 0;
    this.#end = 0;
    this.#view = this.#buffer.subarray(0, 0);
    this.#position = position;
    this.#nextLf = UNKNOWN;
    this.#nextCr = UNKNOWN;
  }

  /**
   * The free space to read into, after the bytes held: at least half the capacity, which doubles when an incomplete
   * line fills it. Call {@link LineBuffer.filled} with the number of bytes written there.
   */
  space(): { readonly buffer: Buffer; readonly offset: number; readonly length: number } {
    if (this.#start === this.#end) {
      this.#start = 0;
      this.#end = 0;
      this.#forgetSearches();
    } else if (this.#start > 0 && this.#end > this.#buffer.length / 2) {
      // Only the incomplete tail of the last read is held, usually less than a line: cheap to move to the front.
      this.#buffer.copyWithin(0, this.#start, this.#end);
      this.#end -= this.#start;
      this.#start = 0;
      this.#forgetSearches();
    }
    if (this.#buffer.length - this.#end < this.#buffer.length / 2) {
      const larger = Buffer.allocUnsafe(this.#buffer.length * 2);
      this.#buffer.copy(larger, 0, this.#start, this.#end);
      this.#end -= this.#start;
      this.#start = 0;
      this.#buffer = larger;
      this.#forgetSearches();
    }
    this.#view = this.#buffer.subarray(0, this.#end);
    return { buffer: this.#buffer, offset: this.#end, length: this.#buffer.length - this.#end };
  }

  /** Records that `count` bytes were written into the space {@link LineBuffer.space} returned. */
  filled(count: number): void {
    if (count <= 0) return;
    this.#end += count;
    this.#view = this.#buffer.subarray(0, this.#end);
    // Searches that found nothing must look again at the new bytes; found ends stay valid.
    if (this.#nextLf === ABSENT) this.#nextLf = UNKNOWN;
    if (this.#nextCr === ABSENT) this.#nextCr = UNKNOWN;
  }

  /** Copies `bytes` in, for sources that hand over their own chunks (such as stdin). */
  append(bytes: Uint8Array): void {
    let copied = 0;
    while (copied < bytes.length) {
      const { buffer, offset, length } = this.space();
      const count = Math.min(length, bytes.length - copied);
      buffer.set(bytes.subarray(copied, copied + count), offset);
      this.filled(count);
      copied += count;
    }
  }

  /**
   * Takes the next complete line, without its line end, or returns `undefined` when the bytes held end before one.
   * With `final`, the end of the bytes counts as a line end (for a stream that has ended): a trailing `\r` ends a
   * line and an unterminated rest is returned as the last line.
   */
  nextLine(final = false): string | undefined {
    const start = this.#start;
    const end = this.#end;
    if (start === end) return undefined;
    let lf = this.#nextLf;
    if (lf === UNKNOWN || (lf !== ABSENT && lf < start)) lf = this.#nextLf = this.#view.indexOf(LF, start);
    let cr = this.#nextCr;
    if (cr === UNKNOWN || (cr !== ABSENT && cr < start)) cr = this.#nextCr = this.#view.indexOf(CR, start);

    let lineEnd: number;
    let next: number;
    if (cr === ABSENT || (lf !== ABSENT && lf < cr)) {
      if (lf === ABSENT) {
        if (!final) return undefined;
        lineEnd = end;
        next = end;
      } else {
        lineEnd = lf;
        next = lf + 1;
      }
    } else if (cr + 1 < end) {
      lineEnd = cr;
      next = this.#buffer[cr + 1] === LF ? cr + 2 : cr + 1;
    } else {
      // A \r as the last byte held: a \n may be the next byte read.
      if (!final) return undefined;
      lineEnd = cr;
      next = end;
    }
    const line = this.#buffer.toString("utf8", start, lineEnd);
    this.#position += next - start;
    this.#start = next;
    return line;
  }

  #forgetSearches(): void {
    this.#nextLf = UNKNOWN;
    this.#nextCr = UNKNOWN;
  }
}
