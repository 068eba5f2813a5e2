import { describe, expect, it } from 'vitest';
import { buildRunnerInvocation } from './build-runner-invocation.ts';
import { detectTestRunner } from './detect-test-runner.ts';

describe('detectTestRunner', () => {
  it('sees through npm scripts and refuses to append to compound commands', () => {
    expect(detectTestRunner({ command: 'npm test', scripts: { test: 'node --test' } })).toEqual({ runner: 'node-test', argStyle: 'after-dashdash' });
    expect(detectTestRunner({ command: 'npm run test:unit', scripts: { 'test:unit': 'vitest run' } })).toEqual({ runner: 'vitest', argStyle: 'after-dashdash' });
    expect(detectTestRunner({ command: 'npm test', scripts: { test: 'tsc && jest' } })).toEqual({ runner: 'jest', argStyle: 'none' });
    expect(detectTestRunner({ command: 'python -m pytest -q' })).toEqual({ runner: 'pytest', argStyle: 'direct' });
    expect(detectTestRunner({ command: 'go test ./...' }).runner).toBe('go');
    expect(detectTestRunner({ command: 'cargo test --workspace' }).runner).toBe('cargo');
    expect(detectTestRunner({ command: './mvnw -B verify' }).runner).toBe('maven');
    expect(detectTestRunner({ command: 'make check' })).toEqual({ runner: 'unknown', argStyle: 'none' });
  });
});

describe('buildRunnerInvocation', () => {
  it('asks node for TAP on stdout, a per-test timeout, and filters by test title', () => {
    const detection = detectTestRunner({ command: 'npm test', scripts: { test: 'node --test' } });
    const invocation = buildRunnerInvocation({ command: 'npm test', detection, only: ['cache > starts empty'], testTimeoutMs: 2000 });
    expect(invocation.command).toBe(
      "mkdir -p /workspace/.suture-results && npm test -- --test-reporter=tap --test-reporter-destination=stdout --test-timeout=2000 '--test-name-pattern=^starts empty$'",
    );
    expect(invocation).toMatchObject({ filtered: true, shuffled: false, collectPaths: [] });
    expect(buildRunnerInvocation({ command: 'npm test', detection, shuffle: true }).shuffled).toBe(false);
  });

  it('asks other runners for their structured reports, filters and shuffles', () => {
    const pytest = buildRunnerInvocation({ command: 'pytest', detection: { runner: 'pytest', argStyle: 'direct' }, only: ['tests.test_a > test_b[1]'] });
    expect(pytest.command).toContain("--junitxml=/workspace/.suture-results/junit.xml -o junit_family=xunit1 -rA -k test_b");
    expect(pytest.collectPaths).toEqual(['.suture-results']);
    const jest = buildRunnerInvocation({ command: 'jest', detection: { runner: 'jest', argStyle: 'direct' }, shuffle: true });
    expect(jest.command).toContain('--json --outputFile=/workspace/.suture-results/jest.json --randomize');
    const go = buildRunnerInvocation({ command: 'go test ./...', detection: { runner: 'go', argStyle: 'direct' }, only: ['TestDiv > by_zero'], shuffle: true });
    expect(go.command).toContain("go test -v ./... -run '^(TestDiv)$' -shuffle=on");
    const maven = buildRunnerInvocation({ command: 'mvn test', detection: { runner: 'maven', argStyle: 'direct' }, only: ['com.acme.CartTest > totals'] });
    expect(maven.command).toContain('-Dtest=CartTest#totals');
    expect(maven.collectPaths).toEqual(['target/surefire-reports']);
  });

  it('leaves commands it cannot safely extend untouched', () => {
    const invocation = buildRunnerInvocation({ command: 'make check', detection: { runner: 'unknown', argStyle: 'none' }, only: ['x'] });
    expect(invocation).toEqual({ command: 'make check', collectPaths: [], filtered: false, shuffled: false });
  });
});
