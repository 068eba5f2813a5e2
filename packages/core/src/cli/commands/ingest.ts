// `suture ingest`: reports a CI failure in a local repository to a running Suture (its authenticated
// ingest API), which records it and starts the healing workflow.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { reportCommandError, type CommandRegistration } from './command-support.ts';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import { redactText } from '../../redaction/redact-text.ts';
import { REPOSITORY_REFUSED } from '../../intake/resolve-local-repository.ts';

const MAX_LOG_BYTES = 48 * 1024 * 1024;

const flagsSchema = z.object({
  repo: z.string().min(1, '--repo is required'),
  log: z.string().min(1, '--log is required'),
  sha: z
    .string()
    .regex(/^[0-9a-f]{7,40}$/, '--sha must be a hex commit id')
    .optional(),
  command: z.string().min(1).max(4000).optional(),
  branch: z.string().min(1).max(255).optional(),
  job: z.string().min(1).max(255).optional(),
  url: z.url().optional(),
  format: z.enum(['text', 'json']).default('text'),
});

const envSchema = z.object({
  SUTURE_URL: z.url().optional(),
  SUTURE_API_TOKEN: z.string().min(24).optional(),
  SUTURE_DATA_DIR: z.string().min(1).optional(),
});

const ingestResponseSchema = z.object({
  healingRunId: z.string(),
  workflowId: z.string(),
  repositoryId: z.string(),
  started: z.boolean(),
  redactions: z.number().int(),
});

export type IngestCommandIo = { stdout: (text: string) => void; stderr: (text: string) => void };

const readLog = async (path: string): Promise<string> => {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new AppError(
      'BAD_INPUT',
      `cannot read log ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b)
    bytes = gunzipSync(bytes, { maxOutputLength: MAX_LOG_BYTES + 1 });
  if (bytes.length > MAX_LOG_BYTES)
    throw new AppError('TOO_LARGE', `log ${path} is larger than ${MAX_LOG_BYTES} bytes`);
  return bytes.toString('utf8');
};

/** The token `npm start` generated for this checkout, when none is given in the environment. */
const findToken = (env: z.infer<typeof envSchema>): string => {
  if (env.SUTURE_API_TOKEN) return env.SUTURE_API_TOKEN;
  const file = join(resolve(env.SUTURE_DATA_DIR ?? '.data'), 'secrets', 'api-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new AppError(
    'UNAUTHORIZED',
    `no API token: set SUTURE_API_TOKEN or run from the Suture checkout (looked for ${file})`,
  );
};

export const runIngestCommand = async (options: {
  flags: Record<string, unknown>;
  env: Record<string, string | undefined>;
  io: IngestCommandIo;
  fetchImpl?: typeof fetch;
}): Promise<number> => {
  try {
    const parsed = flagsSchema.safeParse(options.flags);
    if (!parsed.success)
      throw new AppError('BAD_INPUT', parsed.error.issues.map((i) => i.message).join('; '));
    const flags = parsed.data;
    const env = envSchema.parse(options.env);
    const repoPath = resolve(flags.repo);
    if (!existsSync(repoPath)) throw new AppError('BAD_INPUT', `no repository at ${repoPath}`);
    // Redacted here too, so the log's secrets never leave this machine; the server redacts again whatever it is sent.
    const redacted = redactText({ text: await readLog(flags.log) });
    const baseUrl = flags.url ?? env.SUTURE_URL ?? 'http://127.0.0.1:3000';
    const response = await (options.fetchImpl ?? fetch)(`${baseUrl.replace(/\/$/, '')}/api/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${findToken(env)}` },
      body: JSON.stringify({
        repoPath,
        log: redacted.text,
        sha: flags.sha,
        command: flags.command,
        branch: flags.branch,
        jobName: flags.job,
      }),
      signal: AbortSignal.timeout(60_000),
    }).catch((error: unknown) => {
      throw new AppError(
        'UNAVAILABLE',
        `Suture does not answer at ${baseUrl} (is \`npm start\` running?): ${(error as Error).message}`,
      );
    });
    const raw: unknown = await response.json().catch(() => ({}));
    if (!response.ok) {
      const refusal = z.object({ message: z.string() }).safeParse(raw);
      const message = refusal.success ? refusal.data.message : response.statusText;
      throw new AppError(
        response.status === 401 ? 'UNAUTHORIZED' : response.status === 403 ? 'FORBIDDEN' : 'BAD_INPUT',
        `ingest refused (${response.status}): ${message}${
          message === REPOSITORY_REFUSED
            ? ` (the server takes repositories under its SUTURE_LOCAL_REPO_ROOTS only; \`npm start\` defaults to <data dir>/demo)`
            : ''
        }`,
      );
    }
    const parsedBody = ingestResponseSchema.parse(raw);
    const body = { ...parsedBody, redactions: parsedBody.redactions + redacted.count };
    if (flags.format === 'json') options.io.stdout(`${JSON.stringify(body)}\n`);
    else
      options.io.stdout(
        `${body.started ? 'healing started' : 'already being healed'}: run ${body.healingRunId} (workflow ${body.workflowId}); ${body.redactions} secret(s) redacted from the log\n`,
      );
    return 0;
  } catch (error) {
    return reportCommandError({ command: 'ingest', error, io: options.io });
  }
};

export const registerIngestCommand = ({ program, env, io }: CommandRegistration): void => {
  program
    .command('ingest')
    .description('report a CI failure in a local repository to a running Suture, which starts healing it')
    .requiredOption('--repo <path>', 'the local git repository')
    .requiredOption('--log <file>', 'the failed CI log (plain or .gz)')
    .option('--sha <sha>', 'the failing commit (default: HEAD)')
    .option('--command <cmd>', 'the command that failed')
    .option('--branch <name>', 'the branch (default: the current one)')
    .option('--job <name>', 'the CI job name')
    .option('--url <url>', 'Suture URL (default: $SUTURE_URL or http://127.0.0.1:3000)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (flags: Record<string, unknown>) => {
      io.setExitCode(await runIngestCommand({ flags, env, io }));
    });
};
