import { resolve } from 'node:path';
import ts from 'typescript';
import type { TsProject } from './create-ts-host.ts';

// Fixes that repair the code rather than silence the checker. Deliberately absent: disableJsDiagnostics
// (adds @ts-ignore), fixAddMissingMember / fixMissingFunctionDeclaration (invent stubs), inferFromUsage.
const allowed = new Set([
  'import',
  'spelling',
  'addMissingAwaitToInitializer',
  'addMissingAwait',
  'addMissingAsync',
  'fixAwaitInSyncFunction',
  'addMissingConst',
  'addMissingNewOperator',
  'fixOverrideModifier',
  'fixConvertConstToLet',
  'fixImportNonExportedMember',
  'forgottenThisPropertyAccess',
  'removeUnnecessaryAwait',
  'convertToTypeOnlyImport',
  'convertToTypeOnlyExport',
  'splitTypeOnlyImport',
  'fixReturnTypeInAsyncFunction',
  'fixExpectedComma',
  'unusedIdentifier',
  'fixNaNEquality',
  'addMissingInvocationForDecorator',
  'requireInTs',
  'fixIncorrectNamedTupleSyntax',
  'wrapDecoratorInParentheses',
]);

export type PickedFix = { action: ts.CodeFixAction | null; reason: string | null };

const sameChanges = (a: ts.CodeFixAction, b: ts.CodeFixAction): boolean =>
  JSON.stringify(a.changes) === JSON.stringify(b.changes);

/** For import fixes offering several modules, the one that declares the symbol beats barrels re-exporting it. */
const declaringModule = (
  project: TsProject,
  fixes: ts.CodeFixAction[],
  error: ts.Diagnostic,
): ts.CodeFixAction[] => {
  const program = project.service.getProgram();
  if (!program || !error.file || error.start === undefined) return fixes;
  const name = error.file.text.slice(error.start, error.start + (error.length ?? 0));
  const checker = program.getTypeChecker();
  return fixes.filter((fix) => {
    const specifier = /"([^"]+)"/.exec(fix.description)?.[1];
    if (!specifier || !error.file) return false;
    const resolved = ts.resolveModuleName(
      specifier,
      error.file.fileName,
      program.getCompilerOptions(),
      ts.sys,
    ).resolvedModule;
    const source = resolved
      ? (program.getSourceFile(resolve(resolved.resolvedFileName)) ??
        program.getSourceFile(resolved.resolvedFileName))
      : undefined;
    const moduleSymbol = source ? checker.getSymbolAtLocation(source) : undefined;
    const exported = moduleSymbol
      ? checker.getExportsOfModule(moduleSymbol).find((symbol) => symbol.name === name)
      : undefined;
    // `export *` hands back the original symbol, so compare where it is declared, not its flags.
    return (
      exported !== undefined &&
      (exported.flags & ts.SymbolFlags.Alias) === 0 &&
      (exported.declarations ?? []).some((declaration) => declaration.getSourceFile() === source)
    );
  });
};

/** Chooses the single safe fix for one diagnostic, or explains why none is taken. */
export const pickCodeFix = (options: {
  project: TsProject;
  fixes: readonly ts.CodeFixAction[];
  error: ts.Diagnostic;
}): PickedFix => {
  let candidates = options.fixes.filter((fix) => allowed.has(fix.fixName));
  // Only removals of unused imports: prefixing with "_" or deleting statements hides the symptom.
  candidates = candidates.filter(
    (fix) =>
      fix.fixName !== 'unusedIdentifier' ||
      (/^Remove (?:import from|unused declaration for: '[^']+'$)/.test(fix.description) &&
        fix.changes.every((change) => change.textChanges.every((edit) => edit.newText === ''))),
  );
  // Fixes writing into dependencies or outside the project are never applied.
  candidates = candidates.filter((fix) =>
    fix.changes.every((change) => !change.isNewFile && !change.fileName.includes('/node_modules/')),
  );
  // Awaiting the promise where it is created beats awaiting it at every use.
  if (candidates.some((fix) => fix.fixName === 'addMissingAwaitToInitializer'))
    candidates = candidates.filter((fix) => fix.fixName !== 'addMissingAwait');
  const unique = candidates.filter(
    (fix, index) => candidates.findIndex((other) => sameChanges(fix, other)) === index,
  );
  if (unique.length === 1) return { action: unique[0] ?? null, reason: null };
  if (unique.length === 0)
    return {
      action: null,
      reason:
        options.fixes.length > 0
          ? `only unsafe fixes offered (${options.fixes.map((fix) => fix.fixName).join(', ')})`
          : null,
    };
  if (unique.every((fix) => fix.fixName === 'import')) {
    const declaring = declaringModule(options.project, unique, options.error);
    if (declaring.length === 1) return { action: declaring[0] ?? null, reason: null };
  }
  return { action: null, reason: `ambiguous: ${unique.map((fix) => fix.description).join(' | ')}` };
};
