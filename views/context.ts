import { useRequestContext } from 'hono/jsx-renderer';
import type { AppEnv } from '../src/env';

/** The visitor's language and translator inside any component rendered by `c.render` or `fragment`. */
export function useI18n() {
  const c = useRequestContext<AppEnv>();
  return { t: c.var.t, lang: c.var.lang, c };
}
