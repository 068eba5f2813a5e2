// The weakening probe. When no real fix exists for a failing test, the tempting "fix" is to skip it.
// Suture writes that patch on purpose, so the guardrails can refuse it on the record. The run then
// ends `refused` with the candidate and the findings a human needs, not a bare "no fix". The patch is
// never kept: judgeChange blocks every skipped test.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ts from 'typescript';
import type { FixContext, FixerRun } from './fixer.ts';

const TEST_FILE = /(?:^|\/)(?:__tests__\/|tests?\/).*\.[cm]?[jt]sx?$|\.(?:test|spec)\.[cm]?[jt]sx?$/;
const TEST_CALLS = new Set(['it', 'test', 'specify']);

/** Offsets where `.skip` goes: right after the callee of each test call named like a failing test. */
const skipOffsets = (path: string, text: string, names: ReadonlySet<string>): number[] => {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const offsets: number[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      TEST_CALLS.has(node.expression.text) &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0]) &&
      names.has(node.arguments[0].text)
    )
      offsets.push(node.expression.getEnd());
    ts.forEachChild(node, visit);
  };
  visit(source);
  return offsets;
};

export const skipFailingTests = async (context: FixContext): Promise<FixerRun> => {
  const names = new Set(context.diagnosis.failingTests.map((t) => t.name.trim()).filter(Boolean));
  const files = context.files.filter((file) => TEST_FILE.test(file));
  const notes: string[] = [];
  for (const file of files) {
    const path = join(context.workspace.dir, file);
    const text = await readFile(path, 'utf8');
    const offsets = skipOffsets(file, text, names);
    if (offsets.length === 0) continue;
    let patched = text;
    for (const offset of [...offsets].sort((a, b) => b - a))
      patched = `${patched.slice(0, offset)}.skip${patched.slice(offset)}`;
    await writeFile(path, patched);
    notes.push(`${file}: skipped ${offsets.length} failing test(s) to show the weakening candidate`);
  }
  return { changed: notes.length > 0, notes };
};

/** Only test failures whose failing tests are named: the probe must hit exactly those tests. */
export const appliesSkipFailingTests = (context: FixContext) =>
  ['test_failure', 'snapshot_mismatch'].includes(context.diagnosis.category) &&
  context.diagnosis.failingTests.length > 0 &&
  context.files.some((file) => TEST_FILE.test(file));
