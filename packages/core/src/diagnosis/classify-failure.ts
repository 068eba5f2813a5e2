import type { CandidateRegion } from './candidate-region.ts';
import type { StepInfo } from './create-step-tracker.ts';
import type { FailureCategory } from './diagnosis-result.ts';

// Messages that settle the category whatever else the job printed: the runner killed, starved or refused it.
const decisiveRules: Record<string, FailureCategory> = {
  'gha.timeout': 'timeout',
  'travis.time_limit': 'timeout',
  'travis.no_output': 'timeout',
  'step.timeout': 'timeout',
  'oom.node_heap': 'out_of_memory',
  'oom.java': 'out_of_memory',
  'exit.137': 'out_of_memory',
  'perm.integration': 'permission_or_secret',
  'perm.input_required': 'permission_or_secret',
  'perm.dubious': 'permission_or_secret',
  'workflow.invalid': 'build_config',
  'workflow.action': 'build_config',
  'disk.full': 'network_or_infra',
  'runner.lost': 'network_or_infra',
  'runner.lost_comm': 'network_or_infra',
};

// Lines that say why the errors around them happened: a jar built for a newer JDK makes javac report "cannot access",
// a library CMake could not find makes "CMake Error". In the best evidence region they name the category.
const rootCauseRules: Record<string, FailureCategory> = {
  'java.class_version': 'dependency_install',
  'cmake.not_found': 'dependency_install',
  'py.version_conflict': 'dependency_install',
  // A Go package that does not build fails its tests too; the compile error is the one to fix first.
  'go.build_failed': 'compile_error',
  'go.typecheck_compile': 'compile_error',
};

// What a step's name or command says it does; a weak prior next to what its output says.
const stepHints: [RegExp, FailureCategory][] = [
  [/docker (?:build|buildx|compose build)|buildx bake|build-push-action|docker\/bake-action|\bkaniko\b/i, 'docker_build'],
  [/\b(?:prettier|black|gofmt|rustfmt|cargo fmt|fmt|format|spotless|ktfmt|clang-format|biome format|isort)\b/i, 'format_error'],
  [/\b(?:lint|eslint|clippy|ruff|flake8|pylint|rubocop|checkstyle|golangci|staticcheck|stylelint|ktlint|detekt|vet|markdownlint|awesome_bot|markdown-link-check|linkcheck|link-check|html-?proofer|shellcheck|hadolint|yamllint|codespell|misspell|proselint|textlint)\b/i, 'lint_error'],
  [/\b(?:typecheck|type-check|tsc|mypy|pyright|flow)\b/i, 'type_error'],
  [/\b(?:test|tests|jest|vitest|mocha|pytest|rspec|spec|junit|ctest|phpunit)\b/i, 'test_failure'],
  [/\b(?:install|npm ci|yarn install|pnpm install|pip install|bundle install|restore|dependencies|deps|setup-\w+)\b/i, 'dependency_install'],
  [/\b(?:build|compile|make|cmake|cargo build|mvn|gradle|msbuild|javac)\b/i, 'compile_error'],
];

export type Classification = { category: FailureCategory; confidence: number };

/** Names the failure category from the ranked evidence, the failing step and decisive runner messages. */
export const classifyFailure = (options: {
  evidence: readonly (CandidateRegion & { rank: number })[];
  regions: readonly CandidateRegion[];
  failingStep: StepInfo | null;
}): Classification => {
  const { evidence, regions, failingStep } = options;
  const inScope = regions.filter((region) => !failingStep || region.step === failingStep.index);
  for (const region of [...evidence, ...inScope]) {
    for (const line of region.lines) {
      const decided = line.score ? decisiveRules[line.score.ruleId] : undefined;
      if (decided) return { category: decided, confidence: 0.9 };
    }
  }
  if (failingStep?.exitCode === 137) return { category: 'out_of_memory', confidence: 0.7 };
  for (const line of evidence[0]?.lines ?? []) {
    const root = line.score ? rootCauseRules[line.score.ruleId] : undefined;
    if (root) return { category: root, confidence: 0.8 };
  }

  const votes = new Map<FailureCategory, number>();
  const add = (category: FailureCategory, weight: number): void => {
    votes.set(category, (votes.get(category) ?? 0) + weight);
  };
  const rankWeights = [1, 0.35, 0.2];
  for (const [index, region] of evidence.entries()) {
    const total = Object.values(region.votes).reduce((sum, value) => sum + (value ?? 0), 0);
    if (total === 0) continue;
    for (const [category, value] of Object.entries(region.votes) as [FailureCategory, number][]) {
      // Each region casts at most ~10 points, split by what its lines say; the best region counts most.
      add(category, ((rankWeights[index] ?? 0.1) * 10 * value) / Math.max(total, 10));
    }
  }
  const stepText = `${failingStep?.name ?? ''} ${failingStep?.command ?? ''}`;
  for (const [pattern, category] of stepHints) {
    if (pattern.test(stepText)) {
      // A Docker step is a strong prior, except over a network failure inside it: re-running is the fix, not the Dockerfile.
      add(category, category === 'docker_build' && !votes.has('network_or_infra') ? 6 : 2);
      break;
    }
  }
  // A snapshot mismatch is a test failure too; when the evidence shows one, it is the more useful name.
  const tests = votes.get('test_failure') ?? 0;
  const snapshots = votes.get('snapshot_mismatch') ?? 0;
  if (snapshots > 0 && snapshots >= 0.3 * tests) votes.set('snapshot_mismatch', Math.max(snapshots, tests + 0.1));
  // A test that failed because the network did is an infrastructure failure (and a flaky one), not a bug.
  // So is a Docker build whose RUN step could not download something.
  const network = votes.get('network_or_infra') ?? 0;
  for (const wrapper of ['test_failure', 'docker_build'] as const) {
    const wrapped = votes.get(wrapper) ?? 0;
    if (network > 0 && network >= 0.5 * wrapped) votes.set('network_or_infra', Math.max(votes.get('network_or_infra') ?? 0, wrapped + 0.1));
  }
  const ordered = [...votes.entries()].sort((a, b) => b[1] - a[1]);
  const [winner, runnerUp] = ordered;
  if (!winner) return { category: 'unknown', confidence: evidence.length > 0 ? 0.2 : 0.05 };
  const margin = winner[1] / (winner[1] + (runnerUp?.[1] ?? 0));
  const strength = Math.min(1, (evidence[0]?.rank ?? 0) / 16);
  const confidence = Math.round(Math.min(0.95, 0.25 + 0.45 * margin * strength + 0.2 * Math.min(1, winner[1] / 8)) * 100) / 100;
  return { category: winner[0], confidence };
};
