// Category accuracy of the offline diagnosis on hand-labelled dev logs, with cross-validation grouped by repository.
// Labels: category-labels.jsonl next to this file (rules in docs/diagnosis/taxonomy.md).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { diagnoseLog } from '../../src/diagnosis/diagnose-log.ts';
import { FailureCategory } from '../../src/diagnosis/diagnosis-result.ts';

export type CategoryLabel = {
  corpus: 'logchunks' | 'cidiff' | 'logdx';
  id: string;
  repository: string;
  category: FailureCategory;
  /** `heldout`: repositories whose logs were never looked at while the rules were edited. */
  batch: 'fit' | 'heldout';
  /** `before_rule_changes` or `after_rule_changes`: whether the rules had been edited when this label was written. */
  labelled: string;
  note: string;
};

/** Builds a classifier from training logs. The shipped classifier is hand-written rules, so it ignores them. */
export type ClassifierFactory = (training: readonly { text: string; label: CategoryLabel }[]) => (text: string) => FailureCategory;

export const ruleClassifier: ClassifierFactory = () => (text) => diagnoseLog({ text }).category;

export type CategoryOutcome = { label: CategoryLabel; predicted: FailureCategory };

export type CategoryReport = {
  outcomes: CategoryOutcome[];
  folds: number;
  accuracy: (filter?: (outcome: CategoryOutcome) => boolean) => { correct: number; total: number; rate: number };
};

const defaultLabels = join(dirname(fileURLToPath(import.meta.url)), 'category-labels.jsonl');

export const readCategoryLabels = (file: string = defaultLabels): CategoryLabel[] =>
  readFileSync(file, 'utf8').split('\n').filter(Boolean).map((row, index) => {
    const label = JSON.parse(row) as CategoryLabel;
    if (!FailureCategory.safeParse(label.category).success) throw new Error(`${file}:${index + 1}: unknown category ${label.category}`);
    return label;
  });

const readLog = (file: string): string => {
  const raw = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
};

const logPath = (corporaDir: string, label: CategoryLabel, logdxIndex: Map<string, string>): string => {
  if (label.corpus === 'logchunks') return join(corporaDir, 'logchunks', label.id);
  if (label.corpus === 'cidiff') return join(corporaDir, 'cidiff-breakages', label.id, 'fail.log.gz');
  const log = logdxIndex.get(label.id);
  if (!log) throw new Error(`logdx case ${label.id} is not in logdx-ci-dev/labels.jsonl`);
  return join(corporaDir, 'logdx-ci-dev', log);
};

const readLogdxIndex = (corporaDir: string): Map<string, string> => {
  const index = new Map<string, string>();
  try {
    for (const row of readFileSync(join(corporaDir, 'logdx-ci-dev', 'labels.jsonl'), 'utf8').split('\n').filter(Boolean)) {
      const record = JSON.parse(row) as { case_id: string; log: string };
      index.set(record.case_id, record.log);
    }
  } catch {
    // Without the LogDx corpus its labels are skipped below, like any other missing log.
  }
  return index;
};

/**
 * Classifies every labelled log with a classifier built from the logs of the OTHER repositories only
 * (leave-one-repository-out), so that anything fitted never sees the repository it is scored on.
 */
export const measureCategoryAccuracy = (options: {
  corporaDir: string;
  labels?: readonly CategoryLabel[];
  factory?: ClassifierFactory;
}): CategoryReport => {
  const { corporaDir, factory = ruleClassifier } = options;
  const logdxIndex = readLogdxIndex(corporaDir);
  const cases = (options.labels ?? readCategoryLabels()).flatMap((label) => {
    try {
      return [{ label, text: readLog(logPath(corporaDir, label, logdxIndex)) }];
    } catch {
      return [];
    }
  });
  const repositories = [...new Set(cases.map((item) => item.label.repository))];
  const outcomes: CategoryOutcome[] = [];
  for (const repository of repositories) {
    const classify = factory(cases.filter((item) => item.label.repository !== repository));
    for (const item of cases.filter((entry) => entry.label.repository === repository)) {
      outcomes.push({ label: item.label, predicted: classify(item.text) });
    }
  }
  const accuracy: CategoryReport['accuracy'] = (filter = () => true) => {
    const chosen = outcomes.filter(filter);
    const correct = chosen.filter((outcome) => outcome.predicted === outcome.label.category).length;
    return { correct, total: chosen.length, rate: chosen.length === 0 ? 0 : correct / chosen.length };
  };
  return { outcomes, folds: repositories.length, accuracy };
};

/** Text report: accuracy overall, per corpus and per batch, and the most frequent confusions. */
export const formatCategoryReport = (report: CategoryReport, options: { misses?: boolean; showHeldoutMisses?: boolean } = {}): string => {
  const lines: string[] = [];
  const line = (name: string, filter?: (outcome: CategoryOutcome) => boolean): void => {
    const { correct, total, rate } = report.accuracy(filter);
    lines.push(`  ${name.padEnd(34)} ${total === 0 ? 'n/a' : rate.toFixed(3)} (${correct}/${total})`);
  };
  lines.push(`\ncategories: ${report.outcomes.length} hand-labelled logs, ${report.folds} repository folds (leave-one-repository-out)`);
  line('all');
  for (const corpus of ['logchunks', 'cidiff', 'logdx']) line(`corpus ${corpus}`, (o) => o.label.corpus === corpus);
  line('batch fit (seen while editing rules)', (o) => o.label.batch === 'fit');
  line('batch heldout (never looked at)', (o) => o.label.batch === 'heldout');
  for (const when of new Set(report.outcomes.map((o) => o.label.labelled))) line(`labelled ${when}`, (o) => o.label.labelled === when);
  const confusions = new Map<string, number>();
  for (const o of report.outcomes) {
    if (o.predicted !== o.label.category) confusions.set(`${o.label.category} -> ${o.predicted}`, (confusions.get(`${o.label.category} -> ${o.predicted}`) ?? 0) + 1);
  }
  lines.push('  confusions (label -> predicted):');
  for (const [pair, count] of [...confusions.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12)) lines.push(`    ${String(count).padStart(3)}  ${pair}`);
  const perLabel = new Map<string, { total: number; correct: number }>();
  for (const o of report.outcomes) {
    const entry = perLabel.get(o.label.category) ?? { total: 0, correct: 0 };
    entry.total += 1;
    if (o.predicted === o.label.category) entry.correct += 1;
    perLabel.set(o.label.category, entry);
  }
  lines.push(`  recall by label: ${[...perLabel.entries()].sort((a, b) => b[1].total - a[1].total).map(([name, e]) => `${name} ${e.correct}/${e.total}`).join(', ')}`);
  if (options.misses) {
    for (const o of report.outcomes) {
      if (o.predicted === o.label.category || (o.label.batch === 'heldout' && !options.showHeldoutMisses)) continue;
      lines.push(`  MISS ${o.label.corpus} ${o.label.id} label=${o.label.category} got=${o.predicted} (${o.label.note})`);
    }
  }
  return lines.join('\n');
};
