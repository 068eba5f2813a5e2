import { runCommand } from '../workspace/run-command.ts';
import { defaultFixerLimits, snapshotFixerCandidates } from '../workspace/snapshot-fixer-candidates.ts';
import { addGoStdImports } from './add-go-std-imports.ts';
import { findTool } from './find-tool.ts';
import type { FixContext, FixerRun } from './fixer.ts';

/** `./report.go:7:11: undefined: strings` as printed by go build / go vet. */
const undefinedName = /^(?:\.\/)?(\S+\.go):\d+:\d+: undefined: (\w+)$/;

/**
 * goimports on the reported Go files (adds missing and drops unused imports, then gofmt-formats). Without
 * goimports, only unambiguous standard-library imports are added.
 */
export const fixGoImports = async (options: {
  context: FixContext;
  goimports?: string | null;
}): Promise<FixerRun> => {
  const { context } = options;
  const dir = context.workspace.dir;
  // go build reads the repository's go.mod (toolchain and module downloads) and runs cgo: in the sandbox when
  // there is one. Only its output is used; the file names it reports are checked before anything is written.
  const build = await (context.run ?? runCommand)({
    cwd: dir,
    command: 'go',
    args: ['build', './...'],
    timeoutMs: context.timeoutMs,
  });
  const missing = new Map<string, string[]>();
  for (const line of build.output.split('\n')) {
    const match = undefinedName.exec(line.trim());
    if (match?.[1] && match[2]) missing.set(match[1], [...(missing.get(match[1]) ?? []), match[2]]);
  }
  const reported = context.files.filter((file) => file.endsWith('.go'));
  const named = [...new Set([...reported, ...missing.keys()])];
  const safe = await snapshotFixerCandidates({ workspaceDir: dir, paths: named.slice(0, defaultFixerLimits.maxFiles), limits: defaultFixerLimits });
  const targets = named.filter((file) => safe.has(file.replace(/^\.\//, '')));
  for (const file of [...missing.keys()]) if (!targets.includes(file)) missing.delete(file);
  if (targets.length === 0)
    return { changed: false, notes: ['go build reported no undefined names in Go files.'] };
  const goimports =
    options.goimports !== undefined
      ? options.goimports
      : await findTool({
          dir,
          name: 'goimports',
          ...(context.toolsDir ? { toolsDir: context.toolsDir } : {}),
        });
  const notes: string[] = [];
  if (goimports) {
    // goimports is our tool and runs no repository code, so it stays on the host; but its `go list` reads the
    // repository's go.mod, which may name a toolchain (downloaded and run) and modules (fetched with the host's
    // network). Neither: only the local toolchain and the modules already in the cache.
    const result = await runCommand({
      cwd: dir,
      command: goimports,
      args: ['-w', ...targets],
      env: { GOTOOLCHAIN: 'local', GOPROXY: 'off' },
      timeoutMs: context.timeoutMs,
    });
    notes.push(`goimports -w ${targets.join(' ')} -> exit ${String(result.exitCode)}`);
  } else {
    const std = await (context.run ?? runCommand)({
      cwd: dir,
      command: 'go',
      args: ['list', 'std'],
      timeoutMs: context.timeoutMs,
    });
    const stdPackages = std.stdout.split('\n').filter((line) => line.length > 0);
    for (const [file, names] of missing) {
      const added = await addGoStdImports({ dir, file, undefinedNames: names, stdPackages });
      if (added.length > 0)
        notes.push(`${file}: imported ${added.join(', ')} (goimports not installed; standard library only)`);
    }
    const gofmt = await runCommand({
      cwd: dir,
      command: 'gofmt',
      args: ['-w', ...targets],
      timeoutMs: context.timeoutMs,
    });
    notes.push(`gofmt -w -> exit ${String(gofmt.exitCode)}`);
  }
  const status = await context.workspace.git.raw(['status', '--porcelain']);
  return { changed: status.trim().length > 0, notes };
};
