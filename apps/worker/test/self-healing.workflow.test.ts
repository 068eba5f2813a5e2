// The selfHealing workflow's control flow on Temporal's time-skipping test server: approval, expiry,
// rejection, cancellation, flaky short-circuit, retries, and replay determinism. Activities here are
// scripted stand-ins (the engine is real); their real implementations are covered by the integration tests.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SelfHealingResult, SelfHealingStatus } from '@suture/core';
import type { Activities } from '../src/activities/index.ts';
import type { PolicyResult, ReproduceResult } from '../src/activities/healing/types.ts';
import { workflowsPath } from '../src/create-worker.ts';
import {
  approveSignal,
  cancelSignal,
  rejectSignal,
  selfHealing,
  statusQuery,
} from '../src/workflows/self-healing.ts';

const env = z
  .object({
    SUTURE_TEMPORAL_TEST_SERVER_BIN: z.string().min(1, 'npm test installs the Temporal test server'),
  })
  .parse(process.env);

let testEnv: TestWorkflowEnvironment;

beforeAll(async () => {
  testEnv = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: env.SUTURE_TEMPORAL_TEST_SERVER_BIN } },
  });
});
afterAll(async () => {
  await testEnv?.teardown();
});

type Script = {
  reproduce?: ReproduceResult;
  policy?: PolicyResult;
  patchOutcome?: 'fixed' | 'refused' | 'failed';
  patchError?: string;
  diagnoseFailures?: number;
};

/** The rows "in the database": what the scripted verification activities accept. */
const genuineDecisions: Record<string, { kind: 'approve' | 'reject'; decidedBy: string; reason: string }> = {
  'appr-ada': { kind: 'approve', decidedBy: 'user-ada', reason: 'verified' },
  'appr-bob-reject': { kind: 'reject', decidedBy: 'user-bob', reason: 'wrong fix' },
};
const genuineCancels: Record<string, { by: string; reason: string }> = {
  '42': { by: 'user-ada', reason: 'superseded by a manual fix' },
};

const scripted = (script: Script) => {
  const calls: string[] = [];
  const stages: string[] = [];
  let diagnoseFailures = script.diagnoseFailures ?? 0;
  const record = <T>(name: string, value: T) => {
    calls.push(name);
    return Promise.resolve(value);
  };
  const activities: Activities = {
    pingDatabase: () => Promise.reject(new Error('not used')),
    recordStage: (update) => {
      stages.push(`${update.stage}:${update.status}`);
      return Promise.resolve();
    },
    finishRun: (update) => record(`finishRun:${update.outcome}`, undefined),
    markReady: (input) => record(`markReady:${input.waitingForApproval}`, undefined),
    loadContext: () =>
      record('loadContext', {
        provider: 'local' as const,
        repository: 'demo',
        headSha: 'a'.repeat(40),
        hasLog: true,
        testRuns: 3,
      }),
    diagnoseFailure: () => {
      if (diagnoseFailures > 0) {
        diagnoseFailures -= 1;
        calls.push('diagnoseFailure:transient-error');
        return Promise.reject(new Error('database connection reset'));
      }
      return record('diagnoseFailure', {
        category: 'type_error',
        confidence: 0.9,
        summary: 'TS2304',
        flakySuspect: false,
      });
    },
    reproduceFailure: () =>
      record('reproduceFailure', script.reproduce ?? { verdict: 'fail' as const, detail: '1 test fails' }),
    patchFailure: () => {
      if (script.patchError) {
        calls.push('patchFailure:attempt');
        return Promise.reject(ApplicationFailure.nonRetryable(script.patchError, 'BusinessRejection'));
      }
      return record('patchFailure', {
        outcome: script.patchOutcome ?? ('fixed' as const),
        attempts: 1,
        detail: 'ts_codefix',
      });
    },
    verifyPatch: () => record('verifyPatch', { verdict: 'fixed' as const, detail: 'passes 3/3' }),
    assessPatch: () => record('assessPatch', { riskScore: 12, blockingFindings: 0, findings: 0 }),
    decidePolicy: () =>
      record(
        'decidePolicy',
        script.policy ?? {
          decision: 'needs_approval' as const,
          reason: 'policy requires approval',
          approvalTimeoutMs: 72 * 3_600_000,
        },
      ),
    deliverPatch: (input) =>
      record(`deliverPatch:${input.approvedBy}`, {
        kind: 'branch' as const,
        branch: 'suture/fix-1',
        url: null,
      }),
    cleanupRun: () => record('cleanupRun', undefined),
    verifyDecision: (input) => {
      const row = input.approvalId ? genuineDecisions[input.approvalId] : undefined;
      if (!row || row.kind !== input.kind)
        return record(`verifyDecision:rejected:${input.approvalId}`, {
          accepted: false as const,
          rejection: 'unknown_approval' as const,
          detail: 'not on record',
        });
      return record(`verifyDecision:accepted:${input.approvalId}:${input.approvalWindowMs}`, {
        accepted: true as const,
        ...row,
        approvedBy: row.kind === 'approve' ? [row.decidedBy] : [],
      });
    },
    verifyCancel: (input) => {
      const request = input.cancelRequestId ? genuineCancels[input.cancelRequestId] : undefined;
      if (!request)
        return record(`verifyCancel:rejected:${input.cancelRequestId}`, {
          accepted: false as const,
          rejection: 'unknown_request' as const,
          detail: 'not on record',
        });
      return record(`verifyCancel:accepted:${input.cancelRequestId}`, {
        accepted: true as const,
        ...request,
      });
    },
  };
  return { activities, calls, stages };
};

