import { join } from 'node:path';
import { runCommand } from '../../src/workspace/run-command.ts';

export type MirrorLookup = {
  /** repo (owner/name) -> its bare git dir */
  found: Map<string, string>;
  /** repos with no git dir under the folder */
  missing: string[];
  /** repos whose git dir lacks a case's commit: the mirror is older than the case */
  stale: { repo: string; gitDir: string; shas: string[] }[];
};

/** The layouts the folder may use: the session's fetch tool, `git clone --mirror`, a bare dir named like the repo. */
export const mirrorCandidates = (options: { dir: string; repo: string }): string[] => {
  const flat = options.repo.replace('/', '+');
  return [join(options.dir, flat, 'repo'), join(options.dir, `${flat}.git`), join(options.dir, flat)];
};

const isGitDir = async (path: string): Promise<boolean> => {
  const result = await runCommand({ cwd: '/', command: 'git', args: ['--git-dir', path, 'rev-parse', '--git-dir'], timeoutMs: 30_000 });
  return result.exitCode === 0;
};

const hasCommit = async (gitDir: string, sha: string): Promise<boolean> => {
  const result = await runCommand({ cwd: '/', command: 'git', args: ['--git-dir', gitDir, 'cat-file', '-e', `${sha}^{commit}`], timeoutMs: 30_000 });
  return result.exitCode === 0;
};

/** Finds each repository's local mirror and checks it holds every commit the cases need. No network. */
export const locateMirrors = async (options: {
  dir: string;
  cases: readonly { repo: string; broken: string; fix: string }[];
}): Promise<MirrorLookup> => {
  const lookup: MirrorLookup = { found: new Map(), missing: [], stale: [] };
  const repos = [...new Set(options.cases.map((entry) => entry.repo))].sort();
  for (const repo of repos) {
    let gitDir: string | null = null;
    for (const candidate of mirrorCandidates({ dir: options.dir, repo }))
      if (await isGitDir(candidate)) {
        gitDir = candidate;
        break;
      }
    if (!gitDir) {
      lookup.missing.push(repo);
      continue;
    }
    const shas: string[] = [];
    for (const entry of options.cases.filter((item) => item.repo === repo))
      for (const sha of [entry.broken, entry.fix]) if (!shas.includes(sha) && !(await hasCommit(gitDir, sha))) shas.push(sha);
    if (shas.length > 0) lookup.stale.push({ repo, gitDir, shas });
    else lookup.found.set(repo, gitDir);
  }
  return lookup;
};

/** What to run to fill the folder: printed when it is unset, or lacks a repository or a commit. */
export const describeMissingMirrors = (options: { dir: string | undefined; lookup?: MirrorLookup; repos: readonly string[] }): string => {
  const dir = options.dir ?? '$SUTURE_REALWORLD_DIR';
  const missing = options.lookup ? options.lookup.missing : [...new Set(options.repos)].sort();
  const lines: string[] = [];
  if (options.dir === undefined)
    lines.push(
      'SUTURE_REALWORLD_DIR is not set (or pass --dir). It must name a folder holding a bare mirror of each case repository.',
      'Fill it once (public history only, nothing of it is committed here):',
      '',
      '  export SUTURE_REALWORLD_DIR="$HOME/suture-realworld"',
      '  mkdir -p "$SUTURE_REALWORLD_DIR"',
    );
  else lines.push(`${dir} lacks ${String(missing.length + (options.lookup?.stale.length ?? 0))} of the case repositories. Fill it with:`, '');
  for (const repo of missing)
    lines.push(`  git clone --mirror https://github.com/${repo}.git "${dir}/${repo.replace('/', '+')}.git"`);
  for (const stale of options.lookup?.stale ?? [])
    lines.push(`  git --git-dir "${stale.gitDir}" fetch --prune origin '+refs/*:refs/*'   # lacks ${stale.shas.map((sha) => sha.slice(0, 12)).join(', ')}`);
  lines.push('', 'Layouts found: <dir>/<owner>+<name>/repo, <dir>/<owner>+<name>.git or <dir>/<owner>+<name> (a bare git dir).');
  return lines.join('\n');
};
