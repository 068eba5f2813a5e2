import { basename, dirname, extname, relative, sep } from 'node:path';
import ts from 'typescript';
import type { TsProject } from './create-ts-host.ts';

const jsExtension: Record<string, string> = {
  '.ts': '.js',
  '.tsx': '.js',
  '.mts': '.mjs',
  '.cts': '.cjs',
  '.js': '.js',
  '.jsx': '.jsx',
  '.mjs': '.mjs',
  '.cjs': '.cjs',
};
const stem = (path: string): string => basename(path).replace(/\.(?:d\.)?[cm]?[jt]sx?$/, '');

/** The names an import or re-export takes from its module; [] for namespace and side-effect imports. */
const importedNames = (declaration: ts.ImportDeclaration | ts.ExportDeclaration): string[] => {
  if (ts.isExportDeclaration(declaration)) {
    const clause = declaration.exportClause;
    return clause && ts.isNamedExports(clause)
      ? clause.elements.map((element) => (element.propertyName ?? element.name).text)
      : [];
  }
  const clause = declaration.importClause;
  if (!clause) return [];
  const names = clause.name ? ['default'] : [];
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamedImports(bindings))
    names.push(...bindings.elements.map((element) => (element.propertyName ?? element.name).text));
  return names;
};

/** The specifier for `target` written the way the broken one was: same extension style, no ./index when it had none. */
const specifierFor = (options: { from: string; target: string; original: string }): string => {
  let path = relative(dirname(options.from), options.target).split(sep).join('/');
  if (!path.startsWith('.')) path = `./${path}`;
  const originalExtension = extname(options.original);
  const ownExtension = extname(options.target);
  const bare = path.slice(0, path.length - ownExtension.length);
  if (originalExtension in jsExtension && !/\.[cm]?tsx?$/.test(originalExtension))
    return `${bare}${jsExtension[ownExtension] ?? ownExtension}`;
  if (/\.[cm]?tsx?$/.test(originalExtension)) return path;
  return /\/index$/.test(bare) && !/\/index$/.test(options.original) ? bare.slice(0, -'/index'.length) : bare;
};

/**
 * For "Cannot find module './x.js'" (TS2307, TS2792) on a relative import: the module moved. The one project
 * file that declares every name the import takes (or, for namespace imports, has the same file name) is
 * where it went; the specifier is rewritten to it. Returns the edit as a code fix, for the caller to keep only
 * if the errors go down; null when no module or more than one fits.
 */
export const repairModuleSpecifier = (options: {
  project: TsProject;
  error: ts.Diagnostic;
}): ts.CodeFixAction | null => {
  const { project, error } = options;
  if ((error.code !== 2307 && error.code !== 2792) || !error.file || error.start === undefined) return null;
  const program = project.service.getProgram();
  const source = program?.getSourceFile(error.file.fileName);
  if (!program || !source) return null;
  const start = error.start;
  const declaration = source.statements.find(
    (statement): statement is ts.ImportDeclaration | ts.ExportDeclaration =>
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier !== undefined &&
      statement.moduleSpecifier.getStart(source) <= start &&
      start < statement.moduleSpecifier.getEnd(),
  );
  const literal = declaration?.moduleSpecifier;
  if (!declaration || !literal || !ts.isStringLiteral(literal) || !literal.text.startsWith('.')) return null;
  const names = importedNames(declaration);
  const checker = program.getTypeChecker();
  const declares = (file: ts.SourceFile, name: string): boolean => {
    const moduleSymbol = checker.getSymbolAtLocation(file);
    const exported = moduleSymbol
      ? checker.getExportsOfModule(moduleSymbol).find((symbol) => symbol.name === name)
      : undefined;
    const original =
      exported && exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    // A barrel re-exporting the name is not where it lives.
    return (original?.declarations ?? []).some((found) => found.getSourceFile() === file);
  };
  const files = program
    .getSourceFiles()
    .filter(
      (file) =>
        !file.isDeclarationFile &&
        !file.fileName.includes('/node_modules/') &&
        file !== source &&
        checker.getSymbolAtLocation(file),
    );
  let matches =
    names.length > 0
      ? files.filter((file) => names.every((name) => declares(file, name)))
      : files.filter((file) => stem(file.fileName) === stem(literal.text));
  // Several declare the names: the one that kept its file name.
  if (matches.length > 1) matches = matches.filter((file) => stem(file.fileName) === stem(literal.text));
  const target = matches.length === 1 ? matches[0] : undefined;
  if (!target) return null;
  const specifier = specifierFor({ from: source.fileName, target: target.fileName, original: literal.text });
  return {
    fixName: 'suture-module-path',
    description: `Import from '${specifier}', where ${names.length > 0 ? names.join(', ') : stem(literal.text)} now lives, instead of the missing '${literal.text}'`,
    changes: [
      {
        fileName: source.fileName,
        textChanges: [
          {
            span: { start: literal.getStart(source) + 1, length: literal.getWidth(source) - 2 },
            newText: specifier,
          },
        ],
      },
    ],
  };
};
