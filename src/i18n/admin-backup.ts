import type { Dictionary } from './index';

/** Backup and restore of the whole instance (admins). */
export const nb = {
  backup_title: 'Sikkerhetskopi',
  backup_nav: 'Sikkerhetskopi',
  backup_export_heading: 'Last ned en sikkerhetskopi',
  backup_export_intro:
    'Én fil med alle data: arrangementer, program, deltakere, arrangører, e-postkø og alle opplastede filer. Den kan leses inn i en annen installasjon av Samling, på en egen server eller på Cloudflare. Filen inneholder personopplysninger: oppbevar den trygt.',
  backup_export_action: 'Last ned sikkerhetskopien',
  backup_import_heading: 'Gjenopprett fra en sikkerhetskopi',
  backup_import_intro:
    'Bare i en tom installasjon (uten arrangementer). Arrangørkontoene fra sikkerhetskopien erstatter dagens, så du blir logget ut og logger inn igjen med kontoen din fra sikkerhetskopien.',
  backup_import_file: 'Sikkerhetskopifil (.ndjson)',
  backup_import_action: 'Gjenopprett',
  backup_import_done: 'Gjenopprettet {rows} rader og {files} filer. Logg inn med en konto fra sikkerhetskopien.',
  backup_err_not_empty: 'Denne installasjonen har allerede data. En sikkerhetskopi kan bare gjenopprettes i en tom installasjon.',
  backup_err_format: 'Filen er ikke en fullstendig sikkerhetskopi fra Samling (den kan være avkortet). Ingenting ble endret.',
  backup_err_newer: 'Sikkerhetskopien er fra en nyere versjon av Samling. Oppdater denne installasjonen først. Ingenting ble endret.',
  backup_err_file: 'En fil i sikkerhetskopien er skadet (størrelse eller sjekksum stemmer ikke). Ingenting ble endret.',
} as const;

export const en: Dictionary<typeof nb> = {
  backup_title: 'Backup',
  backup_nav: 'Backup',
  backup_export_heading: 'Download a backup',
  backup_export_intro:
    'One file with all data: events, programme, participants, organisers, the mail queue and every uploaded file. It can be restored into another installation of Samling, on a server of its own or on Cloudflare. The file holds personal data: keep it safe.',
  backup_export_action: 'Download the backup',
  backup_import_heading: 'Restore from a backup',
  backup_import_intro:
    'Only into an empty installation (without events). The organiser accounts of the backup replace today’s, so you are signed out and sign in again with your account from the backup.',
  backup_import_file: 'Backup file (.ndjson)',
  backup_import_action: 'Restore',
  backup_import_done: 'Restored {rows} rows and {files} files. Sign in with an account from the backup.',
  backup_err_not_empty: 'This installation already has data. A backup can only be restored into an empty installation.',
  backup_err_format: 'The file is not a complete Samling backup (it may be cut short). Nothing was changed.',
  backup_err_newer: 'The backup is from a newer version of Samling. Update this installation first. Nothing was changed.',
  backup_err_file: 'A file in the backup is damaged (its size or checksum does not match). Nothing was changed.',
};
