import {
  isCiConfigPath,
  isLockfilePath,
  isMigrationPath,
  isSecretPath,
  isSnapshotPath,
} from '../classify-path.ts';
import type { GuardrailFinding, GuardrailRule } from '../guardrail-finding.ts';

const secretValue =
  /AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}|github_pat_\w{20,}|sk-(?:ant-)?[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|-----BEGIN [A-Z ]*PRIVATE KEY-----|AIza[0-9A-Za-z_-]{35}/;
const snapshotUpdate =
  /(?:^|\s)(?:-u|--update-snapshots?|--updateSnapshot|--snapshot-update|--accept)\b|UPDATE_SNAPSHOTS?=|INSTA_UPDATE=|--update-goldens?/;

/**
 * Files a CI fix has no business touching: CI configuration, lockfiles, migrations, secrets, snapshots;
 * plus secret-looking values and snapshot-update flags in any file.
 */
export const detectProtectedPaths: GuardrailRule = (context) => {
  const findings: GuardrailFinding[] = [];
  const dependencyFix = context.category === 'dependency_install';
  for (const change of context.changes) {
    const { path } = change;
    const first = change.added[0]?.line ?? change.removed[0]?.line ?? null;
    if (isCiConfigPath(path))
      findings.push({
        rule: 'ci-config-edited',
        file: path,
        line: first,
        severity: 'block',
        explanation:
          'The patch edits CI configuration; changing how CI checks the code is not a fix for the code.',
      });
    if (isLockfilePath(path))
      findings.push({
        rule: 'lockfile-edited',
        file: path,
        line: first,
        severity: dependencyFix ? 'warn' : 'block',
        explanation: dependencyFix
          ? 'The patch edits a lockfile; expected for a dependency failure, but review the resolved versions.'
          : 'The patch edits a lockfile although the failure is not about dependencies.',
      });
    if (isMigrationPath(path))
      findings.push({
        rule: 'migration-edited',
        file: path,
        line: first,
        severity: 'block',
        explanation:
          'The patch edits a database migration; applied migrations must never be rewritten by a bot.',
      });
    if (isSecretPath(path))
      findings.push({
        rule: 'secret-touched',
        file: path,
        line: first,
        severity: 'block',
        explanation: 'The patch touches a file that holds secrets or credentials.',
      });
    if (isSnapshotPath(path))
      findings.push({
        rule: 'snapshot-rewritten',
        file: path,
        line: first,
        severity: 'block',
        explanation:
          'The patch rewrites a stored snapshot, which makes a snapshot test accept whatever the code now produces.',
      });
    for (const added of change.added) {
      if (secretValue.test(added.text))
        findings.push({
          rule: 'secret-touched',
          file: path,
          line: added.line,
          severity: 'block',
          explanation: 'The patch adds a value that looks like a credential.',
        });
      if (
        snapshotUpdate.test(added.text) &&
        (change.language === 'yaml' || change.language === 'shell' || path.endsWith('package.json'))
      ) {
        findings.push({
          rule: 'snapshot-rewritten',
          file: path,
          line: added.line,
          severity: 'block',
          explanation: 'The patch makes CI update snapshots instead of comparing against them.',
        });
      }
    }
  }
  return findings;
};
