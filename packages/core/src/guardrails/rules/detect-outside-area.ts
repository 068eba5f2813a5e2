import { dirname } from 'node:path';
import type { GuardrailRule } from '../guardrail-finding.ts';

/** outside-diagnosed-area: a file neither named by the diagnosis nor beside one that was. */
export const detectOutsideArea: GuardrailRule = (context) => {
  if (context.diagnosedFiles.length === 0) return [];
  const files = new Set(context.diagnosedFiles);
  const dirs = new Set(context.diagnosedFiles.map((file) => dirname(file)));
  return context.changes
    .filter((change) => !files.has(change.path) && !dirs.has(dirname(change.path)))
    .map((change) => ({
      rule: 'outside-diagnosed-area',
      file: change.path,
      line: change.added[0]?.line ?? change.removed[0]?.line ?? null,
      severity: 'warn' as const,
      explanation: `The failure points at ${[...files].slice(0, 3).join(', ')}; this file is elsewhere.`,
    }));
};
