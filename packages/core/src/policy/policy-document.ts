// An organisation's healing policy as admins edit it (PolicyVersion.document). Every field has a safe
// default, so an organisation without a policy gets "a human approves everything".
import { z } from 'zod';
import { failureCategories } from '../diagnosis/diagnosis-result.ts';

export const PolicyDocument = z.object({
  /** Risk score (0-100) at or under which a verified patch opens without a human; -1 disables auto-open. */
  maxAutoOpenRisk: z.number().int().min(-1).max(100).default(-1),
  /** Risk score above which a patch is refused outright. */
  maxRisk: z.number().int().min(0).max(100).default(80),
  requiredApprovals: z.number().int().min(1).max(5).default(1),
  /** Glob-like path prefixes Suture must never change (e.g. "infra/", ".github/"). */
  protectedPaths: z.array(z.string().min(1).max(300)).max(200).default(['.github/']),
  /** Branches Suture never heals (patches for them are refused). */
  protectedBranches: z.array(z.string().min(1).max(255)).max(200).default([]),
  /** Failure categories Suture may propose code changes for. */
  allowedCategories: z.array(z.enum(failureCategories)).default([...failureCategories]),
  approvalTimeoutHours: z
    .number()
    .min(0.01)
    .max(24 * 30)
    .default(72),
});

export type PolicyDocument = z.infer<typeof PolicyDocument>;

export const defaultPolicy = (): PolicyDocument => PolicyDocument.parse({});
