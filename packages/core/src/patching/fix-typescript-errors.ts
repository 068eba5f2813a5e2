import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { pickPrimaryError } from '../diagnosis/pick-primary-error.ts';
import { createTsHost } from './create-ts-host.ts';
import { applyTextChanges } from './apply-text-changes.ts';
import type { TsProject } from './create-ts-host.ts';
import type { FixContext, FixerRun } from './fixer.ts';
import { pickCodeFix } from './pick-code-fix.ts';
import { renameStaleImport } from './rename-stale-import.ts';
import { repairMemberSpelling } from './repair-member-spelling.ts';
import { repairModuleSpecifier } from './repair-module-specifier.ts';

const MAX_ROUNDS = 25;

const errorsIn = (project: TsProject, files: readonly string[]): ts.Diagnostic[] =>
  files
    .flatMap((file) => [
      ...project.service.getSyntacticDiagnostics(file),
      ...project.service.getSemanticDiagnostics(file),
    ])
    .filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error);

const formatSettings: ts.FormatCodeSettings = {
  ...ts.getDefaultFormatCodeSettings('\n'),
  indentSize: 2,
  tabSize: 2,
  convertTabsToSpaces: true,
};
const preferences: ts.UserPreferences = {
  quotePreference: 'auto',
  importModuleSpecifierPreference: 'relative',
  includePackageJsonAutoImports: 'off',
};

// Errors that make a module's exports `any` for its importers: the cause of implicit-any cascades elsewhere.
const brokenImportCodes = new Set([2307, 2792, 2305, 2724]);

/**
 * Project files the reported ones import whose own imports are broken. A cascade's cause can sit one import
 * away (queue.ts cannot resolve its engine, so app.ts's job handlers are implicit any) in a file the log cut off.
 */
const importedCauses = (
  project: TsProject,
  targets: readonly string[],
  inProject: ReadonlySet<string>,
): string[] => {
  const program = project.service.getProgram();
  if (!program) return [];
  const found = new Set<string>();
  for (const target of targets) {
    const source = program.getSourceFile(target);
    for (const statement of source?.statements ?? []) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
      const specifier = statement.moduleSpecifier;
      if (!specifier || !ts.isStringLiteral(specifier)) continue;
      const resolved = ts.resolveModuleName(
        specifier.text,
        target,
        program.getCompilerOptions(),
        ts.sys,
      ).resolvedModule;
      const file = resolved && !resolved.isExternalLibraryImport ? resolve(resolved.resolvedFileName) : null;
      if (!file || !inProject.has(file) || targets.includes(file) || file.endsWith('.d.ts')) continue;
      if (errorsIn(project, [file]).some((error) => brokenImportCodes.has(error.code))) found.add(file);
    }
  }
  return [...found];
};

/** The errors with the one the others follow from first (pickPrimaryError): fixing it often clears the rest. */
const primaryFirst = (errors: readonly ts.Diagnostic[]): ts.Diagnostic[] => {
  const lines = errors.map((error, index) => ({
    line: index + 1,
    text: `${error.file?.fileName ?? 'tsconfig.json'}(1,1): error TS${error.code}: ${ts.flattenDiagnosticMessageText(error.messageText, ' ')}`,
  }));
  const picked = pickPrimaryError({ lines });
  if (!picked) return [...errors];
  return [picked.primary, ...picked.secondary].flatMap((entry) => errors[entry.line - 1] ?? []);
};

// Repairs of our own where TypeScript offers none or only unsafe ones: a moved module, a misspelt member.
const ownRepair = (project: TsProject, error: ts.Diagnostic): ts.CodeFixAction | null =>
  repairModuleSpecifier({ project, error }) ?? repairMemberSpelling({ project, error });

type Attempt = { kept: boolean; note: string | null; touched: string[] };

