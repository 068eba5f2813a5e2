// Deterministic k-fold split by repository: every log of one repository lands in the same fold. Repositories
// are dealt largest first to the fold with the fewest logs so far (name hash breaks ties), so the split does
// not depend on the order the corpora are read in.
export const FOLDS = 5;

const fnv1a = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
};

export const assignFolds = (repos: readonly string[], folds = FOLDS): Map<string, number> => {
  const sizes = new Map<string, number>();
  for (const repo of repos) sizes.set(repo, (sizes.get(repo) ?? 0) + 1);
  const order = [...sizes.entries()].sort((a, b) => b[1] - a[1] || fnv1a(a[0]) - fnv1a(b[0]) || a[0].localeCompare(b[0]));
  const load = new Array<number>(folds).fill(0);
  const fold = new Map<string, number>();
  for (const [repo, size] of order) {
    const target = load.indexOf(Math.min(...load));
    fold.set(repo, target);
    load[target] = (load[target] ?? 0) + size;
  }
  return fold;
};
