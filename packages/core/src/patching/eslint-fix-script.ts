/**
 * ESLint's own fixes through the repository's installed ESLint API, as a script for a separate node process (the
 * sandbox in production): loading eslint.config.js runs arbitrary repository code, so it is never imported into
 * the worker. The API (not the CLI) because fixes are limited to the rules the log reported; the CLI can only
 * filter by fix type. argv: JSON array of rule ids (empty: every fixable rule), the prettier binary or '', then
 * the target files ('.' when none). Autofixes ignore layout (curly adds "{return x;}"), so files that were
 * Prettier-clean before are re-formatted. Prints one `SUTURE_ESLINT {json}` line; the caller trusts only what it
 * can check itself (which files changed).
 */
export const eslintFixScript = String.raw`
const { createRequire } = require('node:module');
const { join, relative } = require('node:path');
const { pathToFileURL } = require('node:url');
const { execFileSync } = require('node:child_process');
const [rulesJson, prettier, ...targets] = process.argv.slice(1);
const report = (value) => console.log('SUTURE_ESLINT ' + JSON.stringify(value));
(async () => {
  const dir = process.cwd();
  const loaded = await import(pathToFileURL(createRequire(join(dir, 'package.json')).resolve('eslint')).href);
  const api = typeof loaded.ESLint === 'function' ? loaded : loaded.default && typeof loaded.default.ESLint === 'function' ? loaded.default : null;
  if (!api) return report({ error: 'The installed eslint package has no ESLint API.' });
  const rules = new Set(JSON.parse(rulesJson));
  const eslint = new api.ESLint({ cwd: dir, fix: (message) => rules.size === 0 || (message.ruleId !== null && rules.has(message.ruleId)) });
  const results = await eslint.lintFiles(targets.length > 0 ? targets : ['.']);
  const rewritten = results.filter((result) => result.output !== undefined).map((result) => relative(dir, result.filePath));
  const clean = [];
  if (prettier) for (const file of rewritten) { try { execFileSync(prettier, ['--check', file], { stdio: 'ignore' }); clean.push(file); } catch {} }
  await api.ESLint.outputFixes(results);
  if (prettier && clean.length > 0) { try { execFileSync(prettier, ['--write', ...clean], { stdio: 'ignore' }); } catch {} }
  report({ rewritten });
})().catch((error) => { report({ error: String((error && error.message) || error) }); process.exitCode = 1; });
`;
