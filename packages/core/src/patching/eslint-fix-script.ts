/**
 * ESLint's own fixes through the repository's installed ESLint API, as a script for a separate node process (the
 * sandbox in production): loading eslint.config.js runs arbitrary repository code, so it is never imported into
 * the worker. The API (not the CLI) because fixes are limited to the rules the log reported; the CLI can only
 * filter by fix type. argv: JSON array of rule ids (empty: every fixable rule), the prettier binary or '', then
 * the target files ('.' when none).
 *
 * Each file is linted the way `eslint --fix` run beside its config would: from the nearest directory holding an
 * ESLint config (a monorepo package's own eslint.config.js, not the root one that may ignore the package), with the
 * ESLint installed for that directory, flat or legacy as the config found there is (an .eslintrc alone means CI ran
 * ESLint 8 or ESLINT_USE_FLAT_CONFIG=false).
 * Errors left after --fix whose rule offers exactly one suggestion get that suggestion; one that only adds a
 * comment is not taken (it silences the rule). Autofixes ignore layout (curly adds "{return x;}"), so files that
 * were Prettier-clean before are re-formatted. Prints one `SUTURE_ESLINT {json}` line; the caller trusts only
 * what it can check itself (which files changed).
 */
export const eslintFixScript = String.raw`
const { createRequire } = require('node:module');
const { existsSync, readFileSync, statSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');
const { pathToFileURL } = require('node:url');
const { execFileSync } = require('node:child_process');
const [rulesJson, prettier, ...targets] = process.argv.slice(1);
const report = (value) => console.log('SUTURE_ESLINT ' + JSON.stringify(value));
const flatNames = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];
const legacyNames = ['.eslintrc.js', '.eslintrc.cjs', '.eslintrc.yaml', '.eslintrc.yml', '.eslintrc.json', '.eslintrc'];
const inPackageJson = (folder) => { try { return JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).eslintConfig !== undefined; } catch { return false; } };
// The nearest folder holding a config, and whether that config is flat: a folder with only .eslintrc linted in CI
// (ESLINT_USE_FLAT_CONFIG=false on ESLint 9, or ESLint 8), so it is linted the legacy way here too.
const configDirOf = (root, file) => {
  const path = resolve(root, file);
  for (let folder = statSync(path, { throwIfNoEntry: false })?.isDirectory() ? path : dirname(path); folder.startsWith(root); folder = dirname(folder)) {
    if (flatNames.some((name) => existsSync(join(folder, name)))) return { base: folder, flat: true };
    if (legacyNames.some((name) => existsSync(join(folder, name))) || inPackageJson(folder)) return { base: folder, flat: false };
    if (folder === root) break;
  }
  return { base: root, flat: true };
};
const loadApi = async (base, flat) => {
  const local = createRequire(join(base, 'package.json'));
  const loaded = await import(pathToFileURL(local.resolve('eslint')).href);
  const api = typeof loaded.ESLint === 'function' ? loaded : loaded.default && typeof loaded.default.ESLint === 'function' ? loaded.default : null;
  if (!api) throw new Error('The installed eslint package has no ESLint API.');
  // ESLint 8.57+ and 9 hand out either class; before 8.57 the flat one hides in use-at-your-own-risk.
  const ESLint = typeof api.loadESLint === 'function'
    ? await api.loadESLint({ useFlatConfig: flat, cwd: base })
    : flat ? local('eslint/use-at-your-own-risk').FlatESLint || api.ESLint : api.ESLint;
  return { ESLint, outputFixes: (results) => ESLint.outputFixes(results) };
};
const onlyComment = (text) => /^\s*(?:\/\*[\s\S]*\*\/|\/\/[^\n]*)\s*$/.test(text);
// The one suggestion of each remaining error of a reported rule, applied back to front, never overlapping.
const applySuggestions = (text, messages, wanted) => {
  const edits = messages
    .filter((message) => message.severity === 2 && wanted(message) && Array.isArray(message.suggestions) && message.suggestions.length === 1)
    .map((message) => message.suggestions[0].fix)
    .filter((fix) => fix && Array.isArray(fix.range) && !onlyComment(fix.text))
    .sort((a, b) => b.range[0] - a.range[0]);
  let output = text;
  let applied = 0;
  let floor = Infinity;
  for (const fix of edits) {
    if (fix.range[1] > floor) continue;
    output = output.slice(0, fix.range[0]) + fix.text + output.slice(fix.range[1]);
    floor = fix.range[0];
    applied += 1;
  }
  return { output, applied };
};
(async () => {
  const root = process.cwd();
  const rules = new Set(JSON.parse(rulesJson));
  const wanted = (message) => rules.size === 0 || (message.ruleId !== null && rules.has(message.ruleId));
  const groups = new Map();
  for (const target of targets.length > 0 ? targets : ['.']) {
    const { base, flat } = configDirOf(root, target);
    const key = JSON.stringify([base, flat]);
    groups.set(key, [...(groups.get(key) || []), resolve(root, target)]);
  }
  const rewritten = [];
  const ignored = [];
  let suggested = 0;
  for (const [key, files] of groups) {
    const [base, flat] = JSON.parse(key);
    const { ESLint, outputFixes } = await loadApi(base, flat);
    const eslint = new ESLint({ cwd: base, fix: wanted });
    const results = await eslint.lintFiles(files);
    for (const result of results) {
      if (result.messages.some((message) => message.fatal !== true && message.severity === 1 && /^File ignored\b/.test(message.message))) ignored.push(relative(root, result.filePath));
      const before = result.output ?? result.source ?? (existsSync(result.filePath) ? readFileSync(result.filePath, 'utf8') : null);
      if (before === null) continue;
      const { output, applied } = applySuggestions(before, result.messages, wanted);
      if (applied > 0) { result.output = output; suggested += applied; }
    }
    const changed = results.filter((result) => result.output !== undefined).map((result) => relative(root, result.filePath));
    const clean = [];
    if (prettier) for (const file of changed) { try { execFileSync(prettier, ['--check', file], { stdio: 'ignore' }); clean.push(file); } catch {} }
    await outputFixes(results);
    if (prettier && clean.length > 0) { try { execFileSync(prettier, ['--write', ...clean], { stdio: 'ignore' }); } catch {} }
    rewritten.push(...changed);
  }
  report({ rewritten, suggested, ignored });
})().catch((error) => { report({ error: String((error && error.message) || error) }); process.exitCode = 1; });
`;
