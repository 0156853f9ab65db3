/** Settings from the environment (see README); every one has a default that runs the embedded setup. */
export interface Settings {
  port: number;
  host: string | undefined;
  dataDir: string;
  baseUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  demo: boolean;
  /** Largest upload accepted, from MAX_UPLOAD_MB (default 100). */
  maxUploadBytes: number;
  /** RETENTION_DAYS: anonymise the participants of events that ended more than this many days ago; unset: never. */
  retentionDays: number | undefined;
  /** TRUST_PROXY: which request header holds the client's address ("1" means X-Forwarded-For); unset: the socket's. */
  trustProxyHeader: string | undefined;
  /** REQUIRE_2FA=1: admins must sign in with a second factor (TOTP); they are sent to enrol first. */
  requireTwoFactor: boolean;
}

/**
 * The domain of a mailbox on this host: a host name as it is, an IP address as an address literal (RFC 5321 §4.1.3),
 * since `noreply@127.0.0.1` is no valid mailbox.
 * @example mailDomain('127.0.0.1') // '[127.0.0.1]'
 * @example mailDomain('[::1]') // '[IPv6:::1]'
 */
export function mailDomain(hostname: string): string {
  if (hostname.startsWith('[')) return `[IPv6:${hostname.slice(1, -1)}]`;
  return /^\d+\.\d+\.\d+\.\d+$/.test(hostname) ? `[${hostname}]` : hostname;
}

const OFF = new Set(['0', 'false', 'no', 'off']);
const ON = new Set(['1', 'true', 'yes', 'on']);

export function readSettings(env: Record<string, string | undefined>): Settings {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const host = env.HOST || undefined;
  const maxUploadMb = Number(env.MAX_UPLOAD_MB || 100);
  if (!(maxUploadMb > 0)) throw new Error(`MAX_UPLOAD_MB must be a positive number, got "${env.MAX_UPLOAD_MB}"`);
  const retentionDays = env.RETENTION_DAYS ? Number(env.RETENTION_DAYS) : undefined;
  if (retentionDays !== undefined && !(Number.isInteger(retentionDays) && retentionDays >= 0)) {
    throw new Error(`RETENTION_DAYS must be a whole number of days, got "${env.RETENTION_DAYS}"`);
  }
  const trustProxy = env.TRUST_PROXY?.trim().toLowerCase();
  const trustProxyHeader = !trustProxy || OFF.has(trustProxy) ? undefined : /^(1|true|yes|on)$/.test(trustProxy) ? 'x-forwarded-for' : trustProxy;
  if (trustProxyHeader && !/^[a-z0-9-]{1,64}$/.test(trustProxyHeader)) {
    throw new Error(`TRUST_PROXY must be 1 or the name of a header such as x-real-ip, got "${env.TRUST_PROXY}"`);
  }
  const baseUrl = (env.BASE_URL || `http://${host && host !== '0.0.0.0' ? host : 'localhost'}:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) throw new Error(`BASE_URL must be an http(s) URL, got "${env.BASE_URL}"`);
  return {
    port,
    host,
    dataDir: env.DATA_DIR || './data',
    baseUrl,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || `Samling <noreply@${mailDomain(new URL(baseUrl).hostname)}>`,
    adminEmail: env.ADMIN_EMAIL || undefined,
    adminPassword: env.ADMIN_PASSWORD || undefined,
    demo: !OFF.has((env.DEMO ?? '1').toLowerCase()),
    maxUploadBytes: Math.round(maxUploadMb * 1024 * 1024),
    retentionDays,
    trustProxyHeader,
    requireTwoFactor: ON.has((env.REQUIRE_2FA ?? '').toLowerCase()),
  };
}
