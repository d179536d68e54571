import type { DurableFileHandle } from './fs-seam';

/** Writes every byte of `data` (write(2) may write less than asked, e.g. close to ENOSPC). */
export async function writeAll(handle: DurableFileHandle, data: Uint8Array, position: number | null): Promise<void> {
  let done = 0;
  while (done < data.byteLength) {
    const { bytesWritten } = await handle.write(data, done, data.byteLength - done, position === null ? null : position + done);
    if (bytesWritten <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
    done += bytesWritten;
  }
}

/** UTF-8 bytes of a string; bytes pass through. */
export function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}
