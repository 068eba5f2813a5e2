import type { GuardrailFinding } from '../guardrails/guardrail-finding.ts';
import type { Strategy } from '../patching/fixer.ts';

export type RiskReason = { factor: string; points: number; explanation: string };
export type RiskScore = { score: number; reasons: RiskReason[] };

export type RiskInput = {
  /** Changed lines (added + removed). */
  linesChanged: number;
  files: readonly string[];
  findings: readonly GuardrailFinding[];
  /** Strategies that produced the kept change; the riskiest one counts. */
  strategies: readonly Strategy[];
  diagnosisConfidence: number;
  /** Validation attempts used (1 = first try passed). */
  attempts: number;
  validated: boolean;
};

const strategyPoints: Record<Strategy, [number, string]> = {
  formatter: [2, "the repository's own formatter: layout only"],
  linter: [6, "the linter's own autofixes: small, rule-driven rewrites"],
  compiler: [10, 'compiler-provided fixes: mechanical, but they change code'],
  llm: [28, 'a language model wrote the change'],
  probe: [40, 'the weakening probe: it skips failing tests and is never kept'],
};

const sensitive: Array<[RegExp, string, number]> = [
  [
    /(?:^|\/)(?:auth|security|crypto|payments?|billing|permissions?)(?:\/|\.)/i,
    'security- or money-related code',
    10,
  ],
  [
    /(?:^|\/)(?:Dockerfile|docker-compose[\w.-]*\.ya?ml|Makefile|package\.json|Cargo\.toml|go\.mod|pyproject\.toml|tsconfig[\w.-]*\.json)$/,
    'build or dependency configuration',
    8,
  ],
  [
    /(?:^|\/)(?:__tests__|tests?|spec)\/|\.(?:test|spec)\.[cm]?[jt]sx?$|_test\.(?:go|py)$|(?:^|\/)test_[^/]+\.py$/,
    'test code',
    8,
  ],
];

/**
 * Risk of merging a patch, 0 (trivial) to 100 (do not merge without a careful review), as a sum of
 * itemized, explained contributions. Pure and deterministic. The model is documented in ./README.md.
 */
export const scoreRisk = (options: RiskInput): RiskScore => {
  const reasons: RiskReason[] = [];
  const add = (factor: string, points: number, explanation: string): void => {
    if (points !== 0) reasons.push({ factor, points: Math.round(points), explanation });
  };

  const strategy = [...options.strategies].sort((a, b) => strategyPoints[b][0] - strategyPoints[a][0])[0];
  if (strategy) add('strategy', strategyPoints[strategy][0], `Made by ${strategyPoints[strategy][1]}.`);

  const sizePoints = Math.min(20, Math.max(0, Math.ceil((options.linesChanged - 4) / 5) * 2));
  add(
    'diff size',
    sizePoints,
    `${options.linesChanged} changed line(s); the first 4 are free, then 2 points per 5 lines (at most 20).`,
  );

  const filePoints = Math.min(15, Math.max(0, options.files.length - 1) * 3);
  add(
    'files touched',
    filePoints,
    `${options.files.length} file(s); 3 points for each file beyond the first (at most 15).`,
  );

  const topDirs = new Set(
    options.files.map((file) =>
      file
        .split('/')
        .slice(0, file.includes('/') ? 1 : 0)
        .join('/'),
    ),
  );
  add(
    'areas touched',
    Math.min(10, Math.max(0, topDirs.size - 1) * 5),
    `${topDirs.size} top-level area(s); 5 points for each beyond the first (at most 10).`,
  );

  for (const [pattern, label, points] of sensitive) {
    const hits = options.files.filter((file) => pattern.test(file));
    if (hits.length > 0) add('sensitive area', points, `Touches ${label}: ${hits.slice(0, 3).join(', ')}.`);
  }

  const blocks = options.findings.filter((finding) => finding.severity === 'block');
  const warns = options.findings.filter((finding) => finding.severity === 'warn');
  if (blocks.length > 0)
    add(
      'guardrails (block)',
      Math.min(60, 40 + (blocks.length - 1) * 10),
      `${blocks.length} blocking finding(s): ${[...new Set(blocks.map((finding) => finding.rule))].join(', ')}.`,
    );
  if (warns.length > 0)
    add(
      'guardrails (warn)',
      Math.min(20, warns.length * 7),
      `${warns.length} warning(s): ${[...new Set(warns.map((finding) => finding.rule))].join(', ')}; 7 points each (at most 20).`,
    );

  const confidence = Math.min(1, Math.max(0, options.diagnosisConfidence));
  add(
    'diagnosis confidence',
    (1 - confidence) * 15,
    `The diagnosis was ${Math.round(confidence * 100)}% confident; up to 15 points as confidence drops.`,
  );

  if (options.attempts > 1)
    add(
      'validation retries',
      Math.min(20, (options.attempts - 1) * 8),
      `${options.attempts - 1} failed attempt(s) before this one; 8 points each.`,
    );
  if (!options.validated) add('not validated', 30, "The change did not pass the repository's own checks.");

  const score = Math.max(
    0,
    Math.min(
      100,
      reasons.reduce((sum, reason) => sum + reason.points, 0),
    ),
  );
  return { score, reasons };
};
