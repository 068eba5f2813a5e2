import { describe, expect, it } from 'vitest';
import { failingStepCommand } from './failing-step-command.ts';

describe('failingStepCommand', () => {
  it('is the step command alone when the step sets no env', () => {
    expect(failingStepCommand({ step: { run: 'npm run lint' } })).toBe('npm run lint');
  });

  it("puts the step's env in front, quoted for the shell", () => {
    expect(
      failingStepCommand({
        step: { run: 'cargo build --all-targets --locked' },
        env: { RUSTFLAGS: '-D warnings', CI: 'true', NOTE: "it's" },
      }),
    ).toBe(`RUSTFLAGS='-D warnings' CI=true NOTE='it'\\''s' cargo build --all-targets --locked`);
  });
});
