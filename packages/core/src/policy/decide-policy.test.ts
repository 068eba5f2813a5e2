import { describe, expect, it } from 'vitest';
import { decidePolicy, type PolicyInput } from './decide-policy.ts';
import { defaultPolicy, PolicyDocument } from './policy-document.ts';

const input = (overrides: Partial<PolicyInput> = {}): PolicyInput => ({
  policy: PolicyDocument.parse({ maxAutoOpenRisk: 20 }),
  riskScore: 10,
  blockingFindings: 0,
  changedPaths: ['src/a.ts'],
  branch: 'main',
  category: 'type_error',
  ...overrides,
});

describe('decidePolicy', () => {
  it('defaults to a human approving everything, within 72 hours', () => {
    const result = decidePolicy(input({ policy: defaultPolicy(), riskScore: 0 }));
    expect(result).toMatchObject({
      decision: 'needs_approval',
      approvalTimeoutMs: 72 * 3_600_000,
      requiredApprovals: 1,
    });
    expect(result.reasons).toEqual(['policy requires approval for every patch']);
  });

  it('auto-opens low-risk patches only when the policy allows it', () => {
    expect(decidePolicy(input()).decision).toBe('auto_open');
    expect(decidePolicy(input({ riskScore: 21 })).decision).toBe('needs_approval');
  });

  it('never auto-opens a patch with blocking guardrail findings, whatever the limit', () => {
    const lax = PolicyDocument.parse({ maxAutoOpenRisk: 100, maxRisk: 100 });
    const result = decidePolicy(input({ policy: lax, riskScore: 0, blockingFindings: 1 }));
    expect(result.decision).toBe('needs_approval');
    expect(result.reasons[0]).toMatch(/blocking guardrail/);
  });

  it('rejects protected branches, protected paths, disallowed categories and excessive risk, naming each', () => {
    const policy = PolicyDocument.parse({
      maxAutoOpenRisk: 20,
      protectedBranches: ['release'],
      protectedPaths: ['infra/', '.github/'],
      allowedCategories: ['type_error'],
      maxRisk: 50,
    });
    const result = decidePolicy(
      input({
        policy,
        branch: 'release',
        changedPaths: ['infra/main.tf', 'src/a.ts'],
        category: 'lint_error',
        riskScore: 60,
      }),
    );
    expect(result.decision).toBe('reject');
    expect(result.reasons).toEqual([
      'branch release is protected',
      'category lint_error is not allowed by policy',
      'touches protected paths: infra/main.tf',
      'risk 60 is above the policy maximum 50',
    ]);
  });

  it('rejects unknown policy fields values at parse time', () => {
    expect(() => PolicyDocument.parse({ maxAutoOpenRisk: 101 })).toThrow();
    expect(() => PolicyDocument.parse({ allowedCategories: ['made_up'] })).toThrow();
  });
});
