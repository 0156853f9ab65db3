import { describe, expect, it } from 'vitest';
import { groupByOrganisation, organisationKey } from './organisations';

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
