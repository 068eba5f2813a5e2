import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { createTsHost } from './create-ts-host.ts';
import type { TsProject } from './create-ts-host.ts';
import type { FixContext, FixerRun } from './fixer.ts';
import { findRenamedExport } from './find-renamed-export.ts';
import { pickCodeFix } from './pick-code-fix.ts';

const MAX_ROUNDS = 25;

const errorsIn = (project: TsProject, files: readonly string[]): ts.Diagnostic[] =>
  files
    .flatMap((file) => [
      ...project.service.getSyntacticDiagnostics(file),
      ...project.service.getSemanticDiagnostics(file),
    ])
    .filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error);

/** Edits from one code fix never overlap; applying them back to front keeps the spans valid. */
const applyTextChanges = (text: string, changes: readonly ts.TextChange[]): string =>
  [...changes]
    .sort((a, b) => b.span.start - a.span.start)
    .reduce(
      (result, change) =>
        result.slice(0, change.span.start) +
        change.newText +
        result.slice(change.span.start + change.span.length),
      text,
    );

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

/** Renames every use of a stale imported name in one file, kept only if the errors go down. */
const renameStaleImport = async (options: {
  project: TsProject;
  error: ts.Diagnostic;
  workspace: FixContext['workspace'];
}): Promise<{ file: string; from: string; to: string } | null> => {
  const { project, error, workspace } = options;
  if (!error.file || error.start === undefined) return null;
  const name = error.file.text.slice(error.start, error.start + (error.length ?? 0));
  const program = project.service.getProgram();
  const start = error.start;
  // The innermost node at the error, to climb from it to its import declaration.
  const find = (current: ts.Node): ts.Node | undefined =>
    current.getStart() <= start && start < current.getEnd()
      ? (current
          .getChildren()
          .map(find)
          .find((found) => found) ?? current)
      : undefined;
  const node = find(error.file);
  const declaration = node ? ts.findAncestor(node, ts.isImportDeclaration) : undefined;
  if (!program || !declaration || !ts.isStringLiteral(declaration.moduleSpecifier)) return null;
  const resolved = ts.resolveModuleName(
    declaration.moduleSpecifier.text,
    error.file.fileName,
    program.getCompilerOptions(),
    ts.sys,
  ).resolvedModule;
  if (!resolved || resolved.isExternalLibraryImport) return null;
  const to = await findRenamedExport({
    git: workspace.git,
    file: relative(workspace.dir, resolved.resolvedFileName),
    name,
  });
  if (!to) return null;
  const locations =
    project.service.findRenameLocations(error.file.fileName, error.start, false, false, {
      providePrefixAndSuffixTextForRename: false,
    }) ?? [];
  if (locations.length === 0 || locations.some((location) => location.fileName !== error.file?.fileName))
    return null;
  const before = project.read(error.file.fileName) ?? '';
  const changes = locations.map((location) => ({ span: location.textSpan, newText: to }));
  const scope = [error.file.fileName];
  const errorsBefore = errorsIn(project, scope).length;
  project.update(error.file.fileName, applyTextChanges(before, changes));
  if (errorsIn(project, scope).length < errorsBefore) return { file: error.file.fileName, from: name, to };
  project.update(error.file.fileName, before);
  return null;
};

/**
 * Applies the TypeScript language service's own code fixes at each error in the reported files, one at a
 * time, keeping a fix only when it is unambiguous and the error count goes down afterwards.
 */
export const fixTypescriptErrors = async (options: { context: FixContext }): Promise<FixerRun> => {
  const { workspace, tooling, files } = options.context;
  const project = createTsHost({ dir: workspace.dir, tsconfig: tooling.node?.tsconfig ?? null });
  if (!project) return { changed: false, notes: ['No tsconfig.json found; the TypeScript fixer needs one.'] };
  const inProject = new Set(project.fileNames());
  const reported = files.map((file) => resolve(workspace.dir, file)).filter((file) => inProject.has(file));
  const targets = reported.length > 0 ? reported : [...inProject].filter((file) => !file.endsWith('.d.ts'));
  const notes: string[] = [];
  const touched = new Set<string>();
  const tried = new Set<string>();

  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const scope = [...new Set([...targets, ...touched])];
    const errors = errorsIn(project, scope);
    if (errors.length === 0) break;
    let progressed = false;
    for (const error of errors) {
      if (!error.file || error.start === undefined) continue;
      const key = `${error.file.fileName}:${error.start}:${error.code}:${ts.flattenDiagnosticMessageText(error.messageText, ' ')}`;
      if (tried.has(key)) continue;
      tried.add(key);
      const fixes = project.service.getCodeFixesAtPosition(
        error.file.fileName,
        error.start,
        error.start + (error.length ?? 0),
        [error.code],
        formatSettings,
        preferences,
      );
      const fix = pickCodeFix({ project, fixes, error });
      if (!fix.action) {
        if (fix.reason)
          notes.push(`${relative(workspace.dir, error.file.fileName)}: TS${error.code}: ${fix.reason}`);
        continue;
      }
      const before = new Map<string, string | undefined>();
      for (const change of fix.action.changes) {
        const text = project.read(change.fileName) ?? '';
        before.set(change.fileName, text);
        project.update(change.fileName, applyTextChanges(text, change.textChanges));
      }
      const after = errorsIn(project, [...new Set([...scope, ...before.keys()])]);
      if (after.length < errors.length) {
        for (const fileName of before.keys()) touched.add(resolve(fileName));
        notes.push(
          `${relative(workspace.dir, error.file.fileName)}: TS${error.code}: ${fix.action.description}`,
        );
        progressed = true;
        break;
      }
      // The fix did not reduce the errors (or moved them elsewhere): undo it in memory.
      for (const [fileName, text] of before) project.update(fileName, text ?? '');
      notes.push(
        `${relative(workspace.dir, error.file.fileName)}: TS${error.code}: "${fix.action.description}" did not reduce the errors; undone`,
      );
    }
    if (!progressed) break;
  }

  // Imports of a name the module no longer exports (TS2305): follow the module's own rename in history.
  for (const error of errorsIn(project, [...new Set([...targets, ...touched])]).filter(
    (item) => item.code === 2305,
  )) {
    const renamed = await renameStaleImport({ project, error, workspace });
    if (renamed) {
      touched.add(resolve(renamed.file));
      notes.push(
        `${relative(workspace.dir, renamed.file)}: TS2305: renamed ${renamed.from} to ${renamed.to}, following the export's rename in git history`,
      );
    }
  }

  for (const fileName of touched) {
    const text = project.read(fileName);
    if (text !== undefined) await writeFile(join(fileName), text);
  }
  return { changed: touched.size > 0, notes };
};
