import type { DiagnosisResult } from '../diagnosis/diagnosis-result.ts';

/** Human-readable rendering of one diagnosis for the terminal. */
export const formatDiagnosis = (options: { file: string; result: DiagnosisResult }): string => {
  const { file, result } = options;
  const lines = [
    `== ${file}`,
    `category:     ${result.category} (confidence ${result.confidence.toFixed(2)}, engine ${result.engine}${result.model ? ` ${result.model}` : ''})`,
    `summary:      ${result.summary}`,
  ];
  if (result.failingStep) {
    const step = result.failingStep;
    const span = step.startLine ? `, lines ${step.startLine}-${step.endLine ?? step.startLine}` : '';
    lines.push(`failing step: ${step.name} (exit code ${step.exitCode ?? 'unknown'}${span})`);
  }
  lines.push(
    `evidence:     ${result.evidence.map((range) => (range.start === range.end ? `L${range.start}` : `L${range.start}-L${range.end}`)).join(', ')}`,
  );
  lines.push('root cause:', ...result.rootCause.split('\n').map((line) => `  ${line}`));
  if (result.files.length > 0)
    lines.push(
      `files:        ${result.files
        .slice(0, 8)
        .map((file) => [file.path, file.line, file.column].filter((part) => part !== undefined).join(':'))
        .join(', ')}`,
    );
  if (result.failingTests.length > 0)
    lines.push(
      `failing tests: ${result.failingTests
        .slice(0, 8)
        .map((test) => test.name)
        .join('; ')}`,
    );
  if (result.errorCodes.length > 0) lines.push(`error codes:  ${result.errorCodes.join(', ')}`);
  if (result.flakySuspect.suspected) lines.push(`flaky?        yes: ${result.flakySuspect.reason ?? ''}`);
  if (result.fallbackReason) lines.push(`note:         ${result.fallbackReason}`);
  return lines.join('\n');
};
