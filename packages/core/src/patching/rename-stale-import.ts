import { relative } from 'node:path';
import ts from 'typescript';
import { applyTextChanges } from './apply-text-changes.ts';
import type { TsProject } from './create-ts-host.ts';
import type { FixContext } from './fixer.ts';
import { findRenamedExport } from './find-renamed-export.ts';

const errorCount = (project: TsProject, file: string): number =>
  [...project.service.getSyntacticDiagnostics(file), ...project.service.getSemanticDiagnostics(file)].filter(
    (diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error,
  ).length;

/**
 * For an import of a name its module no longer exports (TS2305, TS2724): follows the module's own rename in git
 * history and renames every use in the one file, kept only if that file's errors go down.
 */
export const renameStaleImport = async (options: {
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
  const errorsBefore = errorCount(project, error.file.fileName);
  project.update(error.file.fileName, applyTextChanges({ text: before, changes }));
  if (errorCount(project, error.file.fileName) < errorsBefore)
    return { file: error.file.fileName, from: name, to };
  project.update(error.file.fileName, before);
  return null;
};
