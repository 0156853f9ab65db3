// A .wasm file imported in the Worker bundle is a compiled WebAssembly.Module (wrangler's CompiledWasm rule).
declare module '@phi-ag/argon2/argon2.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
