import { renderJob } from './render-resources.ts';
import { simpleGit } from 'simple-git';
import type { FakeGitHubState, FakeRepository } from './fake-state.ts';

export type Reply = { status: number; body?: unknown; headers?: Record<string, string>; raw?: Uint8Array };
export type Blob = { bytes: Uint8Array; contentType: string };
export type RouteContext = {
  state: FakeGitHubState;
  baseUrl: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  installationId: number | undefined;
  blobs: Map<string, Blob>;
};
export type ApiRoute = {
  route: string;
  method: string;
  pattern: RegExp;
  auth: 'jwt' | 'installation' | 'none';
  handle: (context: RouteContext) => Reply | Promise<Reply>;
};

export const errorReply = (status: number, message: string, extra: Record<string, unknown> = {}): Reply => ({
  status,
  body: { message, documentation_url: 'https://docs.github.com/rest', status: String(status), ...extra },
});

export class ReplyError extends Error {
  constructor(readonly reply: Reply) {
    super(String((reply.body as { message?: string } | undefined)?.message));
  }
}
export const isReplyError = (error: unknown): error is { reply: Reply } => error instanceof ReplyError;

// GitHub answers 404, not 403, for repositories the installation cannot see.
export const repositoryOf = (context: RouteContext): FakeRepository => {
  const { owner, repo } = context.params;
  const found = context.state.repositories.find(
    (candidate) => candidate.owner === owner && candidate.name === repo,
  );
  if (!found || found.installationId !== context.installationId)
    throw new ReplyError(errorReply(404, 'Not Found'));
  return found;
};

export const requireString = (body: Record<string, unknown>, field: string): string => {
  const value = body[field];
  if (typeof value !== 'string' || value === '') {
    throw new ReplyError(
      errorReply(422, 'Invalid request.', {
        errors: [{ resource: 'Request', field, code: 'missing_field' }],
      }),
    );
  }
  return value;
};

export const refSha = async (repository: FakeRepository, ref: string): Promise<string | undefined> => {
  if (!repository.barePath) return undefined;
  try {
    return (
      (
        await simpleGit({ baseDir: repository.barePath }).revparse(['--verify', '--quiet', `${ref}^{commit}`])
      ).trim() || undefined
    );
  } catch {
    return undefined;
  }
};

export const page = <T>(items: readonly T[], query: URLSearchParams): T[] => {
  const perPage = Math.min(100, Number(query.get('per_page') ?? 30));
  const number = Math.max(1, Number(query.get('page') ?? 1));
  return items.slice((number - 1) * perPage, number * perPage);
};

export const jobsOf = (context: RouteContext): Reply => {
  repositoryOf(context);
  const run = context.state.runs.find((candidate) => candidate.id === Number(context.params.run_id));
  if (!run) return errorReply(404, 'Not Found');
  const jobs = context.state.jobs.filter((job) => job.runId === run.id);
  return {
    status: 200,
    body: {
      total_count: jobs.length,
      jobs: page(jobs, context.query).map((job) => renderJob({ baseUrl: context.baseUrl, job, run })),
    },
  };
};
