// A minimal binding to the argon2 reference implementation compiled to WebAssembly (the .wasm of @phi-ag/argon2).
// Its own JS wrapper passes the password's UTF-16 length as its byte length, so a password with æ, ø or å would be
// cut short; this one hands the C functions UTF-8 bytes and their real length.
import { argon2Module } from '#argon2-wasm';

interface Argon2Exports {
  memory: WebAssembly.Memory;
  _initialize(): void;
  malloc(size: number): number;
  free(ptr: number): void;
  argon2_encodedlen(t: number, m: number, p: number, saltLen: number, hashLen: number, type: number): number;
  argon2_hash(
    t: number, m: number, p: number, pwd: number, pwdLen: number, salt: number, saltLen: number,
    hash: number, hashLen: number, encoded: number, encodedLen: number, type: number, version: number,
  ): number;
  argon2_verify(encoded: number, pwd: number, pwdLen: number, type: number): number;
}

export interface Argon2idCost {
  /** Memory in KiB (m). */
  memoryKiB: number;
  /** Passes over the memory (t). */
  passes: number;
  /** Lanes (p). */
  parallelism: number;
}

const ARGON2ID = 2;
const VERSION_13 = 0x13;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

let loaded: Promise<Argon2Exports> | undefined;
function exports(): Promise<Argon2Exports> {
  loaded ??= argon2Module().then(async (module) => {
    const { exports } = await WebAssembly.instantiate(module);
    const wasm = exports as unknown as Argon2Exports;
    wasm._initialize();
    return wasm;
  });
  return loaded;
}

/** Runs `use` with `bytes` copied into the module's memory (NUL-terminated), freeing them afterwards. */
function withBytes<T>(wasm: Argon2Exports, bytes: Uint8Array, use: (ptr: number) => T): T {
  const ptr = wasm.malloc(bytes.length + 1);
  try {
    const heap = new Uint8Array(wasm.memory.buffer);
    heap.set(bytes, ptr);
    heap[ptr + bytes.length] = 0;
    return use(ptr);
  } finally {
    wasm.free(ptr);
  }
}

/**
 * The PHC string of argon2id over the UTF-8 bytes of `password`.
 * @example await argon2idEncoded('secret', salt, { memoryKiB: 19456, passes: 2, parallelism: 1 })
 * // '$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>'
 */
export async function argon2idEncoded(password: string, salt: Uint8Array, cost: Argon2idCost, hashBytes = 32): Promise<string> {
  const wasm = await exports();
  const { memoryKiB: m, passes: t, parallelism: p } = cost;
  const encodedLen = wasm.argon2_encodedlen(t, m, p, salt.length, hashBytes, ARGON2ID);
  const pwd = encoder.encode(password);
  return withBytes(wasm, pwd, (pwdPtr) =>
    withBytes(wasm, salt, (saltPtr) =>
      withBytes(wasm, new Uint8Array(hashBytes + encodedLen), (out) => {
        const code = wasm.argon2_hash(t, m, p, pwdPtr, pwd.length, saltPtr, salt.length, out, hashBytes, out + hashBytes, encodedLen, ARGON2ID, VERSION_13);
        if (code !== 0) throw new Error(`argon2 failed with code ${code}`);
        const encoded = new Uint8Array(wasm.memory.buffer, out + hashBytes, encodedLen);
        return decoder.decode(encoded.subarray(0, encoded.indexOf(0)));
      }),
    ),
  );
}

/** Whether `password` matches an argon2id PHC string; a malformed string is a mismatch. Compares in constant time. */
export async function argon2idVerify(password: string, encoded: string): Promise<boolean> {
  const wasm = await exports();
  const pwd = encoder.encode(password);
  return withBytes(wasm, encoder.encode(encoded), (encodedPtr) =>
    withBytes(wasm, pwd, (pwdPtr) => wasm.argon2_verify(encodedPtr, pwdPtr, pwd.length, ARGON2ID) === 0),
  );
}
