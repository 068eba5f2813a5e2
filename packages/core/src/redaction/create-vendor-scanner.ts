// Vendor token formats from secretlint's recommended preset, run in-process on single lines.
//
// @secretlint/core's lintSource is asynchronous and works on whole documents (measured here: 0.4 MB/s called
// per line, 25-45 MB/s on large chunks, on top of everything else), while the log analyzer redacts line by
// line, synchronously, before anything else sees a line. So the preset's rule creators are driven directly
// through the small rule-context contract of @secretlint/types: `create(context, options).file(source)`, with
// `report` collecting what they find. Only the rules whose literal prefix occurs on the line run.
import { rules as presetRules } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintRuleContext, SecretLintRuleReportDescriptor, SecretLintSourceCode } from '@secretlint/types';
import type { RedactionKind } from './secret-rules.ts';

export type VendorRule = { id: string; kind: RedactionKind; hints: readonly string[] };

export type VendorScanner = {
  rules: readonly VendorRule[];
  /** Secret values that rule `index` finds in `text` (redact every occurrence of each). */
  scan: (text: string, index: number) => string[];
};

// Rule id (without the @secretlint/secretlint-rule- prefix) -> redaction kind and the literals its patterns need.
const used: Record<string, { kind: RedactionKind; hints: readonly string[] }> = {
  aws: { kind: 'aws_secret_key', hints: ['secret'] },
  npm: { kind: 'npm_token', hints: ['npm_', 'x-oauth-basic'] },
  slack: { kind: 'slack_token', hints: ['xoxb-', 'xoxp-', 'xapp-', 'xoxa-', 'xoxo-', 'xoxr-', 'hooks.slack.com'] },
  sendgrid: { kind: 'sendgrid_key', hints: ['sg.'] },
  shopify: { kind: 'shopify_token', hints: ['shppa_', 'shpca_', 'shpat_', 'shpss_'] },
  stripe: { kind: 'stripe_key', hints: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'] },
  github: { kind: 'github_token', hints: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'] },
  gitlab: { kind: 'gitlab_token', hints: ['glpat-'] },
  grafana: { kind: 'grafana_token', hints: ['glc_', 'glsa_'] },
  openai: { kind: 'openai_key', hints: ['t3blbkfj'] },
  anthropic: { kind: 'anthropic_key', hints: ['sk-ant-api0'] },
  groq: { kind: 'groq_key', hints: ['gsk_'] },
  huggingface: { kind: 'huggingface_token', hints: ['hf_'] },
  linear: { kind: 'linear_key', hints: ['lin_api_'] },
  notion: { kind: 'notion_token', hints: ['ntn_'] },
  '1password': { kind: 'onepassword_token', hints: ['ops_ey'] },
  'hashicorp-vault': { kind: 'vault_token', hints: ['hvs.', 'hvb.', 'hvr.'] },
  vercel: { kind: 'vercel_token', hints: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'] },
  databricks: { kind: 'databricks_token', hints: ['dapi'] },
  docker: { kind: 'docker_token', hints: ['dckr_pat_'] },
  figma: { kind: 'figma_token', hints: ['figd_'] },
  cloudflare: { kind: 'cloudflare_token', hints: ['cfk_', 'cfut_', 'cfat_'] },
  tailscale: { kind: 'tailscale_key', hints: ['tskey-'] },
};

/**
 * Rules of the preset left out, and why: gcp (whole .json/.p12 files, not lines), privatekey (needs the whole
 * multi-line block; the redactor tracks PEM blocks across lines itself), basicauth and database-connection-string
 * (they report the whole URL; the redactor masks only the password and keeps host and database readable for the
 * diagnosis), filter-comments (a filter for source files, not a scanner).
 */
export const excludedVendorRules: readonly string[] = ['gcp', 'privatekey', 'basicauth', 'database-connection-string', 'filter-comments'];

const PREFIX = '@secretlint/secretlint-rule-';

export const createVendorScanner = (): VendorScanner => {
  let found: string[] = [];
  const context: SecretLintRuleContext = {
    sharedOptions: {},
    // The reported value is taken from the message data, not from the range: the AWS rule reports the range
    // of the NAME=... match with the length of the key, which would leave the tail of the key in place.
    createTranslator: () => (messageId, data) => ({ message: String(messageId), messageId: String(messageId), data }),
    report: (descriptor: SecretLintRuleReportDescriptor) => {
      const data = (descriptor.message.data ?? {}) as Record<string, unknown>;
      for (const value of Object.values(data)) if (typeof value === 'string' && value.length >= 8) found.push(value);
    },
    ignore: () => undefined,
  };
  const rules: VendorRule[] = [];
  const handlers: ((source: SecretLintSourceCode) => unknown)[] = [];
  for (const creator of presetRules) {
    const id = creator.meta.id.replace(PREFIX, '');
    const entry = used[id];
    if (!entry) {
      if (excludedVendorRules.includes(id)) continue;
      throw new Error(`secretlint rule ${creator.meta.id} has no redaction mapping: add it to create-vendor-scanner.ts`);
    }
    const handler = creator.create(context, { allows: [] });
    if (!handler.file) continue;
    rules.push({ id, ...entry });
    handlers.push((source) => handler.file?.(source));
  }

  const scan = (text: string, index: number): string[] => {
    found = [];
    const source: SecretLintSourceCode = {
      hasBOM: false, content: text, filePath: undefined, physicalFilePath: undefined, contentType: 'text', ext: '',
      getFilePath: () => undefined, getPhysicalFilePath: () => undefined,
      locationToRange: () => [0, text.length], rangeToLocation: () => ({ start: { line: 1, column: 0 }, end: { line: 1, column: text.length } }),
      positionToIndex: (position) => position.column, indexToPosition: (offset) => ({ line: 1, column: offset }),
    };
    const result = handlers[index]?.(source);
    // Every rule used here scans synchronously; one that turned asynchronous would report too late to redact.
    if (result instanceof Promise) throw new Error(`secretlint rule ${rules[index]?.id ?? index} is asynchronous`);
    return found;
  };

  return { rules, scan };
};
