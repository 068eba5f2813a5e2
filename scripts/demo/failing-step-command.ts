// The shell command a repair case's CI step ran, with the step's literal env in front, so a run reported
// with it reproduces exactly what CI did (e.g. RUSTFLAGS='-D warnings' cargo build ...). The intake takes one
// command string; the workflow's env would otherwise be lost.
export type FailingStep = { step: { run: string }; env?: Record<string, string> | undefined };

const quote = (value: string) =>
  /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;

export const failingStepCommand = ({ step, env }: FailingStep): string =>
  [...Object.entries(env ?? {}).map(([key, value]) => `${key}=${quote(value)}`), step.run].join(' ');
