// The durable healing pipeline. Deterministic: all I/O happens in activities; the workflow only
// sequences them, waits for a human, and keeps a queryable status.
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  defineQuery,
  defineSignal,
  isCancellation,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type {
  ApprovalSignal,
  CancelSignal,
  HealingOutcome,
  HealingStageName,
  SelfHealingInput,
  SelfHealingResult,
  SelfHealingStatus,
} from '@suture/core/workflows/contracts';
import type { Activities } from '../activities/index.ts';

export const approveSignal = defineSignal<[ApprovalSignal]>('approve');
export const rejectSignal = defineSignal<[ApprovalSignal]>('reject');
export const cancelSignal = defineSignal<[CancelSignal]>('cancel');
export const statusQuery = defineQuery<SelfHealingStatus>('status');

const retry = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '30 seconds',
  maximumAttempts: 5,
  nonRetryableErrorTypes: ['BusinessRejection'],
};

// Bookkeeping: quick database writes.
const book = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry });
// Engines: minutes of work, heartbeating so a dead worker is noticed within 30 s and cancellation arrives.
const engine = proxyActivities<Activities>({
  startToCloseTimeout: '20 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { ...retry, maximumAttempts: 3 },
});

export async function selfHealing(input: SelfHealingInput): Promise<SelfHealingResult> {
  const ref = { healingRunId: input.healingRunId };
  const status: SelfHealingStatus = {
    healingRunId: input.healingRunId,
    stage: 'received',
    status: 'running',
    outcome: null,
    stages: [],
  };
  let decision: { kind: 'approve' | 'reject'; signal: ApprovalSignal } | undefined;
  let cancelRequest: CancelSignal | undefined;
  const work = new CancellationScope();

  setHandler(statusQuery, () => status);
  setHandler(approveSignal, (signal) => {
    decision ??= { kind: 'approve', signal };
  });
  setHandler(rejectSignal, (signal) => {
    decision ??= { kind: 'reject', signal };
  });
  setHandler(cancelSignal, (signal) => {
    cancelRequest ??= signal;
    work.cancel();
  });

  const stage = async <T>(
    name: HealingStageName,
    run: () => Promise<T>,
    describe?: (result: T) => Record<string, string | number | boolean | null>,
  ): Promise<T> => {
    const startedAt = Date.now();
    status.stage = name;
    status.stages.push({ stage: name, startedAt, finishedAt: null, durationMs: null });
    await book.recordStage({ ...ref, stage: name, status: 'running' });
    try {
      const result = await run();
      await book.recordStage({
        ...ref,
        stage: name,
        status: 'succeeded',
        ...(describe ? { detail: describe(result) } : {}),
      });
      return result;
    } catch (error) {
      if (!isCancellation(error))
        await book.recordStage({
          ...ref,
          stage: name,
          status: 'failed',
          detail: { error: describeError(error) },
        });
      throw error;
    } finally {
      const entry = status.stages[status.stages.length - 1]!;
      entry.finishedAt = Date.now();
      entry.durationMs = entry.finishedAt - startedAt;
    }
  };

  const finish = async (outcome: HealingOutcome, detail: string): Promise<SelfHealingResult> => {
    status.stage = 'done';
    status.status = 'finished';
    status.outcome = outcome;
    // Runs even when the workflow was cancelled: the record must say how it ended.
    await CancellationScope.nonCancellable(() => book.finishRun({ ...ref, outcome, detail }));
    return { outcome, detail };
  };

  try {
    const result = await work.run(async (): Promise<Step> => {
      const context = await stage(
        'context',
        () => engine.loadContext(ref),
        (c) => ({ repository: c.repository, sha: c.headSha }),
      );
      const diagnosis = await stage(
        'diagnose',
        () => engine.diagnoseFailure(ref),
        (d) => ({ category: d.category, confidence: d.confidence }),
      );
      const reproduced = await stage(
        'reproduce',
        () => engine.reproduceFailure({ ...ref, runs: context.testRuns }),
        (r) => ({ verdict: r.verdict }),
      );
      if (reproduced.verdict === 'not_reproduced' || reproduced.verdict === 'flaky') {
        return {
          done: await finish(
            'flaky_infrastructure',
            `${reproduced.detail} Recommendation: re-run the job; no code change proposed.`,
          ),
        };
      }
      const patch = await stage(
        'patch',
        () => engine.patchFailure(ref),
        (p) => ({ outcome: p.outcome, attempts: p.attempts }),
      );
      if (patch.outcome === 'refused') return { done: await finish('refused', patch.detail) };
      if (patch.outcome === 'failed')
        return { done: await finish('no_fix', `${patch.detail} (diagnosis: ${diagnosis.summary})`) };
      const verified = await stage(
        'verify',
        () => engine.verifyPatch({ ...ref, runs: context.testRuns }),
        (v) => ({ verdict: v.verdict }),
      );
      if (verified.verdict === 'still_failing' || verified.verdict === 'flaky')
        return { done: await finish('no_fix', verified.detail) };
      await stage(
        'assess',
        () => book.assessPatch(ref),
        (a) => ({ risk: a.riskScore, blocking: a.blockingFindings }),
      );
      const policy = await stage(
        'policy',
        () => book.decidePolicy(ref),
        (p) => ({ decision: p.decision }),
      );
      if (policy.decision === 'reject') return { done: await finish('refused', policy.reason) };
      return { policy: { decision: policy.decision, approvalTimeoutMs: policy.approvalTimeoutMs } };
    });
    if ('done' in result) return result.done;
    return await awaitApprovalAndDeliver(result.policy);
  } catch (error) {
    if (cancelRequest || isCancellation(error))
      return await finish(
        'cancelled',
        cancelRequest ? `cancelled by ${cancelRequest.by}: ${cancelRequest.reason}` : 'cancelled',
      );
    return await finish('error', describeError(error));
  } finally {
    await CancellationScope.nonCancellable(() => book.cleanupRun(ref));
  }

  async function awaitApprovalAndDeliver(policy: {
    decision: 'needs_approval' | 'auto_open';
    approvalTimeoutMs: number;
  }): Promise<SelfHealingResult> {
    await book.markReady({ ...ref, waitingForApproval: policy.decision === 'needs_approval' });
    if (policy.decision === 'needs_approval') {
      status.stage = 'approval';
      status.status = 'waiting_approval';
      const answered = await stage('approval', () =>
        condition(() => decision !== undefined || cancelRequest !== undefined, policy.approvalTimeoutMs),
      );
      if (cancelRequest)
        return finish('cancelled', `cancelled by ${cancelRequest.by}: ${cancelRequest.reason}`);
      if (!answered || !decision)
        return finish(
          'expired',
          `no decision within ${Math.round(policy.approvalTimeoutMs / 60_000)} minutes`,
        );
      if (decision.kind === 'reject')
        return finish('rejected', `rejected by ${decision.signal.userId}: ${decision.signal.reason}`);
      status.status = 'running';
    }
    const delivered = await stage(
      'deliver',
      () => engine.deliverPatch({ ...ref, approvedBy: decision?.signal.userId ?? null }),
      (d) => ({ kind: d.kind, branch: d.branch }),
    );
    return finish(
      delivered.kind === 'pull_request' ? 'pr_opened' : 'branch_created',
      delivered.url ?? delivered.branch,
    );
  }
}

type Step =
  | { done: SelfHealingResult }
  | { policy: { decision: 'needs_approval' | 'auto_open'; approvalTimeoutMs: number } };

const describeError = (error: unknown): string => {
  if (error instanceof ActivityFailure && error.cause) return describeError(error.cause);
  if (error instanceof ApplicationFailure) return `${error.type ?? 'error'}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
};
