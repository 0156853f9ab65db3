import { describe, expect, it } from 'vitest';
import { groupByOrganisation, organisationKey, preferredSpelling } from './organisations';

describe('organisationKey', () => {
  it('folds case, spacing and punctuation', () => {
    expect(new Set(['NAV', 'Nav', ' nav ', 'N.A.V.'].map(organisationKey))).toEqual(new Set(['nav']));
    expect(organisationKey('Høgskolen  i Innlandet')).toBe(organisationKey('høgskolen i innlandet'));
  });
  it('keeps different organisations apart', () => {
    expect(organisationKey('Nav Innlandet')).not.toBe(organisationKey('Nav'));
  });
});

describe('groupByOrganisation', () => {
  it('counts one group per organisation under its most common spelling, largest first', () => {
    const groups = groupByOrganisation(
      ['Nav', 'NAV', ' nav ', 'Nav', 'NHO', 'Høgskolen i Innlandet', 'høgskolen i innlandet'].map((organisation) => ({ organisation })),
    );
    expect(groups.map((g) => [g.name, g.members.length])).toEqual([
      ['Nav', 4],
      ['Høgskolen i Innlandet', 2],
      ['NHO', 1],
    ]);
  });
});

describe('preferredSpelling', () => {
  it('shows the proper-looking spelling when as many people used each', () => {
    expect(preferredSpelling(new Map([[' nav', 1], ['nav', 1], ['NAV', 1], ['Nav', 1]]))).toBe('Nav');
    expect(preferredSpelling(new Map([['nav', 1], ['NAV', 1]]))).toBe('NAV');
  });
  it('never shows the lower-case spelling when someone typed capitals, even if more people typed it', () => {
    expect(preferredSpelling(new Map([['nav', 1], ['NAV', 1]]))).toBe('NAV');
    expect(preferredSpelling(new Map([['NAV', 1], ['nav', 2]]))).toBe('NAV');
    expect(preferredSpelling(new Map([['NAV', 1], ['nav', 2], ['Nav', 1]]))).toBe('Nav');
  });
  it('gives a capital first letter when nobody typed one', () => {
    expect(preferredSpelling(new Map([['nav innlandet', 2]]))).toBe('Nav innlandet');
  });
  it('still goes with the majority', () => {
    expect(preferredSpelling(new Map([['Nav', 1], ['NAV', 3]]))).toBe('NAV');
  });
});

describe('company forms', () => {
  it('fold an AS or ASA suffix into the same organisation', () => {
    expect(organisationKey('Hamar Arbeidsinkludering AS')).toBe(organisationKey('hamar arbeidsinkludering'));
    expect(organisationKey('Mjøsen Inkludering ASA')).toBe(organisationKey('Mjøsen inkludering'));
    expect(organisationKey('Atlas')).toBe('atlas');
  });
});
