import { type Settings, readSettings } from './config';
import { FORM_OVERHEAD_BYTES } from './domain/uploads';

/** Cloudflare refuses request bodies over 100 MB (Free and Pro plans): the form must fit, its fields included. */
export const PLATFORM_REQUEST_BYTES = 100_000_000;

/** The settings from the Worker's string vars; the upload limit lowered to what the platform lets through. */
export function workerSettings(env: Record<string, unknown>): Settings {
  const vars = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  // Node's default (http://localhost:PORT) would put wrong links in every mail: here it must be said.
  if (!vars.BASE_URL) throw new Error('BASE_URL must be set (wrangler.toml [vars] or the dashboard), e.g. https://samling.example.no');
  const settings = readSettings(vars);
  return { ...settings, maxUploadBytes: Math.min(settings.maxUploadBytes, PLATFORM_REQUEST_BYTES - FORM_OVERHEAD_BYTES) };
}

