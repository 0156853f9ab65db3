// workerd refuses WebAssembly compiled at run time; a .wasm imported here is compiled by wrangler's bundler
// (its default CompiledWasm rule), which production Workers accept. package.json's `#argon2-wasm` import picks this
// file under the `workerd` condition.
import wasm from '@phi-ag/argon2/argon2.wasm';

export async function argon2Module(): Promise<WebAssembly.Module> {
  return wasm;
}
