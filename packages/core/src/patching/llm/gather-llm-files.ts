import { readFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import { isTestPath } from '../../guardrails/classify-path.ts';

const MAX_FILE = 40_000;
const MAX_TOTAL = 120_000;
const relativeImport = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/**
 * The files Claude sees: the diagnosed ones plus, for test files, the local modules they import (a failing
 * assertion usually means the code under test is wrong, so that code must be in view).
 */
export const gatherLlmFiles = async (options: {
  dir: string;
  files: readonly string[];
}): Promise<Array<{ path: string; text: string }>> => {
  const wanted = [...options.files];
  for (const file of options.files.filter((path) => isTestPath(path))) {
    const text = await readFile(join(options.dir, file), 'utf8').catch(() => '');
    for (const match of text.matchAll(relativeImport)) {
      const target = normalize(join(dirname(file), match[1] ?? ''));
      for (const candidate of [target, target.replace(/\.js$/, '.ts'), `${target}.ts`, `${target}.js`]) {
        if (
          await readFile(join(options.dir, candidate), 'utf8').then(
            () => true,
            () => false,
          )
        ) {
          wanted.push(candidate);
          break;
        }
      }
    }
  }
  const result: Array<{ path: string; text: string }> = [];
  let total = 0;
  for (const path of [...new Set(wanted)]) {
    const text = await readFile(join(options.dir, path), 'utf8').catch(() => null);
    if (text === null || text.length > MAX_FILE || total + text.length > MAX_TOTAL) continue;
    total += text.length;
    result.push({ path, text });
  }
  return result;
};