const start = async (script: Script) => {
  const taskQueue = `wf-${randomUUID()}`;
  const { activities, calls, stages } = scripted(script);
  const worker = await Worker.create({
    connection: testEnv.nativeConnection,
    taskQueue,
    workflowsPath,
    activities,
  });
  const handle = await testEnv.client.workflow.start(selfHealing, {
    taskQueue,
    workflowId: `heal-${randomUUID()}`,
    args: [{ healingRunId: 'run-1' }],
  });
  return { worker, handle, calls, stages };
};

const waitForApproval = async (handle: Awaited<ReturnType<typeof start>>['handle']) => {
  for (let i = 0; i < 200; i++) {
    const status: SelfHealingStatus = await handle.query(statusQuery);
    if (status.status === 'waiting_approval') return status;
    await new Promise((done) => setTimeout(done, 25));
  }
  throw new Error('never reached approval');
};

describe('selfHealing workflow', () => {
  it('waits for approval, then delivers with the approver recorded', async () => {
    const { worker, handle, calls, stages } = await start({});
    const result = await worker.runUntil(async () => {
      const waiting = await waitForApproval(handle);
      expect(waiting.stage).toBe('approval');
      expect(waiting.stages.map((s) => s.stage)).toEqual([
        'context',
        'diagnose',
        'reproduce',
        'patch',
        'verify',
        'assess',
        'policy',
        'approval',
      ]);
      await handle.signal(approveSignal, { approvalId: 'appr-ada' });
      return handle.result();
    });
    expect(result).toEqual<SelfHealingResult>({ outcome: 'branch_created', detail: 'suture/fix-1' });
    expect(calls).toContain('markReady:true');
    expect(calls).toContain('deliverPatch:user-ada');
    expect(calls.at(-2)).toBe('finishRun:branch_created');
    expect(calls.at(-1)).toBe('cleanupRun');
    expect(stages).toContain('deliver:succeeded');
  });

  it('ignores decision signals the database does not vouch for, and keeps waiting', async () => {
    const { worker, handle, calls } = await start({});
    const result = await worker.runUntil(async () => {
      await waitForApproval(handle);
      // What anyone who reaches Temporal can send: the old payload, nothing, junk, an unknown id, and a
      // real row sent under the wrong signal.
      await handle.signal(approveSignal, { userId: 'user-mallory', reason: 'lgtm' } as never);
      await handle.signal('approve');
      await handle.signal(approveSignal, 'appr-ada' as never);
      await handle.signal(approveSignal, { approvalId: 'appr-forged' });
      await handle.signal(rejectSignal, { approvalId: 'appr-ada' });
      await handle.signal(cancelSignal, { by: 'user-mallory', reason: 'stop' } as never);
      await handle.signal(cancelSignal, { cancelRequestId: '999' });
      const waitingStill = async () => {
        for (let i = 0; i < 200; i++) {
          const rejected = calls.filter((c) => c.includes(':rejected:')).length;
          if (rejected === 7) return;
          await new Promise((done) => setTimeout(done, 25));
        }
        throw new Error(`forged signals not all verified: ${calls.join(', ')}`);
      };
      await waitingStill();
      const status: SelfHealingStatus = await handle.query(statusQuery);
      expect(status).toMatchObject({ status: 'waiting_approval', stage: 'approval', outcome: null });
      expect(calls.some((c) => c.startsWith('deliverPatch') || c.startsWith('finishRun'))).toBe(false);
      await handle.signal(approveSignal, { approvalId: 'appr-ada' });
      return handle.result();
    });
    expect(result).toEqual<SelfHealingResult>({ outcome: 'branch_created', detail: 'suture/fix-1' });
    expect(calls.filter((c) => c.startsWith('verifyDecision:rejected'))).toEqual([
      'verifyDecision:rejected:null',
      'verifyDecision:rejected:null',
      'verifyDecision:rejected:null',
      'verifyDecision:rejected:appr-forged',
      'verifyDecision:rejected:appr-ada',
    ]);
    expect(calls.filter((c) => c.startsWith('verifyCancel'))).toEqual([
      'verifyCancel:rejected:null',
      'verifyCancel:rejected:999',
    ]);
    expect(calls).toContain(`verifyDecision:accepted:appr-ada:${72 * 3_600_000}`);
    expect(calls).toContain('deliverPatch:user-ada');
  });

  it('ignores a forged cancel while an engine works, and stops on a verified one', async () => {
    const { worker, handle, calls } = await start({});
    const result = await worker.runUntil(async () => {
      await handle.signal(cancelSignal, { cancelRequestId: '7' });
      await waitForApproval(handle);
      expect(calls).toContain('verifyCancel:rejected:7');
      await handle.signal(cancelSignal, { cancelRequestId: '42' });
      return handle.result();
    });
    expect(result).toEqual({
      outcome: 'cancelled',
      detail: 'cancelled by user-ada: superseded by a manual fix',
    });
    expect(calls.some((c) => c.startsWith('deliverPatch'))).toBe(false);
  });

  it('expires when nobody decides within the policy timeout (time skipped)', async () => {
    const { worker, handle, calls } = await start({});
    const result = await worker.runUntil(async () => {
      await waitForApproval(handle);
      // A forged signal mid-wait must not reset or extend the window.
      await testEnv.sleep('71 hours');
      await handle.signal(approveSignal, { approvalId: 'appr-forged' });
      await testEnv.sleep('2 hours');
      return handle.result();
    });
    expect(result.outcome).toBe('expired');
    expect(calls.some((c) => c.startsWith('deliverPatch'))).toBe(false);
    expect(calls).toContain('cleanupRun');
  });

  it('records a rejection with its reason, opens nothing and cleans up', async () => {
    const { worker, handle, calls } = await start({});
    const result = await worker.runUntil(async () => {
      await waitForApproval(handle);
      await handle.signal(rejectSignal, { approvalId: 'appr-bob-reject' });
      return handle.result();
    });
    expect(result).toEqual({ outcome: 'rejected', detail: 'rejected by user-bob: wrong fix' });
    expect(calls.some((c) => c.startsWith('deliverPatch'))).toBe(false);
    expect(calls.slice(-2)).toEqual(['finishRun:rejected', 'cleanupRun']);
  });

  it('ends flaky or unreproduced failures with a rerun recommendation and no patch', async () => {
    for (const verdict of ['flaky', 'not_reproduced'] as const) {
      const { worker, handle, calls } = await start({ reproduce: { verdict, detail: 'passes 2/3' } });
      const result = await worker.runUntil(handle.result());
      expect(result.outcome).toBe('flaky_infrastructure');
      expect(result.detail).toMatch(/re-run the job/);
      expect(calls).not.toContain('patchFailure');
    }
  });

  it('refuses weakening patches and auto-opens when policy allows', async () => {
    const refused = await start({ patchOutcome: 'refused' });
    expect((await refused.worker.runUntil(refused.handle.result())).outcome).toBe('refused');
    expect(refused.calls).not.toContain('verifyPatch');
    const auto = await start({
      policy: { decision: 'auto_open', reason: 'low risk', approvalTimeoutMs: 1000 },
    });
    expect((await auto.worker.runUntil(auto.handle.result())).outcome).toBe('branch_created');
    expect(auto.calls).toContain('markReady:false');
    expect(auto.calls).toContain('deliverPatch:null');
  });

  it('retries a failing activity and then succeeds', async () => {
    const { worker, handle, calls } = await start({
      diagnoseFailures: 2,
      policy: { decision: 'auto_open', reason: 'low risk', approvalTimeoutMs: 1000 },
    });
    const result = await worker.runUntil(handle.result());
    expect(result.outcome).toBe('branch_created');
    expect(calls.filter((c) => c === 'diagnoseFailure:transient-error')).toHaveLength(2);
    expect(calls.filter((c) => c === 'diagnoseFailure')).toHaveLength(1);
  });

  it('can be cancelled while waiting, recording who cancelled', async () => {
    const { worker, handle, calls } = await start({});
    const result = await worker.runUntil(async () => {
      await waitForApproval(handle);
      await handle.signal(cancelSignal, { cancelRequestId: '42' });
      return handle.result();
    });
    expect(result).toEqual({
      outcome: 'cancelled',
      detail: 'cancelled by user-ada: superseded by a manual fix',
    });
    expect(calls).toContain('cleanupRun');
  });

  it('replays its recorded history deterministically', async () => {
    const { worker, handle } = await start({});
    await worker.runUntil(async () => {
      await waitForApproval(handle);
      await handle.signal(approveSignal, { approvalId: 'appr-ada' });
      await handle.result();
    });
    const history = await handle.fetchHistory();
    await expect(
      Worker.runReplayHistory({ workflowsPath }, history, handle.workflowId),
    ).resolves.toBeUndefined();
  });

  it('ends in an error outcome (recorded, cleaned up) when an activity fails for good', async () => {
    const { worker, handle, calls } = await start({ patchError: 'no valid diagnosis recorded for this run' });
    const result = await worker.runUntil(handle.result());
    expect(result.outcome).toBe('error');
    expect(result.detail).toBe('BusinessRejection: no valid diagnosis recorded for this run');
    expect(calls.filter((c) => c === 'patchFailure:attempt')).toHaveLength(1);
    expect(calls.slice(-2)).toEqual(['finishRun:error', 'cleanupRun']);
  });
});
