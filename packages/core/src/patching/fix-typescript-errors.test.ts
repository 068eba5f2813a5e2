import { afterEach, describe, expect, it } from 'vitest';
import { diffWorkspace } from '../workspace/diff-workspace.ts';
import { disposeWorkspace } from '../workspace/dispose-workspace.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { fixTypescriptErrors } from './fix-typescript-errors.ts';
import { makeFixContext } from './testing/make-fix-context.ts';

const open: Workspace[] = [];
afterEach(async () => {
  for (const workspace of open.splice(0)) await disposeWorkspace({ workspace });
});

const fixCase = async (id: string, files?: string[]): Promise<{ diff: string; notes: string[] }> => {
  const made = await makeFixContext({ id });
  open.push(made.workspace);
  const context = files ? { ...made, files } : made;
  const run = await fixTypescriptErrors({ context });
  return { diff: (await diffWorkspace({ workspace: context.workspace })).diff, notes: run.notes };
};

describe('fixTypescriptErrors (TypeScript language service code fixes)', () => {
  it('adds the missing import from the declaring module, not the barrel re-exporting it', async () => {
    const { diff } = await fixCase('ts-missing-import');
    expect(diff).toContain("+import { slugify } from './slug.js';");
    expect(diff).not.toContain('index.js');
    expect(diff.match(/^\+[^+]/gm)).toHaveLength(1);
  });

  it('corrects a misspelt property', async () => {
    const { diff } = await fixCase('ts-misspelt-property');
    expect(diff).toContain('-  const cc = user.managerEmial ?');
    expect(diff).toContain('+  const cc = user.managerEmail ?');
  });

  it('adds the missing await at the initializer', async () => {
    const { diff } = await fixCase('ts-missing-await');
    expect(diff).toContain('+  const order = await loadOrder(id);');
    expect(diff).not.toContain('(await order)');
  });

  it('follows a rename of the export recorded in git history (TS2305)', async () => {
    const { diff, notes } = await fixCase('ts-renamed-export');
    expect(diff).toContain("+import { formatMoney } from './money.js';");
    expect(diff).toContain('+  return `Pay ${formatMoney(totalCents + shippingCents)}`;');
    expect(notes.join('\n')).toContain('renamed formatPrice to formatMoney');
  });

  it('repairs the moved module (TS2307) first instead of chasing the implicit-any errors tsc lists before it', async () => {
    const { diff, notes } = await fixCase('ts-moved-module');
    expect(diff).toContain("-import { createQueue } from './queue-engine.js';");
    expect(diff).toContain("+import { createQueue } from './jobs/queue-engine.js';");
    expect(diff.match(/^\+[^+]/gm)).toHaveLength(1);
    expect(notes.join('\n')).toContain('src/queue.ts: TS2307');
    expect(notes.join('\n')).not.toContain('only unsafe fixes offered');
  });

  it('respells a member TypeScript offers only to declare (TS2339), for a property and a method', async () => {
    const { diff, notes } = await fixCase('ts-property-typo');
    expect(diff).toContain('+  const left = stock.get(product.sku) ?? 0;');
    expect(diff).toContain('+  return `${product.name}: ');
    expect(diff).not.toContain('nmae?');
    expect(diff.match(/^\+[^+]/gm)).toHaveLength(2);
    expect(notes.join('\n')).toContain("Change spelling of 'nmae' to the existing member 'name'");
  });

  it('finds the moved module one import away when only the file with the cascade was reported', async () => {
    const { diff } = await fixCase('ts-moved-module', ['src/app.ts']);
    expect(diff).toContain("+import { createQueue } from './jobs/queue-engine.js';");
    expect(diff.match(/^\+[^+]/gm)).toHaveLength(1);
  });
});