/** One error: TypeScript's safe code fix, else our own repair, else the export's rename in history. */
const attemptError = async (options: {
  project: TsProject;
  error: ts.Diagnostic;
  scope: readonly string[];
  errorCount: number;
  workspace: FixContext['workspace'];
}): Promise<Attempt> => {
  const { project, error, workspace } = options;
  if (!error.file || error.start === undefined) return { kept: false, note: null, touched: [] };
  const where = `${relative(workspace.dir, error.file.fileName)}: TS${error.code}`;
  const fixes = project.service.getCodeFixesAtPosition(
    error.file.fileName,
    error.start,
    error.start + (error.length ?? 0),
    [error.code],
    formatSettings,
    preferences,
  );
  const fix = pickCodeFix({ project, fixes, error });
  const action = fix.action ?? ownRepair(project, error);
  let note = action || !fix.reason ? null : `${where}: ${fix.reason}`;
  if (action) {
    const before = new Map<string, string>();
    for (const change of action.changes) {
      const text = project.read(change.fileName) ?? '';
      before.set(change.fileName, text);
      project.update(change.fileName, applyTextChanges({ text, changes: change.textChanges }));
    }
    const after = errorsIn(project, [...new Set([...options.scope, ...before.keys()])]);
    if (after.length < options.errorCount)
      return {
        kept: true,
        note: `${where}: ${action.description}`,
        touched: [...before.keys()].map((fileName) => resolve(fileName)),
      };
    // The fix did not reduce the errors (or moved them elsewhere): undo it in memory.
    for (const [fileName, text] of before) project.update(fileName, text);
    note = `${where}: "${action.description}" did not reduce the errors; undone`;
  }
  if (error.code === 2305 || error.code === 2724) {
    const renamed = await renameStaleImport({ project, error, workspace });
    if (renamed)
      return {
        kept: true,
        note: `${relative(workspace.dir, renamed.file)}: TS${error.code}: renamed ${renamed.from} to ${renamed.to}, following the export's rename in git history`,
        touched: [resolve(renamed.file)],
      };
  }
  return { kept: false, note, touched: [] };
};

/**
 * Applies the TypeScript language service's own code fixes (and our repairs for moved modules, misspelt members
 * and renamed exports) at each error in the reported files, the primary error first, one at a time, keeping a
 * fix only when it is unambiguous and the error count goes down afterwards.
 */
export const fixTypescriptErrors = async (options: { context: FixContext }): Promise<FixerRun> => {
  const { workspace, tooling, files } = options.context;
  const project = createTsHost({ dir: workspace.dir, tsconfig: tooling.node?.tsconfig ?? null });
  if (!project) return { changed: false, notes: ['No tsconfig.json found; the TypeScript fixer needs one.'] };
  const inProject = new Set(project.fileNames());
  const reported = files.map((file) => resolve(workspace.dir, file)).filter((file) => inProject.has(file));
  const listed = reported.length > 0 ? reported : [...inProject].filter((file) => !file.endsWith('.d.ts'));
  const targets = reported.length > 0 ? [...listed, ...importedCauses(project, listed, inProject)] : listed;
  const notes: string[] = [];
  const touched = new Set<string>();
  const tried = new Set<string>();

  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const scope = [...new Set([...targets, ...touched])];
    const errors = errorsIn(project, scope);
    if (errors.length === 0) break;
    let progressed = false;
    for (const error of primaryFirst(errors)) {
      if (!error.file || error.start === undefined) continue;
      const key = `${error.file.fileName}:${error.start}:${error.code}:${ts.flattenDiagnosticMessageText(error.messageText, ' ')}`;
      if (tried.has(key)) continue;
      tried.add(key);
      const attempt = await attemptError({ project, error, scope, errorCount: errors.length, workspace });
      if (attempt.note) notes.push(attempt.note);
      for (const fileName of attempt.touched) touched.add(fileName);
      if (attempt.kept) {
        progressed = true;
        break;
      }
    }
    if (!progressed) break;
  }

  for (const fileName of touched) {
    const text = project.read(fileName);
    if (text !== undefined) await writeFile(join(fileName), text);
  }
  return { changed: touched.size > 0, notes };
};
