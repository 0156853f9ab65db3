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
 * The spelling to show for a group: the one most people used, counting "nav" and "NAV" as one spelling, in its most
 * used proper-looking casing — never all lower case when anyone typed capitals, and with a capital first letter when
 * nobody did. Ties go to the most proper-looking, then to the first seen.
 * @example preferredSpelling(new Map([['nav', 2], ['NAV', 1]])) // 'NAV'
 */
export function preferredSpelling(counts: ReadonlyMap<string, number>): string {
  const byLetters = new Map<string, { total: number; casings: Map<string, number> }>();
  for (const [spelling, count] of counts) {
    const letters = spelling.toLocaleLowerCase('nb');
    const entry = byLetters.get(letters) ?? { total: 0, casings: new Map() };
    entry.total += count;
    entry.casings.set(spelling, count);
    byLetters.set(letters, entry);
  }
  let winner: { total: number; casings: Map<string, number> } | undefined;
  for (const entry of byLetters.values()) if (!winner || entry.total > winner.total) winner = entry;
  if (!winner) return '';
  const cased = [...winner.casings].filter(([spelling]) => spelling !== spelling.toLocaleLowerCase('nb'));
  if (cased.length === 0) {
    const [spelling] = [...winner.casings.keys()] as [string];
    return spelling.charAt(0).toLocaleUpperCase('nb') + spelling.slice(1);
  }
  let name = '';
  let best = -1;
  for (const [spelling, count] of cased) {
    const score = count * 4 + properness(spelling);
    if (score > best) [name, best] = [spelling, score];
  }
  return name;
}

export interface OrganisationGroup<T> {
  key: string;
  /** The spelling most people used, properly cased (see `preferredSpelling`). */
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
