import { describe, expect, it } from 'vitest';
import { pickLang, translator } from './index';

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
