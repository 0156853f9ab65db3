/**
 * The key under which spellings of one organisation fold together: case, spacing, dots and dashes do not matter, nor
 * a company-form suffix (AS, ASA), so "NAV", "Nav" and " nav " are one organisation, as are "Hamar Arbeidsinkludering
 * AS" and "hamar arbeidsinkludering".
 * @example organisationKey(' N.A.V. ') === organisationKey('Nav') // true
 */
export function organisationKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLocaleLowerCase('nb')
    .replace(/[.,·]/g, '')
    .replace(/[\s\-–—_/]+/g, ' ')
    .trim()
    .replace(/ (as|asa)$/, '');
}

/** How much a spelling looks like a proper name: "Nav" before "NAV" before "nav". */
function properness(spelling: string): number {
  const first = spelling.charAt(0);
  return (first !== first.toLocaleLowerCase('nb') ? 2 : 0) + (spelling !== spelling.toLocaleUpperCase('nb') ? 1 : 0);
}

/**
 * The spelling to show for a group: the one most people used; on a tie the most proper-looking, then the first seen.
 * @example preferredSpelling(new Map([['nav', 1], ['Nav', 1], ['NAV', 1]])) // 'Nav'
 */
export function preferredSpelling(counts: ReadonlyMap<string, number>): string {
  let name = '';
  let best = -1;
  for (const [spelling, count] of counts) {
    const score = count * 4 + properness(spelling);
    if (score > best) [name, best] = [spelling, score];
  }
  return name;
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
    .map(([key, { members, spellings }]) => ({ key, name: preferredSpelling(spellings), members }))
    .sort((a, b) => b.members.length - a.members.length || collator.compare(a.name, b.name));
}
