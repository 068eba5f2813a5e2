// The policy decision for one verified patch: pure, so the Lean model in lean/Suture/Policy.lean and
// these tests describe the same function.
import type { PolicyDocument } from './policy-document.ts';

export type PolicyInput = {
  policy: PolicyDocument;
  riskScore: number;
  /** Guardrail findings of severity "block" (weakening tests, ignore pragmas, ...). */
  blockingFindings: number;
  changedPaths: string[];
  branch: string | null;
  category: string;
};

export type PolicyDecisionResult = {
  decision: 'reject' | 'needs_approval' | 'auto_open';
  reasons: string[];
  approvalTimeoutMs: number;
  requiredApprovals: number;
};

// "infra/" protects a folder; "package.json" protects that file (and a folder of that name).
const touches = (path: string, prefix: string) =>
  prefix.endsWith('/') ? path.startsWith(prefix) : path === prefix || path.startsWith(`${prefix}/`);

export const decidePolicy = ({
  policy,
  riskScore,
  blockingFindings,
  changedPaths,
  branch,
  category,
}: PolicyInput): PolicyDecisionResult => {
  const base = {
    approvalTimeoutMs: Math.round(policy.approvalTimeoutHours * 3_600_000),
    requiredApprovals: policy.requiredApprovals,
  };
  const rejections: string[] = [];
  if (branch && policy.protectedBranches.includes(branch)) rejections.push(`branch ${branch} is protected`);
  if (!(policy.allowedCategories as string[]).includes(category))
    rejections.push(`category ${category} is not allowed by policy`);
  const protectedHits = changedPaths.filter((path) =>
    policy.protectedPaths.some((prefix) => touches(path, prefix)),
  );
  if (protectedHits.length > 0) rejections.push(`touches protected paths: ${protectedHits.join(', ')}`);
  if (riskScore > policy.maxRisk)
    rejections.push(`risk ${riskScore} is above the policy maximum ${policy.maxRisk}`);
  if (rejections.length > 0) return { decision: 'reject', reasons: rejections, ...base };

  // A weakening patch always needs a human, whatever the risk limit says.
  if (blockingFindings > 0)
    return {
      decision: 'needs_approval',
      reasons: [`${blockingFindings} blocking guardrail finding(s) need a human`],
      ...base,
    };
  if (policy.maxAutoOpenRisk >= 0 && riskScore <= policy.maxAutoOpenRisk) {
    return {
      decision: 'auto_open',
      reasons: [`risk ${riskScore} is within the auto-open limit ${policy.maxAutoOpenRisk}`],
      ...base,
    };
  }
  return {
    decision: 'needs_approval',
    reasons: [
      policy.maxAutoOpenRisk < 0
        ? 'policy requires approval for every patch'
        : `risk ${riskScore} is above the auto-open limit ${policy.maxAutoOpenRisk}`,
    ],
    ...base,
  };
};
