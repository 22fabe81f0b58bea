/**
 * A name a user might have meant, with the plugin it names.
 * @internal
 */
export interface CloseMatch {
  /** The name as the plugin answers to it. */
  readonly name: string;
  /** The plugin's class name. */
  readonly className: string;
}

/**
 * Up to `limit` of `candidates` that look like `wanted`, best first: names within a small edit distance of it
 * (ignoring case), or containing it, or contained in it. One entry per plugin class, under its closest name.
 * @internal
 */
export function closeMatches(wanted: string, candidates: readonly CloseMatch[], limit = 5): CloseMatch[] {
  const needle = wanted.toLowerCase();
  // A third of the name's length allows a typo or two in a short name and a few more in a long one.
  const tolerance = Math.max(2, Math.floor(needle.length / 3));
  const best = new Map<string, { match: CloseMatch; score: number }>();
  for (const candidate of candidates) {
    const name = candidate.name.toLowerCase();
    let score = editDistance(needle, name);
    if (score > tolerance) {
      const contained = needle.length >= 3 && (name.includes(needle) || needle.includes(name));
      if (!contained || name.length < 3) continue;
      // Containment ranks after near-typos but before nothing.
      score = tolerance + 1;
    }
    const previous = best.get(candidate.className);
    if (previous === undefined || score < previous.score) {
      best.set(candidate.className, { match: candidate, score });
    }
  }
  return [...best.values()]
    .sort((a, b) => a.score - b.score || a.match.name.localeCompare(b.match.name))
    .slice(0, limit)
    .map((entry) => entry.match);
}

/**
 * The Levenshtein distance between two strings: the fewest single-character insertions, deletions and
 * substitutions that turn one into the other.
 * @internal
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
