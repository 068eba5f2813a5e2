import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiagnosisResult } from '../diagnosis/diagnosis-result.ts';
import type { FixContext } from './fixer.ts';
import { appliesSkipFailingTests, skipFailingTests } from './skip-failing-tests.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const contextFor = async (
  files: Record<string, string>,
  failingTests: string[],
  category = 'test_failure',
) => {
  const dir = await mkdtemp(join(tmpdir(), 'suture-probe-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return {
    workspace: { dir },
    diagnosis: {
      category,
      failingTests: failingTests.map((name) => ({ name })),
    } as unknown as DiagnosisResult,
    files: Object.keys(files),
  } as unknown as FixContext;
};

describe('skipFailingTests (the weakening probe)', () => {
  it('skips exactly the failing tests, by name, through the syntax tree', async () => {
    const source = [
      "test('defaults', () => {});",
      "test('rejects unknown keys', () => { throw new Error('x'); });",
      'it("rejects unknown keys", () => {}); // \'rejects unknown keys\' in a comment stays',
      'const label = "test(\'rejects unknown keys\'";',
    ].join('\n');
    const context = await contextFor({ 'test/config.test.js': source }, ['rejects unknown keys']);
    expect(appliesSkipFailingTests(context)).toBe(true);
    const run = await skipFailingTests(context);
    expect(run.changed).toBe(true);
    expect(await readFile(join(context.workspace.dir, 'test/config.test.js'), 'utf8')).toBe(
      [
        "test('defaults', () => {});",
        "test.skip('rejects unknown keys', () => { throw new Error('x'); });",
        'it.skip("rejects unknown keys", () => {}); // \'rejects unknown keys\' in a comment stays',
        'const label = "test(\'rejects unknown keys\'";',
      ].join('\n'),
    );
  });

  it('does not apply to other failures, unnamed tests or source files', async () => {
    expect(appliesSkipFailingTests(await contextFor({ 'test/a.test.ts': '' }, ['x'], 'type_error'))).toBe(
      false,
    );
    expect(appliesSkipFailingTests(await contextFor({ 'test/a.test.ts': '' }, []))).toBe(false);
    expect(appliesSkipFailingTests(await contextFor({ 'src/a.ts': "test('x', () => {})" }, ['x']))).toBe(
      false,
    );
    const untouched = await contextFor({ 'src/a.spec.ts': "test('other', () => {});" }, ['x']);
    expect((await skipFailingTests(untouched)).changed).toBe(false);
  });
});
