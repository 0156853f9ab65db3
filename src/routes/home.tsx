import { Hono } from 'hono';
import { HomePage } from '../../views/home';
import { listEventCards } from '../domain/events';
import type { AppEnv } from '../env';
import { pageCache } from './page-cache';

export const homeRoutes = new Hono<AppEnv>().get('/', pageCache(), async (c) => {
  const { db, clock } = c.var.deps;
  const { upcoming, past } = await listEventCards(db, clock());
  return c.render(<HomePage upcoming={upcoming} past={past} />, {
    title: c.var.t('home_title'),
    description: c.var.t('home_intro'),
  });
});
