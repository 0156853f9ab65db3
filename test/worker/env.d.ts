import type { Env as WorkerEnv } from '../../src/worker';

// `env` of cloudflare:test is the Worker's, with the bindings of wrangler.toml.
declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {}
  }
}
