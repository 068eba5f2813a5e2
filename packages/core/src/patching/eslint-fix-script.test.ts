import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../workspace/run-command.ts';
import { eslintFixScript } from './eslint-fix-script.ts';

const temp: string[] = [];
afterEach(async () => {
  for (const dir of temp.splice(0)) await rm(dir, { recursive: true, force: true });
});

// A stand-in eslint package: lintFiles hands back the messages stored beside each file, as ESLint reports what is
// left after --fix. It lets the script's own choices be checked without installing ESLint.
const fakeEslint = `
const { readFileSync, writeFileSync } = require('node:fs');
class ESLint {
  async lintFiles(files) {
    return files.map((filePath) => ({ filePath, messages: JSON.parse(readFileSync(filePath + '.messages.json', 'utf8')) }));
  }
  static async outputFixes(results) {
    for (const result of results) if (result.output !== undefined) writeFileSync(result.filePath, result.output);
  }
}
module.exports = { ESLint, loadESLint: async () => ESLint };
`;

type Message = {
  ruleId: string;
  severity: number;
  suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[];
};

const suggest = (
  source: string,
  find: string,
  text: string,
): { desc: string; fix: { range: [number, number]; text: string } } => {
  const start = source.indexOf(find);
  return { desc: `replace ${find}`, fix: { range: [start, start + find.length], text } };
};

const runScript = async (
  source: string,
  messages: Message[],
  rules: string[],
): Promise<{ text: string; report: string }> => {
  const dir = await mkdtemp(join(tmpdir(), 'suture-eslint-script-'));
  temp.push(dir);
  await mkdir(join(dir, 'node_modules/eslint'), { recursive: true });
  await writeFile(
    join(dir, 'node_modules/eslint/package.json'),
    JSON.stringify({ name: 'eslint', main: 'index.js' }),
  );
  await writeFile(join(dir, 'node_modules/eslint/index.js'), fakeEslint);
  await writeFile(join(dir, 'package.json'), '{}');
  await writeFile(join(dir, 'eslint.config.js'), 'export default [];\n');
  await mkdir(join(dir, 'src'));
  await writeFile(join(dir, 'src/a.js'), source);
  await writeFile(join(dir, 'src/a.js.messages.json'), JSON.stringify(messages));
  const run = await runCommand({
    cwd: dir,
    command: 'node',
    args: ['-e', eslintFixScript, JSON.stringify(rules), '', 'src/a.js'],
  });
  return { text: await readFile(join(dir, 'src/a.js'), 'utf8'), report: run.stdout.trim() };
};

describe('eslintFixScript suggestions', () => {
  const source =
    'const v = obj.hasOwnProperty(key);\nif (v) {}\nconst s = "\\a";\nlet w = other.hasOwnProperty(key);\n';

  it("applies a reported error's only suggestion; not a comment-only one, not one of two, not a warning's", async () => {
    const messages: Message[] = [
      {
        ruleId: 'no-prototype-builtins',
        severity: 2,
        suggestions: [
          suggest(source, 'obj.hasOwnProperty(key)', 'Object.prototype.hasOwnProperty.call(obj, key)'),
        ],
      },
      // ESLint's own no-empty suggestion: a comment between the braces, which only silences the rule.
      {
        ruleId: 'no-empty',
        severity: 2,
        suggestions: [
          {
            desc: 'Add comment',
            fix: { range: [source.indexOf('{}') + 1, source.indexOf('{}') + 1], text: ' /* empty */ ' },
          },
        ],
      },
      {
        ruleId: 'no-useless-escape',
        severity: 2,
        suggestions: [suggest(source, '\\a', 'a'), suggest(source, '\\a', '\\\\a')],
      },
      {
        ruleId: 'no-prototype-builtins',
        severity: 1,
        suggestions: [suggest(source, 'other.hasOwnProperty(key)', 'Object.hasOwn(other, key)')],
      },
    ];
    const { text, report } = await runScript(source, messages, []);
    expect(text).toBe(
      'const v = Object.prototype.hasOwnProperty.call(obj, key);\nif (v) {}\nconst s = "\\a";\nlet w = other.hasOwnProperty(key);\n',
    );
    expect(JSON.parse(report.replace(/^SUTURE_ESLINT /, ''))).toEqual({
      rewritten: ['src/a.js'],
      suggested: 1,
      ignored: [],
    });
  });

  it('takes suggestions only for the rules the log reported', async () => {
    const messages: Message[] = [
      {
        ruleId: 'no-prototype-builtins',
        severity: 2,
        suggestions: [
          suggest(source, 'obj.hasOwnProperty(key)', 'Object.prototype.hasOwnProperty.call(obj, key)'),
        ],
      },
    ];
    const { text } = await runScript(source, messages, ['prefer-const']);
    expect(text).toBe(source);
  });
});
