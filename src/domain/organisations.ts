/**
 * The key under which spellings of one organisation fold together: case, spacing, dots and dashes do not matter,
 * so "NAV", "Nav" and " nav " are one organisation, as are "Høgskolen i Innlandet" and "høgskolen  i innlandet".
 * @example organisationKey(' N.A.V. ') === organisationKey('Nav') // true
 */
export function organisationKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLocaleLowerCase('nb')
    .replace(/[.,·]/g, '')
    .replace(/[\s\-–—_/]+/g, ' ')
    .trim();
}

export interface OrganisationGroup<T> {
  key: string;
  /** The spelling most people used (ties: the first seen). */
  name: string;
  members: T[];
}

/** Groups people by organisation, largest group first, then alphabetically in Norwegian order. */
export function groupByOrganisation<T extends { organisation: string }>(people: readonly T[]): OrganisationGroup<T>[] {
  const groups = new Map<string, { members: T[]; spellings: Map<string, number> }>();
  for (const person of people) {
    const key = organisationKey(person.organisation);
    let group = groups.get(key);
    if (!group) {
      group = { members: [], spellings: new Map() };
      groups.set(key, group);
    }
    group.members.push(person);
    const spelling = person.organisation.trim().replace(/\s+/g, ' ');
    group.spellings.set(spelling, (group.spellings.get(spelling) ?? 0) + 1);
  }
  const collator = new Intl.Collator('nb');
  return [...groups]
    .map(([key, { members, spellings }]) => {
      let name = '';
      let best = 0;
      for (const [spelling, count] of spellings) {
        if (count > best) [name, best] = [spelling, count];
      }
      return { key, name, members };
    })
    .sort((a, b) => b.members.length - a.members.length || collator.compare(a.name, b.name));
}
