import { existsSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { reportCommandError, type CommandRegistration } from './command-support.ts';
import { z } from 'zod';
import { parseEgressEnv } from '../../egress/parse-egress-env.ts';
import { prepareSandboxEgress } from '../../egress/prepare-sandbox-egress.ts';
import { AppError } from '../../errors/app-error.ts';
import { createSandbox } from '../../execution/create-sandbox.ts';
import { prepareTestPlan } from '../../execution/prepare-test-plan.ts';
import { resolveSandboxLimits } from '../../execution/resolve-sandbox-limits.ts';
import { analyzeFlakiness, type FlakinessReport } from '../../flakiness/analyze-flakiness.ts';
import { resolveCacheDir } from '../resolve-cache-dir.ts';

const flagsSchema = z.object({
  runs: z.coerce.number().int().min(1).max(100),
  cmd: z.string().trim().min(1).optional(),
  backend: z.enum(['local', 'docker', 'freestyle']),
  format: z.enum(['text', 'json']),
});

// Read once here, at the edge; everything below gets plain options.
const envSchema = z.object({
  PATH: z.string().default('/usr/local/bin:/usr/bin:/bin'),
  FREESTYLE_API_KEY: z.string().min(1).optional(),
  FREESTYLE_API_URL: z.url().optional(),
  DOCKER_HOST: z.string().optional(),
  SUTURE_DOCKER_IMAGE: z.string().min(1).default('node:20-bookworm-slim'),
  SUTURE_ARTIFACT_DIR: z.string().min(1).optional(),
  // Where the egress forwarder is built once (tools/ under it); the same cache `suture fix` uses.
  SUTURE_CACHE_DIR: z.string().min(1).optional(),
  HOME: z.string().min(1).optional(),
  /** The install phase's registry allowlist: host[:port],... | none | unset for the tooling's own registries. */
  SUTURE_SANDBOX_EGRESS: z.string().optional(),
});

export type TestCommandIo = { stdout: (text: string) => void; stderr: (text: string) => void };

export type RunTestCommandOptions = {
  repoDir: string;
  flags: Record<string, unknown>;
  env: Record<string, string | undefined>;
  io: TestCommandIo;
};

const dockerSocket = (dockerHost: string | undefined): string | null => {
  if (dockerHost?.startsWith('unix://')) return dockerHost.slice('unix://'.length);
  if (!dockerHost && existsSync('/var/run/docker.sock')) return '/var/run/docker.sock';
  return null;
};

const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;

const renderText = (report: FlakinessReport): string => {
  const lines = [
    `command: ${report.command} (${report.source}, cwd ${report.cwd}, backend ${report.backend})`,
  ];
  if (report.install) {
    lines.push(
      `install: ${report.install.command} -> exit ${String(report.install.exitCode)}${report.install.timedOut ? ' (timed out)' : ''}`,
    );
    const egress = report.install.egress;
    if (egress)
      lines.push(
        `egress: ${egress.allowed} allowed, ${egress.refused} refused, ${egress.failed} failed (${report.install.egressHosts.join(', ') || 'no hosts'})`,
        ...egress.events.filter((event) => event.decision !== 'allowed').slice(0, 20).map((event) => `  ${event.decision} ${event.method} ${event.host}:${String(event.port)} ${event.status}: ${event.reason ?? ''}`),
      );
  }
  lines.push(`runs: ${report.runs.length} (${report.stopReason})`, '');
  for (const test of report.tests) {
    lines.push(`${test.verdict.toUpperCase().padEnd(8)} ${test.name}${test.file ? `  [${test.file}]` : ''}`);
    lines.push(`         ${test.summary}`);
    if (test.explanation) lines.push(`         why: ${test.explanation}`);
  }
  for (const probe of report.orderProbes)
    lines.push(
      '',
      `order probe: ${probe.name}: ${probe.conclusion} (alone: ${probe.alone}, shuffled: ${probe.shuffled}) - ${probe.note}`,
    );
  lines.push(
    '',
    ...report.runs.map(
      (run) =>
        `run ${run.index} ${run.kind}: exit ${String(run.exitCode)}${run.timedOut ? ' TIMEOUT' : ''} ${run.wallTimeMs} ms, ${run.passed} passed, ${run.failed} failed (${run.resultSource})`,
    ),
  );
  return `${lines.join('\n')}\n`;
};

/** The `suture test` action, separated from commander so it can be tested with plain inputs. Returns the exit code. */
export const runTestCommand = async (options: RunTestCommandOptions): Promise<number> => {
  try {
    const parsedFlags = flagsSchema.safeParse(options.flags);
    if (!parsedFlags.success)
      throw new AppError(
        'BAD_INPUT',
        `invalid flags: ${parsedFlags.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      );
    const flags = parsedFlags.data;
    const env = envSchema.parse(options.env);
    const installEgress = parseEgressEnv({ value: env.SUTURE_SANDBOX_EGRESS });
    const repoDir = resolve(options.repoDir);
    const plan = await prepareTestPlan({ repoDir, command: flags.cmd });
    const home = env.HOME ?? homedir();
    const egress =
      plan.install && installEgress && flags.backend !== 'freestyle'
        ? await prepareSandboxEgress({ toolsDir: join(resolveCacheDir({ configured: env.SUTURE_CACHE_DIR }), 'tools'), searchPath: env.PATH, home })
        : null;
    const isRoot = process.getuid?.() === 0;
    const uid = process.getuid?.() ?? 0;
    const gid = process.getgid?.() ?? 0;
    const socket = dockerSocket(env.DOCKER_HOST);
    const sandbox = await createSandbox({
      backend: flags.backend,
      local: { searchPath: env.PATH, isRoot, currentUid: uid, egress },
      docker: socket
        ? {
            socketPath: socket,
            image: env.SUTURE_DOCKER_IMAGE,
            user: isRoot ? { uid: 65534, gid: 65534 } : { uid, gid },
            pullMissingImage: true,
            egress,
          }
        : null,
      freestyle: env.FREESTYLE_API_KEY
        ? { apiKey: env.FREESTYLE_API_KEY, baseUrl: env.FREESTYLE_API_URL }
        : null,
    });
    const report = await analyzeFlakiness({
      sandbox,
      repoDir,
      plan,
      limits: resolveSandboxLimits(),
      runs: flags.runs,
      concurrency: availableParallelism(),
      artifactDir: env.SUTURE_ARTIFACT_DIR,
      installEgress,
    });
    if (flags.format === 'json') {
      const output = {
        command: report.command,
        cwd: report.cwd,
        source: report.source,
        backend: report.backend,
        install: report.install,
        stopReason: report.stopReason,
        tests: report.tests.map((test) => ({
          name: test.name,
          file: test.file,
          verdict: test.verdict,
          runs: test.runs,
          failures: test.failures,
          failureRate: test.failureRate,
          interval: test.interval,
          summary: test.summary,
          explanation: test.explanation,
          signatures: test.signatures,
        })),
        orderProbes: report.orderProbes,
        runs: report.runs,
      };
      options.io.stdout(`${JSON.stringify(output)}\n`);
    } else {
      options.io.stdout(renderText(report));
      const flaky = report.tests.filter((test) => test.verdict === 'flaky');
      if (flaky.length)
        options.io.stdout(
          `${flaky.length} flaky test(s); failure rates ${flaky.map((test) => pct(test.failureRate)).join(', ')}\n`,
        );
    }
    return 0;
  } catch (error) {
    return reportCommandError({ command: 'test', error, io: options.io });
  }
};

/** Adds `suture test <repo-dir>`; the action is async, so the program must be run with parseAsync. */
export const registerTestCommand = ({ program, env, io }: CommandRegistration): void => {
  program
    .command('test')
    .description(
      'Run the failing tests in a sandbox several times and report per-test verdicts with failure-rate intervals',
    )
    .argument('<repo-dir>', 'repository checkout to test')
    .option('--runs <n>', 'suite runs (reruns) per commit', '3')
    .option(
      '--cmd <command>',
      'test command; default: the failed workflow step, else the project test command',
    )
    .option('--backend <backend>', 'sandbox backend: local | docker | freestyle', 'local')
    .option('--format <format>', 'output format: text | json', 'text')
    .action(async (repoDir: string, flags: Record<string, unknown>) => {
      io.setExitCode(await runTestCommand({ repoDir, flags, env, io }));
    });
};
