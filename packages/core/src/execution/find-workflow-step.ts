import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export type WorkflowStep = {
  workflowFile: string;
  jobId: string;
  jobName: string;
  stepName: string;
  command: string;
  /** Workspace-relative. */
  workingDirectory: string;
  /** Literal env values from workflow, job and step (expressions left out). */
  env: Record<string, string>;
  /** `${{ }}` expressions we could not resolve; the command may not reproduce exactly. */
  unresolved: string[];
};

export type FindWorkflowStepOptions = {
  repoDir: string;
  /** The failed job's id or display name, as the CI run reported it. */
  jobName?: string;
  /** The failed step's name; when absent the last test-like `run` step of the job is taken. */
  stepName?: string;
};

const stepSchema = z.object({ name: z.string().optional(), run: z.string().optional(), 'working-directory': z.string().optional(), env: z.record(z.string(), z.unknown()).optional() });
const defaultsSchema = z.object({ run: z.object({ 'working-directory': z.string().optional() }).optional() }).optional();
const jobSchema = z.object({
  name: z.string().optional(),
  steps: z.array(stepSchema).default([]),
  env: z.record(z.string(), z.unknown()).optional(),
  defaults: defaultsSchema,
  strategy: z.object({ matrix: z.record(z.string(), z.unknown()).optional() }).optional(),
});
const workflowSchema = z.object({ jobs: z.record(z.string(), jobSchema).default({}), env: z.record(z.string(), z.unknown()).optional(), defaults: defaultsSchema });

const testLike = /\b(test|tests|pytest|vitest|jest|check|spec)\b/i;
const expression = /\$\{\{\s*([^}]*?)\s*\}\}/g;

const literalEnv = (env: Record<string, unknown> | undefined): Record<string, string> =>
  Object.fromEntries(
    Object.entries(env ?? {})
      .filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value) && !String(value).includes('${{'))
      .map(([key, value]) => [key, String(value)]),
  );

/** First value of each matrix axis: the combination CI lists first, good enough to reproduce "a" failing leg. */
const firstMatrixValues = (matrix: Record<string, unknown> | undefined): Record<string, string> => {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(matrix ?? {})) {
    if (Array.isArray(value) && value.length > 0 && ['string', 'number'].includes(typeof value[0])) values[key] = String(value[0]);
  }
  return values;
};

/** The failed step of a GitHub Actions workflow: its shell command, working directory and literal env. */
export const findWorkflowStep = async (options: FindWorkflowStepOptions): Promise<WorkflowStep | null> => {
  const dir = join(options.repoDir, '.github', 'workflows');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((name) => /\.ya?ml$/.test(name)).sort();
  for (const file of files) {
    let parsed: z.infer<typeof workflowSchema>;
    try {
      const result = workflowSchema.safeParse(parseYaml(await readFile(join(dir, file), 'utf8')));
      if (!result.success) continue;
      parsed = result.data;
    } catch {
      continue;
    }
    for (const [jobId, job] of Object.entries(parsed.jobs)) {
      if (options.jobName && options.jobName !== jobId && options.jobName !== job.name && !(job.name && options.jobName.startsWith(`${job.name} (`))) continue;
      const runSteps = job.steps.filter((step) => step.run !== undefined);
      const step = options.stepName
        ? runSteps.find((candidate) => candidate.name === options.stepName || candidate.run === options.stepName)
        : [...runSteps].reverse().find((candidate) => testLike.test(`${candidate.name ?? ''} ${candidate.run ?? ''}`));
      if (!step?.run) continue;
      const matrix = firstMatrixValues(job.strategy?.matrix);
      const unresolved: string[] = [];
      const command = step.run.trim().replace(expression, (whole, inner: string) => {
        const axis = /^matrix\.([\w-]+)$/.exec(inner)?.[1];
        if (axis && matrix[axis] !== undefined) return matrix[axis];
        unresolved.push(whole);
        return whole;
      });
      const workingDirectory = step['working-directory'] ?? job.defaults?.run?.['working-directory'] ?? parsed.defaults?.run?.['working-directory'] ?? '.';
      return {
        workflowFile: posix.join('.github/workflows', file),
        jobId,
        jobName: job.name ?? jobId,
        stepName: step.name ?? step.run.split('\n')[0] ?? '',
        command,
        workingDirectory: posix.normalize(workingDirectory),
        env: { ...literalEnv(parsed.env), ...literalEnv(job.env), ...literalEnv(step.env) },
        unresolved,
      };
    }
  }
  return null;
};
