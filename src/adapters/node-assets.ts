import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Asset } from '../deps';

/** The stylesheet and scripts served under /assets/, read from disk once (the Worker bundles the same files). */
export function readAssets(): Record<string, Asset> {
  const require = createRequire(import.meta.url);
  const js = 'text/javascript; charset=utf-8';
  return {
    'style.css': { body: readFileSync(new URL('../../views/style.css', import.meta.url), 'utf8'), contentType: 'text/css; charset=utf-8' },
    'upload.js': { body: readFileSync(new URL('../../views/upload.js', import.meta.url), 'utf8'), contentType: js },
    'htmx.min.js': { body: readFileSync(require.resolve('htmx.org/dist/htmx.min.js'), 'utf8'), contentType: js },
  };
}
