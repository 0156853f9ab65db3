import { describe, expect, it } from 'vitest';
import { MESSAGE_KEYS, pickLang, translator } from './index';

describe('pickLang', () => {
  it('prefers an explicit choice, then the cookie, then the browser, then bokmål', () => {
    expect(pickLang('en', 'nb', 'nb')).toBe('en');
    expect(pickLang(undefined, 'en', 'nb-NO')).toBe('en');
    expect(pickLang(undefined, undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(pickLang(undefined, undefined, undefined)).toBe('nb');
  });
  it('reads any Norwegian as bokmål and honours q-values', () => {
    expect(pickLang(undefined, undefined, 'nn-NO')).toBe('nb');
    expect(pickLang(undefined, undefined, 'de-DE, en;q=0.5, no;q=0.8')).toBe('nb');
    expect(pickLang(undefined, undefined, 'de-DE, fr')).toBe('nb');
  });
  it('ignores values it does not know', () => {
    expect(pickLang('sv', 'xx', undefined)).toBe('nb');
  });
});

describe('translator', () => {
  it('fills in parameters in both languages', () => {
    expect(translator('nb')('event_places_left', { count: 12 })).toBe('12 ledige plasser');
    expect(translator('en')('event_places_left', { count: 12 })).toBe('12 places left');
  });
});

describe('plurals', () => {
  it('pick the singular for one and the plural otherwise, in both languages', () => {
    const nb = translator('nb');
    const en = translator('en');
    expect(nb('participants_total', { count: 1, organisations: 1 })).toBe('1 deltaker fra 1 virksomhet vises her.');
    expect(nb('participants_total', { count: 2, organisations: 0 })).toBe('2 deltakere fra 0 virksomheter vises her.');
    expect(en('participants_total', { count: 1, organisations: 1 })).toBe('1 participant from 1 organisation is shown here.');
    expect(nb('edit_cancelled', { count: 1 })).toBe('Arrangementet er avlyst. Avlysning sendes til 1 påmeldt.');
    expect(nb('edit_cancelled', { count: 3 })).toBe('Arrangementet er avlyst. Avlysning sendes til 3 påmeldte.');
    expect(en('event_places_left', { count: 1 })).toBe('1 place left');
    expect(nb('reg_places_left', { count: 1 })).toBe('1 ledig plass.');
  });
  it('leave no plural syntax in any text, whatever number is given', () => {
    for (const lang of ['nb', 'en'] as const) {
      const t = translator(lang);
      for (const key of MESSAGE_KEYS) {
        const params = new Proxy({}, { has: () => true, get: () => 1 }) as Record<string, number>;
        expect(t(key, params), key).not.toMatch(/plural,|[{}]/);
      }
    }
  });
  it('gives the general form for a heading without a number', () => {
    expect(translator('en')('edit_question_answers', { count: '' }).trim()).toBe('answers');
  });
});
