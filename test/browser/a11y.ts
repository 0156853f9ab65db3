import type { Page } from 'playwright-core';

/** A short, readable name for the focused element, e.g. `a "Meld deg på"` or `input#f-name`. */
export async function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${text ? ` "${text}"` : ''}`;
  });
}

/**
 * Whether the keyboard focus can be seen: the focused element has an outline or a box shadow that it does not have
 * once blurred (so a page-wide `outline: none` is caught). Returns a problem, or null.
 */
export async function focusIndicatorProblem(page: Page): Promise<string | null> {
  const result = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { ok: false, why: 'nothing has focus' };
    const look = () => {
      const s = getComputedStyle(el);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1 ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : '';
      return { outline, shadow: s.boxShadow === 'none' ? '' : s.boxShadow, visible: el.getBoundingClientRect().width > 0 };
    };
    const focused = look();
    return { ok: focused.visible && Boolean(focused.outline || focused.shadow), why: JSON.stringify(focused) };
  });
  if (result.ok) return null;
  return `no visible focus indicator on ${await focusedElement(page)} (${result.why})`;
}

/** Form controls that no label names (a <label for>, a wrapping label, aria-label or aria-labelledby). */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')]
      .filter((el) => !['hidden', 'submit', 'button', 'reset'].includes(el.type))
      .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      .map((el) => `${el.tagName.toLowerCase()}[name=${el.getAttribute('name')}]`),
  );
}

/**
 * Every field marked aria-invalid must point (aria-describedby, on itself or its fieldset) at an element that holds
 * the error's text. Returns the problems; `errors` are the fields and their texts found.
 */
export async function errorWiring(page: Page): Promise<{ problems: string[]; errors: { field: string; text: string }[] }> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const errors: { field: string; text: string }[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('[aria-invalid="true"]')) {
      const holder = el.closest('fieldset') ?? el;
      const name = el.getAttribute('name') ?? el.id;
      const ids = `${el.getAttribute('aria-describedby') ?? ''} ${holder.getAttribute('aria-describedby') ?? ''}`.trim().split(/\s+/).filter(Boolean);
      const texts = ids.map((id) => document.getElementById(id)).filter((d): d is HTMLElement => d !== null && d.closest('.field-error, [id^="err"]') !== null);
      if (texts.length === 0) problems.push(`${name}: aria-invalid but aria-describedby (${ids.join(' ') || 'none'}) names no error text`);
      else errors.push({ field: name, text: texts.map((t) => t.textContent?.trim()).join(' ') });
    }
    return { problems, errors };
  });
}

/**
 * How a screen reader learns of the element's text: a live region around it (role alert/status, aria-live), or the
 * focus moving to it (or into it). Null when it would not be announced.
 */
export async function announcement(page: Page, selector: string): Promise<string | null> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const live = el.closest('[role="alert"], [role="status"], [aria-live]:not([aria-live="off"])');
    if (live) return `live region ${live.getAttribute('role') ?? `aria-live=${live.getAttribute('aria-live')}`}`;
    if (document.activeElement && (el === document.activeElement || el.contains(document.activeElement) || document.activeElement.contains(el))) {
      return 'focus';
    }
    return null;
  }, selector);
}
