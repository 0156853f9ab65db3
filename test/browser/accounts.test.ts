import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createOrganiser } from '../../src/domain/auth';
import { hashPassword } from '../../src/domain/passwords';
import { randomToken, sha256Hex } from '../../src/domain/tokens';
import { base32Decode, totp } from '../../src/domain/totp';
import { errorWiring, unlabelledControls } from './a11y';
import { checkHtmlFiles } from './html-checker';
import { type Audit, type BrowserStack, DESKTOP, OUTPUT_DIR, auditedSteps, browserTestsSkipped, createAudit, formatViolations, startBrowserStack } from './harness';

// The account pages (one-time password, forgot/reset, two-factor enrolment and sign-in, audit log) in Chromium:
// axe-clean, valid HTML, usable without JavaScript. Its own server, so that the main flows' admin keeps one factor.
const skipped = browserTestsSkipped();

describe.skipIf(skipped)('organiser accounts in a real browser', { timeout: 90_000 }, () => {
  let stack: BrowserStack;
  let audit: Audit;

  beforeAll(async () => {
    stack = await startBrowserStack();
    audit = createAudit(join(OUTPUT_DIR, 'accounts'));
  }, 60_000);
  afterAll(() => stack?.close());
  afterEach(() => {
    const violations = audit?.takeViolations() ?? [];
    if (violations.length) throw new Error(`${violations.length} accessibility violation(s):\n${formatViolations(violations)}`);
  });

  const { go, clickThrough } = auditedSteps(() => audit);
  const path = (page: Page) => new URL(page.url()).pathname;

  test('forgot password and a reset link, without JavaScript', async () => {
    const page = await stack.newPage({ viewport: DESKTOP, javaScript: false });
    await go(page, '/admin/login', 'admin-login');
    await clickThrough(page, () => page.getByRole('link', { name: 'Glemt passordet?' }).click(), 'admin-forgot');
    await clickThrough(page, () => page.getByRole('button', { name: 'Send lenke' }).click(), 'admin-forgot-errors');
    expect((await errorWiring(page)).problems).toEqual([]);
    await page.getByLabel(/^E-postadresse/).fill('noen@example.no');
    await clickThrough(page, () => page.getByRole('button', { name: 'Send lenke' }).click(), 'admin-forgot-sent');
    await go(page, `/admin/password/reset/${randomToken()}`, 'admin-reset-invalid', 410);

    const db = stack.server.deps.db;
    const per = await createOrganiser(db, { email: 'per@example.no', name: 'Per', role: 'organiser', password_hash: await hashPassword('gammelt passord', { iterations: 1000 }) }, new Date());
    const token = randomToken();
    await db.insertInto('password_resets').values({ token_hash: sha256Hex(token), organiser_id: per.id, created_at: new Date().toISOString(), expires_at: new Date(Date.now() + 3600_000).toISOString(), used_at: null }).execute();
    await go(page, `/admin/password/reset/${token}`, 'admin-reset');
    expect(await unlabelledControls(page)).toEqual([]);
    await page.getByLabel(/^Nytt passord/).fill('kort');
    await page.getByLabel(/^Gjenta nytt passord/).fill('kort');
    await clickThrough(page, () => page.getByRole('button', { name: 'Lagre nytt passord' }).click(), 'admin-reset-errors');
    expect((await errorWiring(page)).problems).toEqual([]);
    await page.getByLabel(/^Nytt passord/).fill('et nytt langt passord');
    await page.getByLabel(/^Gjenta nytt passord/).fill('et nytt langt passord');
    await clickThrough(page, () => page.getByRole('button', { name: 'Lagre nytt passord' }).click(), 'admin-login-reset-done');
    expect(path(page)).toBe('/admin/login');
  });

  test('a one-time password, two-factor enrolment, the second sign-in step and the audit log', async () => {
    const db = stack.server.deps.db;
    const email = 'ny-admin@example.no';
    await createOrganiser(db, { email, name: 'Ny admin', role: 'admin', password_hash: await hashPassword('engangspassord 1', { iterations: 1000 }), must_change_password: 1 }, new Date());
    const page = await stack.newPage({ viewport: DESKTOP });
    const signIn = async (password: string, pageType: string) => {
      await go(page, '/admin/login', 'admin-login');
      await page.getByLabel(/^E-postadresse/).fill(email);
      await page.getByLabel(/^Passord/).fill(password);
      await clickThrough(page, () => page.getByRole('button', { name: 'Logg inn' }).click(), pageType);
    };
    await signIn('engangspassord 1', 'admin-account-must-change');
    expect(path(page)).toBe('/admin/account');
    await clickThrough(page, () => page.getByRole('button', { name: 'Endre passord' }).click(), 'admin-account-errors');
    expect((await errorWiring(page)).problems).toEqual([]);
    await page.getByLabel(/^Nåværende passord/).fill('engangspassord 1');
    await page.getByLabel(/^Nytt passord/).fill('mitt eget lange passord');
    await page.getByLabel(/^Gjenta nytt passord/).fill('mitt eget lange passord');
    await clickThrough(page, () => page.getByRole('button', { name: 'Endre passord' }).click(), 'admin-dashboard');
    expect(path(page)).toBe('/admin');

    await clickThrough(page, () => page.getByRole('link', { name: 'Min konto' }).click(), 'admin-account');
    await clickThrough(page, () => page.getByRole('link', { name: 'Slå på totrinnsinnlogging' }).click(), 'admin-two-factor-enrol');
    expect(await page.getByRole('img', { name: /QR-kode/ }).isVisible()).toBe(true);
    const secret = (await page.locator('.totp-secret').innerText()).replace(/\s/g, '');
    await clickThrough(page, () => page.getByRole('button', { name: 'Bekreft og slå på' }).click(), 'admin-two-factor-enrol-errors');
    expect((await errorWiring(page)).problems).toEqual([]);
    await page.getByLabel(/^Kode fra appen/).fill(await totp(base32Decode(secret)!, new Date()));
    await clickThrough(page, () => page.getByRole('button', { name: 'Bekreft og slå på' }).click(), 'admin-recovery-codes');
    const codes = await page.locator('.recovery-codes code').allInnerTexts();
    expect(codes).toHaveLength(10);

    await clickThrough(page, () => page.getByRole('button', { name: 'Logg ut' }).click(), 'admin-login');
    await signIn('mitt eget lange passord', 'admin-login-two-factor');
    expect(path(page)).toBe('/admin/login/two-factor');
    await clickThrough(page, () => page.getByRole('button', { name: 'Logg inn' }).click(), 'admin-login-two-factor-errors');
    expect((await errorWiring(page)).problems).toEqual([]);
    // The code used to enrol may still be current; a recovery code is never the same twice.
    await page.getByLabel(/^Kode/).fill(codes[0]!);
    await clickThrough(page, () => page.getByRole('button', { name: 'Logg inn' }).click(), 'admin-dashboard');
    expect(path(page)).toBe('/admin');
    await clickThrough(page, () => page.getByRole('link', { name: 'Logg', exact: true }).click(), 'admin-audit');
    expect(await page.locator('table.audit-log tbody tr').count()).toBeGreaterThanOrEqual(5);
    // Another organiser with two-factor sign-in: the role form and the button that turns it off.
    await db.updateTable('organisers').set({ totp_secret: secret, totp_enabled_at: new Date().toISOString() }).where('email', '=', 'per@example.no').execute();
    await go(page, '/admin/organisers', 'admin-organisers-roles');
    expect(await page.getByRole('combobox', { name: 'Rolle for Per' }).isVisible()).toBe(true);
  });

  test('the account pages are valid HTML (Nu Html Checker)', { timeout: 120_000 }, async () => {
    const pages = audit.savedPages();
    const messages = await checkHtmlFiles(pages.map((p) => p.file));
    const typeOf = new Map(pages.map((p) => [p.file, p.pageType]));
    const errors = messages.filter((m) => m.level === 'error').map((m) => `${typeOf.get(m.file)}:${m.line} ${m.message}\n    ${m.extract ?? ''}`);
    expect(errors.join('\n')).toBe('');
  });
});
