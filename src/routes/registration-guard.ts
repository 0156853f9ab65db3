import type { Context } from 'hono';
import { clientKey } from '../client-address';
import { blockedUntil, recordHit, registrationKeys, secondsUntil } from '../domain/rate-limits';
import type { AppEnv } from '../env';
import { DomainError } from '../errors';
import type { Body } from './request-helpers';

/**
 * Bots without a CAPTCHA (which fails universal design): a field that people never see or reach
 * (views/registration-form.tsx Honeypot) but form-filling bots do fill, and a limit on registrations per client.
 */
export const HONEYPOT_FIELD = 'website';

export const honeypotFilled = (body: Body) => [body[HONEYPOT_FIELD]].flat().some((v) => typeof v === 'string' && v.trim() !== '');

const keysOf = (c: Context<AppEnv>) => registrationKeys(clientKey(c));

/** Throws a 429 (with Retry-After) when this client has sent more registrations than a person or an office would. */
export async function checkRegistrationLimit(c: Context<AppEnv>): Promise<void> {
  const now = c.var.deps.clock();
  const until = await blockedUntil(c.var.deps.db, keysOf(c), now);
  if (!until) return;
  const seconds = secondsUntil(until, now);
  c.header('Retry-After', String(seconds));
  throw new DomainError(429, 'reg_err_too_many', { minutes: Math.ceil(seconds / 60) });
}

/** Counts a registration (or a bot's attempt) against the client. */
export async function countRegistration(c: Context<AppEnv>): Promise<void> {
  await recordHit(c.var.deps.db, keysOf(c), c.var.deps.clock());
}
