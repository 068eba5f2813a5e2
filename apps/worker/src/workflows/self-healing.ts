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
import type { DecisionVerdict } from '@suture/core/approvals/evaluate-decision';
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
  // Signals are unauthenticated (anyone who reaches Temporal can send one), so handlers only queue what
  // arrived; each queued item is checked against the database by an activity before it counts.
  const decisions: { kind: 'approve' | 'reject'; approvalId: string | null }[] = [];
  const cancels: (string | null)[] = [];
  let decision: AcceptedDecision | undefined;
  let cancelRequest: { by: string; reason: string } | undefined;
  let finished = false;
  const work = new CancellationScope();

  setHandler(statusQuery, () => status);
  setHandler(approveSignal, (signal) => {
    if (decisions.length < MAX_QUEUED)
      decisions.push({ kind: 'approve', approvalId: referenceOf(signal, 'approvalId') });
  });
  setHandler(rejectSignal, (signal) => {
    if (decisions.length < MAX_QUEUED)
      decisions.push({ kind: 'reject', approvalId: referenceOf(signal, 'approvalId') });
  });
  setHandler(cancelSignal, (signal) => {
    if (cancels.length < MAX_QUEUED) cancels.push(referenceOf(signal, 'cancelRequestId'));
  });

  // Cancel may arrive while an engine works, so its verification runs beside the main flow.
  const cancelWatch = (async () => {
    while (!cancelRequest) {
      await condition(() => cancels.length > 0 || finished);
      if (finished) return;
      const verdict = await book.verifyCancel({ ...ref, cancelRequestId: cancels.shift() ?? null });
      if (verdict.accepted) {
        cancelRequest = { by: verdict.by, reason: verdict.reason };
        work.cancel();
      }
    }
    // Only a Temporal-level cancellation of the whole workflow ends this early; the main flow records it.
  })().catch(() => undefined);

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
    finished = true;
    await cancelWatch;
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
      const answered = await stage('approval', () => awaitVerifiedDecision(policy.approvalTimeoutMs));
      if (cancelRequest)
        return finish('cancelled', `cancelled by ${cancelRequest.by}: ${cancelRequest.reason}`);
      if (!answered || !decision)
        return finish(
          'expired',
          `no decision within ${Math.round(policy.approvalTimeoutMs / 60_000)} minutes`,
        );
      if (decision.kind === 'reject')
        return finish('rejected', `rejected by ${decision.decidedBy}: ${decision.reason}`);
      status.status = 'running';
    }
    const delivered = await stage(
      'deliver',
      () => engine.deliverPatch({ ...ref, approvedBy: decision?.decidedBy ?? null }),
      (d) => ({ kind: d.kind, branch: d.branch }),
    );
    return finish(
      delivered.kind === 'pull_request' ? 'pr_opened' : 'branch_created',
      delivered.url ?? delivered.branch,
    );
  }

  /** True once a queued decision passed the database check; false when the window closed first. */
  async function awaitVerifiedDecision(timeoutMs: number): Promise<boolean> {
    // Workflow time is deterministic (replayed from history), so the deadline is too.
    const deadline = Date.now() + timeoutMs;
    while (!decision && !cancelRequest) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      const arrived = await condition(() => decisions.length > 0 || cancelRequest !== undefined, remaining);
      if (!arrived) return false;
      const next = decisions.shift();
      if (!next || cancelRequest) continue;
      const verdict = await book.verifyDecision({ ...ref, ...next, approvalWindowMs: timeoutMs });
      if (verdict.accepted) decision = verdict;
    }
    return decision !== undefined;
  }
}

/** Past this many unverified signals waiting, more are dropped (a flood must not grow memory without bound). */
const MAX_QUEUED = 50;

type AcceptedDecision = Extract<DecisionVerdict, { accepted: true }>;

/** The id a signal names, if it names one as a short string; anything else counts as none. */
const referenceOf = (signal: unknown, key: string): string | null => {
  if (typeof signal !== 'object' || signal === null) return null;
  const value = (signal as Record<string, unknown>)[key];
  return typeof value === 'string' && value.length > 0 ? value.slice(0, 200) : null;
};

type Step =
  | { done: SelfHealingResult }
  | { policy: { decision: 'needs_approval' | 'auto_open'; approvalTimeoutMs: number } };

const describeError = (error: unknown): string => {
  if (error instanceof ActivityFailure && error.cause) return describeError(error.cause);
  if (error instanceof ApplicationFailure) return `${error.type ?? 'error'}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
};
