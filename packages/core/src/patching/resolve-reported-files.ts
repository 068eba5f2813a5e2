import { stat } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import type { DiagnosisResult } from '../diagnosis/diagnosis-result.ts';

// Path-like tokens in tool output: "src/a.ts(3,4)", "./report.go:7:11", "/home/runner/work/x/x/src/a.js", "[warn] src/b.js".
const pathToken =
  /(?:^|[\s'"`([])((?:\.{0,2}\/)?(?:[\w@.+-]+\/)*[\w@+-][\w@.+-]*\.[A-Za-z0-9]{1,6})(?=$|[\s'"`):,\]])/g;

const isFile = async (path: string): Promise<boolean> =>
  stat(path).then(
    (info) => info.isFile(),
    () => false,
  );

/** Maps a path as printed on a CI runner (absolute, ./-prefixed, file://) to an existing repository-relative path. */
const toRepoPath = async (dir: string, printed: string): Promise<string | null> => {
  const cleaned = normalize(printed.replace(/^file:\/\//, '')).replace(/^\.\//, '');
  if (!isAbsolute(cleaned))
    return (await isFile(join(dir, cleaned))) && !cleaned.startsWith('..') ? cleaned : null;
  // Absolute runner paths: try ever shorter suffixes until one exists in the checkout.
  const parts = cleaned.split('/').filter((part) => part.length > 0);
  for (let start = 1; start < parts.length; start += 1) {
    const candidate = parts.slice(start).join('/');
    if (await isFile(join(dir, candidate))) return candidate;
  }
  return null;
};

/**
 * The files a failure points at, as repository-relative paths that exist in `dir`: the diagnosis's files
 * first; when it found none (absolute runner paths, bare file lists), path-like tokens from its evidence.
 */
export const resolveReportedFiles = async (options: {
  dir: string;
  diagnosis: DiagnosisResult;
  log: string;
}): Promise<string[]> => {
  const found = new Set<string>();
  for (const file of options.diagnosis.files) {
    const path = await toRepoPath(options.dir, file.path);
    if (path) found.add(path);
  }
  if (found.size > 0) return [...found];
  const lines = options.log.split('\n');
  const step = options.diagnosis.failingStep;
  const ranges = step?.startLine
    ? [{ start: step.startLine, end: step.endLine ?? lines.length }]
    : options.diagnosis.evidence;
  for (const range of ranges) {
    for (const line of lines.slice(range.start - 1, range.end)) {
      for (const match of line.replace(/^\S+Z /, '').matchAll(pathToken)) {
        const path = await toRepoPath(options.dir, match[1] ?? '');
        if (path) found.add(path);
      }
    }
  }
  return [...found];
};
