const FLUSH_AT = 1 << 20;
const NL = Buffer.from('\n');

/** Collects small pieces and hands them to `write` in chunks of about 1 MiB (one syscall per chunk, not per line). */
export class ChunkedSink {
  readonly #write: (data: Uint8Array) => Promise<void>;
  #parts: Buffer[] = [];
  #length = 0;

  constructor(write: (data: Uint8Array) => Promise<void>) {
    this.#write = write;
  }

  /** Queues `bytes`, followed by `\n` when `newline`. */
  async push(bytes: Uint8Array, newline: boolean): Promise<void> {
    this.#parts.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    this.#length += bytes.byteLength;
    if (newline) {
      this.#parts.push(NL);
      this.#length += 1;
    }
    if (this.#length >= FLUSH_AT) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#length === 0) return;
    const data = Buffer.concat(this.#parts, this.#length);
    this.#parts = [];
    this.#length = 0;
    await this.#write(data);
  }
}
