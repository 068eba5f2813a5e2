import ts from 'typescript';

export type JsTestScan = {
  tests: number[];
  skipped: number[];
  focused: number[];
  assertions: number[];
  swallowedErrors: number[];
};

const testNames = new Set(['it', 'test', 'specify', 'describe', 'suite', 'context']);
const skipNames = new Set(['xit', 'xtest', 'xdescribe', 'xspecify', 'xcontext']);
const focusNames = new Set(['fit', 'fdescribe', 'ftest']);
const skipMembers = new Set(['skip', 'todo', 'skipIf', 'runIf', 'fixme']);

const calleeParts = (expression: ts.Expression): string[] => {
  if (ts.isIdentifier(expression)) return [expression.text];
  if (ts.isPropertyAccessExpression(expression))
    return [...calleeParts(expression.expression), expression.name.text];
  if (ts.isCallExpression(expression)) return calleeParts(expression.expression);
  return [];
};

const isLoggingOnly = (block: ts.Block): boolean =>
  block.statements.every(
    (statement) =>
      (ts.isExpressionStatement(statement) &&
        ts.isCallExpression(statement.expression) &&
        calleeParts(statement.expression.expression)[0] === 'console') ||
      (ts.isReturnStatement(statement) &&
        (!statement.expression ||
          statement.expression.kind === ts.SyntaxKind.NullKeyword ||
          (ts.isIdentifier(statement.expression) && statement.expression.text === 'undefined'))),
  );

const swallows = (handler: ts.Expression | undefined): boolean => {
  if (!handler) return false;
  if (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) {
    if (ts.isBlock(handler.body)) return isLoggingOnly(handler.body);
    return (
      handler.body.kind === ts.SyntaxKind.NullKeyword ||
      (ts.isIdentifier(handler.body) && handler.body.text === 'undefined')
    );
  }
  return ts.isIdentifier(handler) && /^(?:noop|ignore|identity)$/i.test(handler.text);
};

/**
 * Walks a JS/TS file's syntax tree for test declarations, skips and focuses, assertions and catch-all error
 * swallowing, each reported by 1-based line. A parser, not regexes, so strings and comments cannot fool it.
 */
export const scanJsTests = (options: { path: string; text: string }): JsTestScan => {
  const source = ts.createSourceFile(options.path, options.text, ts.ScriptTarget.Latest, true);
  const scan: JsTestScan = { tests: [], skipped: [], focused: [], assertions: [], swallowedErrors: [] };
  const lineOf = (node: ts.Node): number =>
    source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const parts = calleeParts(node.expression);
      const head = parts[0] ?? '';
      if (testNames.has(head) || skipNames.has(head) || focusNames.has(head)) {
        if (!parts.includes('each') || ts.isCallExpression(node.expression)) scan.tests.push(lineOf(node));
        if (skipNames.has(head) || parts.slice(1).some((part) => skipMembers.has(part)))
          scan.skipped.push(lineOf(node));
        if (focusNames.has(head) || parts.slice(1).includes('only')) scan.focused.push(lineOf(node));
      }
      if (
        head === 'expect' ||
        head === 'assert' ||
        (head === 't' &&
          parts.length === 2 &&
          /^(?:is|deepEqual|equal|true|false|throws|like|snapshot|assert)$/.test(parts[1] ?? ''))
      ) {
        // Count each expect(...) chain once, at its outermost call.
        if (!(ts.isPropertyAccessExpression(node.parent) && ts.isCallExpression(node.parent.parent)))
          scan.assertions.push(lineOf(node));
      }
      if (parts.at(-1) === 'catch' && swallows(node.arguments[0])) scan.swallowedErrors.push(lineOf(node));
    }
    if (ts.isCatchClause(node) && isLoggingOnly(node.block)) scan.swallowedErrors.push(lineOf(node));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return scan;
};
