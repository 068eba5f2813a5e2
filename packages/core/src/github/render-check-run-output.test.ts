import { describe, expect, it } from 'vitest';
import { formatDuration, renderCheckRunOutput } from './render-check-run-output.ts';

describe('renderCheckRunOutput', () => {
  it('shows each stage with its state and duration and marks the current one', () => {
    const output = renderCheckRunOutput({
      stages: [
        { name: 'diagnose', state: 'succeeded', durationMs: 1_200 },
        { name: 'patch', state: 'succeeded', durationMs: 65_000 },
        { name: 'validate', state: 'running', detail: '12/20 runs <done>' },
        { name: 'approve', state: 'pending' },
      ],
      dashboardUrl: 'https://suture.example/runs/1',
    });
    expect(output.title).toBe('validate (2/4)');
    expect(output.summary).toContain('| ✅ | diagnose | 1.2 s |  |');
    expect(output.summary).toContain('| ✅ | patch | 1 min 5 s |  |');
    expect(output.summary).toContain('| 🔄 | validate **← current** | – | 12/20 runs &lt;done&gt; |');
    expect(output.summary).toContain('| ⏳ | approve | – |  |');
    expect(output.summary).toContain('Total: 1 min 6 s');
    expect(output.summary).toContain('[Follow on the Suture dashboard](https://suture.example/runs/1)');
  });

  it('titles a failed run by the failing stage and stays under the output limit', () => {
    const stages = Array.from({ length: 2000 }, (_, index) => ({
      name: `stage ${index}`,
      state: 'failed' as const,
      detail: 'z'.repeat(200),
    }));
    const output = renderCheckRunOutput({ stages });
    expect(output.title).toBe('Failed at stage 0');
    expect(output.summary.length).toBeLessThanOrEqual(65_535);
    expect(output.summary).toMatch(/\d+ stages omitted/);
  });

  it('formats durations at each scale', () => {
    expect([formatDuration(250), formatDuration(9_500), formatDuration(3_725_000)]).toEqual([
      '250 ms',
      '9.5 s',
      '1 h 2 min',
    ]);
  });
});
