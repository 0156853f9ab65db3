import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/**
 * The argon2 WebAssembly module on Node: the same .wasm file the Worker bundle imports, read from node_modules.
 * package.json's `#argon2-wasm` import picks this file everywhere except under workerd.
 */
export async function argon2Module(): Promise<WebAssembly.Module> {
  const path = createRequire(import.meta.url).resolve('@phi-ag/argon2/argon2.wasm');
  return WebAssembly.compile(await readFile(path));
}
