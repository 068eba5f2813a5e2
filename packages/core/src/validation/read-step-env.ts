import type { DiagnosisResult } from '../diagnosis/diagnosis-result.ts';

const timestamp = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z\s?/;

/**
 * The `env:` block GitHub Actions prints in a step's header group (e.g. RUSTFLAGS: -D warnings), so
 * validation runs the failing command with the same settings CI used.
 */
export const readStepEnv = (options: { log: string; diagnosis: DiagnosisResult }): Record<string, string> => {
  const step = options.diagnosis.failingStep;
  if (!step?.startLine) return {};
  const lines = options.log.split('\n').map((line) => line.replace(timestamp, ''));
  const env: Record<string, string> = {};
  let inEnv = false;
  for (const line of lines.slice(step.startLine - 1, step.startLine + 40)) {
    if (line.startsWith('##[endgroup]')) break;
    if (/^env:\s*$/.test(line)) {
      inEnv = true;
      continue;
    }
    const pair = /^ {2}([A-Za-z_][A-Za-z0-9_]*): ?(.*)$/.exec(line);
    if (inEnv && pair?.[1] !== undefined) {
      // Secrets are masked as *** in logs; passing the mask on would only confuse the tool.
      if (pair[2] !== '***') env[pair[1]] = pair[2] ?? '';
    } else if (inEnv) inEnv = false;
  }
  return env;
};
