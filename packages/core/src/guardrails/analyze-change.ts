import { structuredPatch } from 'diff';
import { isTestPath, languageOf } from './classify-path.ts';
import type { AnalyzedChange, ChangedLine, FileChange } from './guardrail-finding.ts';

/** Splits one file's change into added lines (new numbering) and removed lines (old numbering). */
export const analyzeChange = (options: { change: FileChange }): AnalyzedChange => {
  const { change } = options;
  const patch = structuredPatch(change.path, change.path, change.before ?? '', change.after ?? '', '', '', {
    context: 0,
  });
  const added: ChangedLine[] = [];
  const removed: ChangedLine[] = [];
  for (const hunk of patch.hunks) {
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    for (const line of hunk.lines) {
      if (line.startsWith('+')) added.push({ line: newLine++, text: line.slice(1) });
      else if (line.startsWith('-')) removed.push({ line: oldLine++, text: line.slice(1) });
      else if (!line.startsWith('\\')) {
        oldLine += 1;
        newLine += 1;
      }
    }
  }
  return { ...change, added, removed, isTest: isTestPath(change.path), language: languageOf(change.path) };
};
