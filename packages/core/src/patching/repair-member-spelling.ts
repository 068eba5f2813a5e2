import levenshtein from 'damerau-levenshtein';
import ts from 'typescript';
import type { TsProject } from './create-ts-host.ts';

// Short names tolerate one edit (a transposition counts as one): "nmae" is "name", "cnt" is not "count".
const maxDistance = (name: string): number => (name.length <= 4 ? 1 : 2);

const nodeAt = (source: ts.SourceFile, position: number): ts.Node | undefined => {
  const find = (node: ts.Node): ts.Node | undefined =>
    node.getStart(source) <= position && position < node.getEnd()
      ? (ts.forEachChild(node, find) ?? node)
      : undefined;
  return find(source);
};

/**
 * For "Property 'x' does not exist on type 'T'" (TS2339, and TS2551 whose "Did you mean" TypeScript could not
 * turn into a fix), the one member of T the name is a misspelling of: the unique closest by Damerau-Levenshtein
 * within a small distance, of the same kind (called: something callable; read: not a method). Never declares a
 * member. Returns the edit as a code fix, for the caller to keep only if the errors go down.
 */
export const repairMemberSpelling = (options: {
  project: TsProject;
  error: ts.Diagnostic;
}): ts.CodeFixAction | null => {
  const { project, error } = options;
  if ((error.code !== 2339 && error.code !== 2551) || !error.file || error.start === undefined) return null;
  const program = project.service.getProgram();
  const source = program?.getSourceFile(error.file.fileName);
  if (!program || !source) return null;
  const node = nodeAt(source, error.start);
  const access = node?.parent;
  if (
    !node ||
    !ts.isIdentifier(node) ||
    !access ||
    !ts.isPropertyAccessExpression(access) ||
    access.name !== node
  )
    return null;
  const checker = program.getTypeChecker();
  const called = ts.isCallExpression(access.parent) && access.parent.expression === access;
  const name = node.text;
  const scored = checker
    .getPropertiesOfType(checker.getApparentType(checker.getTypeAtLocation(access.expression)))
    .filter((member) => /^[A-Za-z_$][\w$]*$/.test(member.name) && member.name !== name)
    .filter((member) => {
      const isMethod = (member.flags & ts.SymbolFlags.Method) !== 0;
      if (!called) return !isMethod;
      return isMethod || checker.getTypeOfSymbolAtLocation(member, access).getCallSignatures().length > 0;
    })
    .map((member) => ({ name: member.name, distance: levenshtein(name, member.name).steps }))
    .filter((candidate) => candidate.distance <= maxDistance(name));
  const best = Math.min(...scored.map((candidate) => candidate.distance));
  const closest = scored.filter((candidate) => candidate.distance === best);
  const target = closest.length === 1 ? closest[0]?.name : undefined;
  // TS2551 names its own guess; a different one here means the spelling is not clear-cut.
  const suggested = /Did you mean '([^']+)'\?/.exec(
    ts.flattenDiagnosticMessageText(error.messageText, ' '),
  )?.[1];
  if (!target || (suggested !== undefined && suggested !== target)) return null;
  return {
    fixName: 'suture-member-spelling',
    description: `Change spelling of '${name}' to the existing member '${target}'`,
    changes: [
      {
        fileName: source.fileName,
        textChanges: [{ span: { start: node.getStart(source), length: name.length }, newText: target }],
      },
    ],
  };
};
