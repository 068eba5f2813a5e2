import type { EgressPolicy } from './egress-types.ts';
import { parseEgressAllowlist } from './parse-egress-allowlist.ts';

export type ParseEgressEnvOptions = { value: string | undefined };

/**
 * SUTURE_SANDBOX_EGRESS as the install phase's policy: unset means `default` (the registries of the install
 * command's own tooling, see defaultEgressRules), `none` means no registry access, anything else is the exact
 * allowlist. Throws AppError BAD_INPUT on a bad list.
 */
export const parseEgressEnv = (options: ParseEgressEnvOptions): EgressPolicy | 'default' | null => {
  if (options.value === undefined || options.value.trim() === '') return 'default';
  const rules = parseEgressAllowlist({ text: options.value });
  return rules.length === 0 ? null : { rules };
};
