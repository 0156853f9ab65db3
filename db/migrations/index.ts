import type { Migration, MigrationProvider } from 'kysely';
import * as publicSide from './2026-11-23-01-public-side';
import * as registration from './2026-11-23-02-registration-and-outbox';
import * as organisers from './2026-11-23-04-organisers';
import * as programmeChanges from './2026-11-23-05-programme-changes';
import * as uploadLinks from './2026-11-23-06-upload-links';
import * as messages from './2026-11-23-07-messages';
import * as apiTokens from './2026-11-23-08-api-tokens';
import * as anonymise from './2026-11-23-09-anonymise';
import * as calendarSequence from './2026-12-01-31-calendar-sequence';
import * as messageUnsubscribes from './2026-12-01-32-message-unsubscribes';
import * as rateLimits from './2026-12-01-41-rate-limits';
import * as outboxClaims from './2026-12-01-42-outbox-claims';
import * as accounts from './2026-12-01-51-accounts';
import * as indexesAndRegistrationCounts from './2026-12-01-61-indexes-and-registration-counts';
import * as manageTokens from './2026-12-01-71-manage-tokens';

/** Every migration, by name. Listed statically so that they also run where there is no file system (Workers). */
export const migrations: Record<string, Migration> = {
  '2026-11-23-01-public-side': publicSide,
  '2026-11-23-02-registration-and-outbox': registration,
  '2026-11-23-04-organisers': organisers,
  '2026-11-23-05-programme-changes': programmeChanges,
  '2026-11-23-06-upload-links': uploadLinks,
  '2026-11-23-07-messages': messages,
  '2026-11-23-08-api-tokens': apiTokens,
  '2026-11-23-09-anonymise': anonymise,
  '2026-12-01-31-calendar-sequence': calendarSequence,
  '2026-12-01-32-message-unsubscribes': messageUnsubscribes,
  '2026-12-01-41-rate-limits': rateLimits,
  '2026-12-01-42-outbox-claims': outboxClaims,
  '2026-12-01-51-accounts': accounts,
  '2026-12-01-61-indexes-and-registration-counts': indexesAndRegistrationCounts,
  '2026-12-01-71-manage-tokens': manageTokens,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
