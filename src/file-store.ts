/** Bytes of uploaded and generated files, kept outside the database (a folder on disk, or R2). */
export interface FileStore {
  /** Streams `body` under `key`, replacing what was there; returns its size and SHA-256 (hex). */
  put(key: string, body: ReadableStream<Uint8Array> | Uint8Array): Promise<{ size: number; sha256: string }>;
  /** The bytes under `key`, or the inclusive byte range asked for; null when there is nothing. */
  get(key: string, range?: ByteRange): Promise<ReadableStream<Uint8Array> | null>;
  delete(key: string): Promise<void>;
}

export interface ByteRange {
  start: number;
  /** Inclusive, as in the HTTP Range header. */
  end: number;
}
