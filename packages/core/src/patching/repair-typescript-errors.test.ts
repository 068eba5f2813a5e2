import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { createTsHost } from './create-ts-host.ts';
import { repairMemberSpelling } from './repair-member-spelling.ts';
import { repairModuleSpecifier } from './repair-module-specifier.ts';

const temp: string[] = [];
afterEach(async () => {
  for (const dir of temp.splice(0)) await rm(dir, { recursive: true, force: true });
});

const tsconfig = JSON.stringify({
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
  },
  include: ['src'],
});

/** A project on disk; returns the repairs proposed for every error of `file`, as the edited texts. */
const repairs = async (
  files: Record<string, string>,
  file: string,
  repair: typeof repairModuleSpecifier,
): Promise<(string | null)[]> => {
  const dir = await mkdtemp(join(tmpdir(), 'suture-ts-repair-'));
  temp.push(dir);
  for (const [path, text] of Object.entries({ 'tsconfig.json': tsconfig, ...files })) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  const project = createTsHost({ dir });
  if (!project) throw new Error('no project');
  const path = join(dir, file);
  return project.service.getSemanticDiagnostics(path).map((error) => {
    const action = repair({ project, error });
    const change = action?.changes[0];
    if (!change) return null;
    return change.textChanges.reduce(
      (text, edit) =>
        text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.start + edit.span.length),
      ts.sys.readFile(change.fileName) ?? '',
    );
  });
};

describe('repairModuleSpecifier (TS2307: the module moved)', () => {
  it('points the import at the one file declaring the imported names, keeping the .js style', async () => {
    const [fixed] = await repairs(
      {
        'src/app.ts':
          "import { slugify, type Slug } from './slug.js';\nexport const s: Slug = slugify('A B');\n",
        'src/text/slug.ts':
          'export type Slug = string;\nexport const slugify = (text: string): Slug => text.toLowerCase();\n',
        // A barrel re-exporting the names is not where they live.
        'src/text/index.ts': "export * from './slug.js';\n",
      },
      'src/app.ts',
      repairModuleSpecifier,
    );
    expect(fixed).toBe(
      "import { slugify, type Slug } from './text/slug.js';\nexport const s: Slug = slugify('A B');\n",
    );
  });

  it('finds a namespace import by its file name, and climbs out of the importing directory', async () => {
    const [fixed] = await repairs(
      {
        'src/api/client.ts': "import * as money from './money.js';\nexport const cents = money.toCents(1);\n",
        'src/shared/money.ts': 'export const toCents = (euros: number): number => euros * 100;\n',
      },
      'src/api/client.ts',
      repairModuleSpecifier,
    );
    expect(fixed).toContain("import * as money from '../shared/money.js';");
  });

  it('proposes nothing when two files declare the names', async () => {
    const [fixed] = await repairs(
      {
        'src/app.ts': "import { parse } from './parse.js';\nexport const n = parse('1');\n",
        'src/a/parse-int.ts': 'export const parse = (text: string): number => Number(text);\n',
        'src/b/parse-float.ts': 'export const parse = (text: string): number => Number.parseFloat(text);\n',
      },
      'src/app.ts',
      repairModuleSpecifier,
    );
    expect(fixed).toBeNull();
  });
});

describe('repairMemberSpelling (TS2339/TS2551: a member that exists, never a new one)', () => {
  const user = 'export type User = { name: string; email: string; greet(): string; tags: string[] };\n';

  it('respells a transposed short property name and a misspelt method', async () => {
    const fixed = await repairs(
      {
        'src/user.ts': user,
        'src/use.ts':
          "import type { User } from './user.js';\nexport const f = (u: User) => [u.nmae, u.gerte()];\n",
      },
      'src/use.ts',
      repairMemberSpelling,
    );
    expect(fixed).toEqual([
      "import type { User } from './user.js';\nexport const f = (u: User) => [u.name, u.gerte()];\n",
      "import type { User } from './user.js';\nexport const f = (u: User) => [u.nmae, u.greet()];\n",
    ]);
  });

  it('keeps to the same kind of member: a read is not respelt to a method, a call not to a plain property', async () => {
    const fixed = await repairs(
      {
        'src/user.ts': user,
        'src/use.ts':
          "import type { User } from './user.js';\nexport const f = (u: User) => [u.greto, u.emial()];\n",
      },
      'src/use.ts',
      repairMemberSpelling,
    );
    expect(fixed).toEqual([null, null]);
  });

  it('proposes nothing when two members are equally close, or none is close enough', async () => {
    const fixed = await repairs(
      {
        'src/box.ts': 'export type Box = { width: number; height: number; wide: boolean; wild: boolean };\n',
        'src/use.ts':
          "import type { Box } from './box.js';\nexport const f = (b: Box) => [b.wied, b.dimensions];\n",
      },
      'src/use.ts',
      repairMemberSpelling,
    );
    expect(fixed).toEqual([null, null]);
  });
});
