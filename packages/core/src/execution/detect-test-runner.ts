export type TestRunner = 'node-test' | 'vitest' | 'jest' | 'pytest' | 'go' | 'cargo' | 'maven' | 'unknown';

export type RunnerDetection = {
  runner: TestRunner;
  /** How extra arguments reach the runner: appended directly, after "--" (npm/pnpm scripts), or not at all. */
  argStyle: 'direct' | 'after-dashdash' | 'none';
};

export type DetectTestRunnerOptions = {
  command: string;
  /** package.json "scripts" of the directory the command runs in, to see through `npm test`. */
  scripts?: Record<string, string>;
};

const scriptCall = /^(npm|pnpm|yarn)\s+(?:run(?:-script)?\s+)?([\w:.-]+)\s*(--\s.*)?$/;

const runnerOf = (text: string): TestRunner => {
  if (/\bnode\b[^|;&]*\s--test\b/.test(text)) return 'node-test';
  if (/\bvitest\b/.test(text)) return 'vitest';
  if (/\bjest\b/.test(text)) return 'jest';
  if (/\bpytest\b/.test(text)) return 'pytest';
  if (/\bgo\s+test\b/.test(text)) return 'go';
  if (/\bcargo\s+(?:test|nextest)\b/.test(text)) return 'cargo';
  if (/\bmvnw?\b/.test(text)) return 'maven';
  return 'unknown';
};

// Appending flags to a compound command would hand them to its last part only, which may not be the runner.
const isSimple = (text: string): boolean => !/&&|\|\||[;|`]|\$\(/.test(text);

/** Which test runner a command ends up in, and whether we can safely append runner flags to it. */
export const detectTestRunner = (options: DetectTestRunnerOptions): RunnerDetection => {
  const command = options.command.trim();
  const call = scriptCall.exec(command);
  if (call) {
    const script = options.scripts?.[call[2] ?? ''];
    if (script === undefined) return { runner: 'unknown', argStyle: 'none' };
    const runner = runnerOf(script);
    const style = call[1] === 'yarn' ? 'direct' : call[3] ? 'direct' : 'after-dashdash';
    return { runner, argStyle: runner !== 'unknown' && isSimple(script) ? style : 'none' };
  }
  const runner = runnerOf(command);
  return { runner, argStyle: runner !== 'unknown' && isSimple(command) ? 'direct' : 'none' };
};
