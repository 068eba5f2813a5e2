// Classification over GitHub's real example payloads (@octokit/webhooks-examples).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { classifyGitHubEvent } from './classify-github-event.ts';
import { healingWorkflowId } from './healing-workflow-id.ts';

type Example = { name: string; examples: Record<string, unknown>[] };
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as Example[];
const examplesOf = (name: string) => examples.find((e) => e.name === name)!.examples;
const clone = <T>(value: T): T => structuredClone(value);

const completedRun = () => {
  const payload = clone(
    examplesOf('workflow_run').find(
      (e) =>
        e.action === 'completed' &&
        (e.workflow_run as { conclusion: string | null }).conclusion === 'success',
    )!,
  );
  return payload as {
    workflow_run: Record<string, unknown>;
    repository: Record<string, unknown>;
    installation?: { id: number };
  };
};

describe('classifyGitHubEvent', () => {
  it('heals a failed or timed-out workflow run and keeps the identifiers', () => {
    for (const conclusion of ['failure', 'timed_out']) {
      const payload = completedRun();
      payload.workflow_run.conclusion = conclusion;
      payload.installation = { id: 957387 };
      const action = classifyGitHubEvent({ event: 'workflow_run', payload });
      expect(action.kind).toBe('heal');
      if (action.kind !== 'heal') continue;
      expect(action.failure).toMatchObject({
        source: 'workflow_run',
        runId: String(payload.workflow_run.id),
        runAttempt: payload.workflow_run.run_attempt,
        headSha: payload.workflow_run.head_sha,
        commitAuthorEmail:
          (payload.workflow_run as { head_commit?: { author?: { email?: string } } }).head_commit?.author?.email?.toLowerCase() ?? null,
        conclusion,
        repository: {
          fullName: payload.repository.full_name,
          githubRepoId: payload.repository.id,
          installationId: 957387,
        },
      });
      expect(action.failure.failedAt.toISOString()).toBe(
        new Date(payload.workflow_run.updated_at as string).toISOString(),
      );
    }
  });

  it('ignores successful, cancelled, requested and conclusion-less runs', () => {
    for (const example of examplesOf('workflow_run'))
      expect(classifyGitHubEvent({ event: 'workflow_run', payload: example }).kind).toBe('ignore');
    const cancelled = completedRun();
    cancelled.workflow_run.conclusion = 'cancelled';
    expect(classifyGitHubEvent({ event: 'workflow_run', payload: cancelled })).toEqual({
      kind: 'ignore',
      reason: 'workflow_run concluded cancelled',
    });
  });

  it('heals failed check runs from other CI but not from GitHub Actions or from Suture itself', () => {
    const actionsFailure = examplesOf('check_run').find(
      (e) => e.action === 'completed' && (e.check_run as { conclusion: string }).conclusion === 'failure',
    )!;
    expect(classifyGitHubEvent({ event: 'check_run', payload: actionsFailure }).kind).toBe('ignore');
    const external = clone(actionsFailure) as { check_run: { app: { slug: string }; id: number } };
    external.check_run.app.slug = 'circleci-checks';
    const action = classifyGitHubEvent({ event: 'check_run', payload: external });
    expect(action).toMatchObject({
      kind: 'heal',
      failure: { source: 'check_run', runId: `check-${external.check_run.id}`, runAttempt: 1 },
    });
    external.check_run.app.slug = 'suture';
    expect(classifyGitHubEvent({ event: 'check_run', payload: external }).kind).toBe('ignore');
  });

  it('registers repositories on installation events and unregisters on deletion', () => {
    const created = examplesOf('installation').find((e) => e.action === 'created')!;
    const action = classifyGitHubEvent({ event: 'installation', payload: created });
    expect(action.kind).toBe('register');
    if (action.kind === 'register')
      expect(action.add.length).toBe((created.repositories as unknown[]).length);
    const deleted = examplesOf('installation').find((e) => e.action === 'deleted')!;
    expect(classifyGitHubEvent({ event: 'installation', payload: deleted }).kind).toBe(
      'unregister_installation',
    );
    for (const example of examplesOf('installation_repositories')) {
      const result = classifyGitHubEvent({ event: 'installation_repositories', payload: example });
      expect(result.kind).toBe('register');
      if (result.kind === 'register') expect(result.add.length + result.remove.length).toBeGreaterThan(0);
    }
  });

  it('answers ping, ignores unknown events and rejects malformed payloads clearly', () => {
    expect(classifyGitHubEvent({ event: 'ping', payload: examplesOf('ping')[0] })).toEqual({ kind: 'ping' });
    expect(classifyGitHubEvent({ event: 'star', payload: {} })).toEqual({
      kind: 'ignore',
      reason: 'event star is not used',
    });
    const bad = completedRun();
    bad.workflow_run.head_sha = 'not-a-sha';
    expect(() => classifyGitHubEvent({ event: 'workflow_run', payload: bad })).toThrow(
      /malformed workflow_run payload: workflow_run.head_sha/,
    );
  });
});

describe('healingWorkflowId', () => {
  it('is deterministic per repository, run and attempt', () => {
    const id = healingWorkflowId({ provider: 'github', repository: 'octo/api', runId: '42', runAttempt: 1 });
    expect(id).toBe('heal:github:octo/api:42:1');
    expect(
      healingWorkflowId({ provider: 'github', repository: 'octo/api', runId: '42', runAttempt: 2 }),
    ).not.toBe(id);
  });
});
