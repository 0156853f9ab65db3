import type { SessionRow } from '../db/schema';
import type { AppDeps } from './deps';
import type { Viewer } from './domain/access';
import type { SessionOrganiser } from './domain/auth';
import type { Lang, Translate } from './i18n/index';

/** What an entry point may hand the app besides the Request (src/adapters/node-http.ts sets it). */
export interface FormBindings {
  /** A small URL-encoded form body, already read; absent where the body is only in the Request. */
  formText?: string;
  /** The client's address as the connection shows it (Node: the socket; Workers: CF-Connecting-IP). */
  clientIp?: string;
}

/** Hono's environment for every route: the injected dependencies and the visitor's language. */
export interface AppEnv {
  Bindings: FormBindings;
  Variables: {
    deps: AppDeps;
    lang: Lang;
    t: Translate;
    /** Set under /admin by src/routes/admin/session.ts when someone is signed in. */
    organiser?: SessionOrganiser;
    viewer?: Viewer;
    session?: SessionRow;
    /** Under /admin: the password was right, the second factor is still due (the session is not signed in). */
    pendingOrganiser?: SessionOrganiser;
  };
}

declare module 'hono' {
  interface ContextRenderer {
    (content: string | Promise<string>, props: PageProps): Response | Promise<Response>;
  }
}

/** What a page tells the layout besides its body. */
export interface PageProps {
  title: string;
  /** Meta description, Open Graph and JSON-LD for pages worth sharing. */
  description?: string;
  openGraph?: Record<string, string>;
  jsonLd?: unknown;
  /** Alternate links such as the calendar feed. */
  alternates?: { href: string; type: string; title: string }[];
}
