// The redaction corpus: every secret kind in every template that prints it, plus block-shaped secrets and
// look-alikes, generated from a seed (the same seed, the same corpus).
import { blockTemplates, passwordTemplates, tokenTemplates } from './corpus-templates.ts';
import type { Split } from './corpus-templates.ts';
import { negatives } from './corpus-negatives.ts';
import { secretKinds } from './secret-kinds.ts';
import { createRandom } from './seeded-random.ts';

export type PositiveCase = { kind: string; template: string; split: Split; lines: string[]; leaks: string[] };
export type NegativeCase = { template: string; split: Split; line: string };
export type RedactionCorpus = { positives: PositiveCase[]; negatives: NegativeCase[] };

export const generateCorpus = (options: { seed: number; negativesPerTemplate?: number; blocksPerTemplate?: number }): RedactionCorpus => {
  const random = createRandom(options.seed);
  const positives: PositiveCase[] = [];
  for (const kind of secretKinds) {
    for (const template of [...tokenTemplates, ...passwordTemplates]) {
      if (!template.applies(kind)) continue;
      const value = kind.generate(random);
      const rendered = template.render(value, kind, random);
      // The public format marker of a token may stay visible; what follows it may not.
      const leaks = rendered.leaks.map((leak) => (kind.publicPrefix && leak.startsWith(kind.publicPrefix) ? leak.slice(kind.publicPrefix.length) : leak));
      positives.push({ kind: kind.id, template: template.id, split: template.split, lines: rendered.lines, leaks });
    }
  }
  for (const template of blockTemplates) {
    for (let i = 0; i < (options.blocksPerTemplate ?? 4); i++) {
      const rendered = template.render(random);
      positives.push({ kind: template.kind, template: template.id, split: template.split, ...rendered });
    }
  }
  const lookalikes: NegativeCase[] = [];
  for (const negative of negatives) {
    for (let i = 0; i < (options.negativesPerTemplate ?? 5); i++) lookalikes.push({ template: negative.id, split: negative.split, line: negative.render(random) });
  }
  return { positives, negatives: lookalikes };
};
