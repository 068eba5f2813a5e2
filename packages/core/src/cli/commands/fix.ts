import { access, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { reportCommandError, type CommandRegistration } from './command-support.ts';
import { z } from 'zod';
import { defaultEgressRules } from '../../egress/default-egress-rules.ts';
import { parseEgressEnv } from '../../egress/parse-egress-env.ts';
import { prepareSandboxEgress } from '../../egress/prepare-sandbox-egress.ts';
import { AppError } from '../../errors/app-error.ts';
import { createLocalSandbox } from '../../execution/create-local-sandbox.ts';
import { resolveSandboxLimits } from '../../execution/resolve-sandbox-limits.ts';
import type { InstallIsolation } from '../../workspace/run-install-command.ts';
import { fixFailure } from '../../patching/fix-failure.ts';
import type { FixReport } from '../../patching/fix-report.ts';
import type { LlmSettings } from '../../patching/llm/llm-settings.ts';
import { readCliConfig } from '../read-cli-config.ts';
import { resolveCacheDir } from '../resolve-cache-dir.ts';

// Read once here, at the edge; everything below gets plain options. Claude settings come from the shared CLI config.
const envSchema = z.object({
  MORPH_API_KEY: z.string().min(1).optional(),
  MORPH_BASE_URL: z.url().optional(),
  SUTURE_CACHE_DIR: z.string().min(1).optional(),
  PATH: z.string().default('/usr/local/bin:/usr/bin:/bin'),
  HOME: z.string().min(1).optional(),
  /** Registry allowlist for the dependency install (host[:port],... | none | unset: the npm registry). */
  SUTURE_SANDBOX_EGRESS: z.string().optional(),
});

/**
 * The sandbox the repository's code runs in: the dependency install of a Node project (the only kind the fixers
 * install), with egress, and every validation check, offline. Toolchains on PATH under /usr (e.g.
 * /usr/local/go/bin) are visible inside, so they stay on the sandbox's PATH.
 */
const isolationFor = async (options: { repoDir: string; cache: string; env: z.infer<typeof envSchema> }): Promise<InstallIsolation> => {
  const isNode = await access(join(options.repoDir, 'package.json')).then(() => true, () => false);
  const choice = isNode ? parseEgressEnv({ value: options.env.SUTURE_SANDBOX_EGRESS }) : null;
  const policy = choice === 'default' ? { rules: defaultEgressRules({ installCommand: 'npm yarn' }) } : choice;
  const home = options.env.HOME ?? homedir();
  const egress = policy ? await prepareSandboxEgress({ toolsDir: join(options.cache, 'tools'), searchPath: options.env.PATH, home }) : null;
  const extraPath = options.env.PATH.split(':').filter((dir) => dir.startsWith('/usr/'));
  const sandbox = await createLocalSandbox({ searchPath: options.env.PATH, isRoot: process.getuid?.() === 0, currentUid: process.getuid?.() ?? 0, egress, extraPath });
  return { sandbox, egress: policy ? { policy } : null, limits: resolveSandboxLimits() };
};

const flagsSchema = z.object({
  log: z.string().min(1, '--log is required'),
  format: z.enum(['text', 'json']).default('text'),
  apply: z.boolean().optional(),
});

export type FixCommandIo = { stdout: (text: string) => void; stderr: (text: string) => void };

const toJson = (report: FixReport): Record<string, unknown> => ({
  outcome: report.outcome,
  reason: report.reason,
  diff: report.diff,
  files: report.files,
  risk: report.risk,
  guardrails: report.guardrails,
  attempts: report.attempts,
  diagnosis: report.diagnosis,
  applied: report.applied,
  durationMs: report.durationMs,
  progress: report.progress,
  baselineNotes: report.baselineNotes,
});

const toText = (report: FixReport): string => {
  const lines = [
    `outcome: ${report.outcome} (${report.reason})`,
    `diagnosis: ${report.diagnosis.category} (${Math.round(report.diagnosis.confidence * 100)}%): ${report.diagnosis.summary}`,
    `risk: ${report.risk.score}/100`,
    ...report.risk.reasons.map((reason) => `  +${reason.points} ${reason.factor}: ${reason.explanation}`),
    `attempts: ${report.attempts.length}`,
    ...report.attempts.map(
      (attempt) =>
        `  #${attempt.number} ${attempt.fixer} (${attempt.strategy}): ${attempt.kept ? 'kept' : 'rolled back'}${attempt.validation ? `, validation ${attempt.validation.ok ? 'passed' : 'failed'}` : ''}`,
    ),
  ];
  if (report.baselineNotes.length > 0)
    lines.push('already broken before any patch:', ...report.baselineNotes.map((note) => `  ${note}`));
  if (report.progress) {
    lines.push(
      `partial progress (attempt #${report.progress.attempt}, ${report.progress.fixer}, on "${report.progress.check}"):`,
      ...report.progress.fixed.map((error) => `  fixed:     ${error}`),
      ...report.progress.remaining.map((error) => `  remaining: ${error}`),
      '',
      'partial patch (not applied):',
      report.progress.diff.trimEnd(),
    );
  }
  if (report.guardrails.length > 0) {
    lines.push(
      'guardrails:',
      ...report.guardrails.map(
        (finding) =>
          `  [${finding.severity}] ${finding.rule} ${finding.file}${finding.line ? `:${finding.line}` : ''}: ${finding.explanation}`,
      ),
    );
  }
  if (report.diff) lines.push('', report.diff.trimEnd());
  if (report.applied) lines.push('', 'The patch was applied to the working tree.');
  return lines.join('\n');
};

/** The `suture fix` action, separated from commander so it can be tested with plain inputs. Returns the exit code. */
export const runFixCommand = async (options: {
  repoDir: string;
  flags: unknown;
  env: Record<string, string | undefined>;
  io: FixCommandIo;
}): Promise<number> => {
  try {
    const parsedFlags = flagsSchema.safeParse(options.flags);
    if (!parsedFlags.success)
      throw new AppError(
        'BAD_INPUT',
        `invalid flags: ${parsedFlags.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      );
    const flags = parsedFlags.data;
    const cleaned = Object.fromEntries(
      Object.entries(options.env).filter(([, value]) => value !== undefined && value !== ''),
    );
    const parsedEnv = envSchema.safeParse(cleaned);
    if (!parsedEnv.success)
      throw new AppError(
        'BAD_INPUT',
        `invalid environment: ${parsedEnv.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      );
    const env = parsedEnv.data;
    const { claude } = readCliConfig({ env: options.env });
    const repoDir = resolve(options.repoDir);
    if (
      !(await stat(repoDir).then(
        (info) => info.isDirectory(),
        () => false,
      ))
    )
      throw new AppError('BAD_INPUT', `repository directory not found: ${repoDir}`);
    const log = await readFile(resolve(flags.log), 'utf8').catch(() => null);
    if (log === null) throw new AppError('BAD_INPUT', `cannot read log file: ${flags.log}`);
    if (log.trim().length === 0) throw new AppError('BAD_INPUT', `log file is empty: ${flags.log}`);
    const cache = resolveCacheDir({ configured: env.SUTURE_CACHE_DIR });
    const llm: LlmSettings | null = claude
      ? {
          anthropicApiKey: claude.apiKey,
          model: claude.model,
          ...(claude.baseURL ? { anthropicBaseUrl: claude.baseURL } : {}),
          ...(env.MORPH_API_KEY ? { morphApiKey: env.MORPH_API_KEY } : {}),
          ...(env.MORPH_BASE_URL ? { morphBaseUrl: env.MORPH_BASE_URL } : {}),
        }
      : null;
    const report = await fixFailure({
      repoDir,
      log,
      apply: flags.apply === true,
      cacheDir: join(cache, 'node-modules'),
      toolsDir: join(cache, 'tools', 'bin'),
      llm,
      ...(await isolationFor({ repoDir, cache, env }).then((isolation) => ({ installIsolation: isolation, validationSandbox: isolation }))),
    });
    options.io.stdout(
      flags.format === 'json' ? `${JSON.stringify(toJson(report))}\n` : `${toText(report)}\n`,
    );
    return 0;
  } catch (error) {
    return reportCommandError({ command: 'fix', error, io: options.io });
  }
};

/** Adds `suture fix <repo-dir> --log <log-file> [--format text|json] [--apply]`; run the program with parseAsync. */
export const registerFixCommand = ({ program, env, io }: CommandRegistration): void => {
  program
    .command('fix')
    .description(
      'Diagnose a CI log, then patch, validate and guardrail-check a fix in a disposable copy of the repository',
    )
    .argument('<repo-dir>', 'the repository at the failing commit')
    .option('--log <log-file>', 'the failed CI log')
    .option(
      '--format <format>',
      'output format: text | json (json: the last stdout line is one JSON object)',
      'text',
    )
    .option('--apply', 'write the patch to the repository when the outcome is fixed')
    .action(async (repoDir: string, flags: Record<string, unknown>) => {
      io.setExitCode(await runFixCommand({ repoDir, flags, env, io }));
    });
};
