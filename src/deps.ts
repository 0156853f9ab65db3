import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Compressor } from './compression';
import type { FileStore } from './file-store';

/** What the app needs from the outside world; entry points (node.ts, worker.ts) supply the real ones, tests their own. */
export interface AppDeps {
  db: Kysely<Database>;
  files: FileStore;
  clock: () => Date;
  config: AppConfig;
  /**
   * Static assets served under /assets/ (the stylesheet, htmx), read by the entry point. Pages link them by content
   * hash (src/routes/assets.ts assetUrl), so a plain map from name to text is all an entry point supplies.
   */
  assets: Record<string, Asset>;
  /** Brotli where the runtime has it (src/adapters/brotli.ts on Node); without it responses are gzipped. */
  compressor?: Compressor;
  /** Tells the mail worker that a committed transaction queued mail, so it need not wait for its next round. */
  outboxChanged: () => void;
}

export interface AppConfig {
  /** Absolute origin used in links that leave the page (calendar files, e-mails, Open Graph), no trailing slash. */
  baseUrl: string;
  /** Rendered-page cache entries live at most this long, so clock-dependent pages (upcoming/past) move on. */
  pageCacheSeconds: number;
  /** Sender of every mail, e.g. "Samling <noreply@example.no>"; also the ORGANIZER of calendar invitations. */
  mailFrom: string;
  /** Largest upload accepted, in bytes (default 100 MB: src/domain/uploads.ts DEFAULT_MAX_UPLOAD_BYTES). */
  maxUploadBytes?: number;
  /** TRUST_PROXY: the request header a trusted reverse proxy puts the client's address in; unset: the connection's. */
  trustProxyHeader?: string | undefined;
  /** Admins must use two-factor sign-in (REQUIRE_2FA). */
  requireTwoFactor?: boolean;
}

export interface Asset {
  body: string;
  contentType: string;
}
