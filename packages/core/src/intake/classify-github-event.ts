// Decides what a verified GitHub delivery means for Suture. Pure: persistence and workflow starts are
// the caller's job.
import type { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import {
  checkRunEventSchema,
  installationEventSchema,
  installationRepositoriesEventSchema,
  workflowRunEventSchema,
} from './github-event-schemas.ts';

export const HEALABLE_CONCLUSIONS = ['failure', 'timed_out'] as const;

export type GitHubRepositoryRef = {
  githubRepoId: number;
  fullName: string;
  installationId: number | null;
  defaultBranch: string | null;
  cloneUrl: string | null;
};

export type GitHubFailure = {
  repository: GitHubRepositoryRef;
  source: 'workflow_run' | 'check_run';
  runId: string;
  runAttempt: number;
  headSha: string;
  /** Lower-cased; null when the event does not say (for check_run the worker then asks GitHub). */
  commitAuthorEmail: string | null;
  branch: string | null;
  workflowName: string | null;
  workflowPath: string | null;
  conclusion: string;
  failedAt: Date;
};

export type IntakeAction =
  | { kind: 'heal'; failure: GitHubFailure }
  | {
      kind: 'register';
      installationId: number;
      account: string | null;
      add: { githubRepoId: number; fullName: string }[];
      remove: { githubRepoId: number }[];
    }
  | { kind: 'unregister_installation'; installationId: number }
  | { kind: 'ping' }
  | { kind: 'ignore'; reason: string };

const parse = <S extends z.ZodType>(schema: S, payload: unknown, event: string): z.infer<S> => {
  const result = schema.safeParse(payload);
  if (!result.success) {
    const where = result.error.issues[0];
    throw new AppError(
      'BAD_INPUT',
      `malformed ${event} payload: ${where?.path.join('.') || '(root)'}: ${where?.message ?? 'invalid'}`,
    );
  }
  return result.data;
};

const repoRef = (
  repo: {
    id: number;
    full_name: string;
    default_branch?: string | undefined;
    clone_url?: string | undefined;
  },
  installation?: { id: number },
): GitHubRepositoryRef => ({
  githubRepoId: repo.id,
  fullName: repo.full_name,
  installationId: installation?.id ?? null,
  defaultBranch: repo.default_branch ?? null,
  cloneUrl: repo.clone_url ?? null,
});

const parseDate = (value: string | null | undefined, fallback: Date) => {
  const parsed = value ? new Date(value) : undefined;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : fallback;
};

export type ClassifyGitHubEventOptions = {
  event: string;
  payload: unknown;
  /** Our own app's slug: its check runs must never trigger healing (that would loop). */
  ownAppSlug?: string;
  receivedAt?: Date;
};

export const classifyGitHubEvent = ({
  event,
  payload,
  ownAppSlug = 'suture',
  receivedAt = new Date(),
}: ClassifyGitHubEventOptions): IntakeAction => {
  switch (event) {
    case 'ping':
      return { kind: 'ping' };
    case 'workflow_run': {
      const body = parse(workflowRunEventSchema, payload, event);
      const run = body.workflow_run;
      if (body.action !== 'completed') return { kind: 'ignore', reason: `workflow_run ${body.action}` };
      if (!run.conclusion || !(HEALABLE_CONCLUSIONS as readonly string[]).includes(run.conclusion)) {
        return {
          kind: 'ignore',
          reason: `workflow_run concluded ${run.conclusion ?? 'without a conclusion'}`,
        };
      }
      return {
        kind: 'heal',
        failure: {
          repository: repoRef(body.repository, body.installation),
          source: 'workflow_run',
          runId: String(run.id),
          runAttempt: run.run_attempt,
          headSha: run.head_sha,
          commitAuthorEmail: run.head_commit?.author?.email?.toLowerCase() ?? null,
          branch: run.head_branch,
          workflowName: run.name ?? null,
          workflowPath: run.path ?? null,
          conclusion: run.conclusion,
          failedAt: parseDate(run.updated_at, receivedAt),
        },
      };
    }
    case 'check_run': {
      const body = parse(checkRunEventSchema, payload, event);
      const check = body.check_run;
      const slug = check.app?.slug ?? null;
      if (body.action !== 'completed') return { kind: 'ignore', reason: `check_run ${body.action}` };
      if (slug === 'github-actions')
        return { kind: 'ignore', reason: 'GitHub Actions check runs arrive as workflow_run' };
      if (slug === ownAppSlug) return { kind: 'ignore', reason: "Suture's own check run" };
      if (!check.conclusion || !(HEALABLE_CONCLUSIONS as readonly string[]).includes(check.conclusion)) {
        return {
          kind: 'ignore',
          reason: `check_run concluded ${check.conclusion ?? 'without a conclusion'}`,
        };
      }
      return {
        kind: 'heal',
        failure: {
          repository: repoRef(body.repository, body.installation),
          source: 'check_run',
          runId: `check-${check.id}`,
          runAttempt: 1,
          headSha: check.head_sha,
          commitAuthorEmail: check.check_suite?.head_commit?.author?.email?.toLowerCase() || null,
          branch: check.check_suite?.head_branch ?? null,
          workflowName: check.name,
          workflowPath: null,
          conclusion: check.conclusion,
          failedAt: parseDate(check.completed_at, receivedAt),
        },
      };
    }
    case 'installation': {
      const body = parse(installationEventSchema, payload, event);
      if (body.action === 'deleted' || body.action === 'suspend')
        return { kind: 'unregister_installation', installationId: body.installation.id };
      if (body.action !== 'created' && body.action !== 'unsuspend')
        return { kind: 'ignore', reason: `installation ${body.action}` };
      return {
        kind: 'register',
        installationId: body.installation.id,
        account: body.installation.account?.login ?? null,
        add: (body.repositories ?? []).map((r) => ({ githubRepoId: r.id, fullName: r.full_name })),
        remove: [],
      };
    }
    case 'installation_repositories': {
      const body = parse(installationRepositoriesEventSchema, payload, event);
      return {
        kind: 'register',
        installationId: body.installation.id,
        account: body.installation.account?.login ?? null,
        add: body.repositories_added.map((r) => ({ githubRepoId: r.id, fullName: r.full_name })),
        remove: body.repositories_removed.map((r) => ({ githubRepoId: r.id })),
      };
    }
    default:
      return { kind: 'ignore', reason: `event ${event} is not used` };
  }
};
