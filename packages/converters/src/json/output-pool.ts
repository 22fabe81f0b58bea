/** Size of each shared block that records are cut from. */
const BLOCK_SIZE = 64 * 1024;
/** Records larger than this get a buffer of their own rather than a slice of a block. */
const LARGEST_SLICE = BLOCK_SIZE / 4;

/**
 * Hands out the byte arrays records are written into, cut from shared 64 KiB blocks, as Node's `Buffer` pool does
 * with 8 KiB ones: allocating an `ArrayBuffer` per record costs more than writing the record. Each array returned
 * is the caller's to keep; like a pooled `Buffer`, its `.buffer` is shared with other records, so use it through the
 * view (its offset and length), as Kafka clients do.
 * @internal
 */
export class OutputPool {
  #block = Buffer.allocUnsafeSlow(BLOCK_SIZE);
  #offset = 0;

  /** An uninitialised array of exactly `length` bytes. */
  take(length: number): Buffer {
    if (length > LARGEST_SLICE) return Buffer.allocUnsafeSlow(length);
    if (this.#offset + length > BLOCK_SIZE) {
      this.#block = Buffer.allocUnsafeSlow(BLOCK_SIZE);
      this.#offset = 0;
    }
    const bytes = this.#block.subarray(this.#offset, this.#offset + length);
    // Keep the next slice 8-byte aligned, as Node does for its pool.
    this.#offset += (length + 7) & ~7;
    return bytes;
  }
}
