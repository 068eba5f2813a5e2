import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { registerTestCommand, runTestCommand } from '../cli/commands/test.ts';

const fixture = fileURLToPath(
  new URL('../../test/fixtures/execution/deterministic-failure', import.meta.url),
);
const env = { PATH: '/usr/local/bin:/usr/bin:/bin', DOCKER_HOST: 'tcp://127.0.0.1:1' };

const run = async (repoDir: string, flags: Record<string, unknown>) => {
  let stdout = '';
  let stderr = '';
  const code = await runTestCommand({
    repoDir,
    flags,
    env,
    io: { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
  });
  return { code, stdout, stderr };
};

describe('suture test', () => {
  it('prints one JSON object on the last stdout line and exits 0 even though tests fail', async () => {
    const { code, stdout } = await run(fixture, { runs: '2', backend: 'local', format: 'json' });
    expect(code).toBe(0);
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as {
      command: string;
      tests: {
        name: string;
        file: string;
        verdict: string;
        runs: number;
        failures: number;
        failureRate: number;
        interval: [number, number];
      }[];
      runs: { index: number; exitCode: number }[];
    };
    expect(report.command).toBe('npm test');
    expect(report.tests).toContainEqual(
      expect.objectContaining({
        name: 'add > handles negative numbers',
        file: 'test/add.test.js',
        verdict: 'fail',
        runs: 2,
        failures: 2,
        failureRate: 1,
        interval: [expect.any(Number), 1],
      }),
    );
    expect(report.runs.length).toBeGreaterThanOrEqual(2);
  });

  it('renders text with verdicts and Wilson wording, honouring --cmd', async () => {
    const { code, stdout } = await run(fixture, {
      runs: '1',
      backend: 'local',
      format: 'text',
      cmd: 'node --test',
    });
    expect(code).toBe(0);
    expect(stdout).toContain('command: node --test (cli');
    expect(stdout).toContain('FAIL     add > handles negative numbers');
    expect(stdout).toContain('1/1 failures: failure rate above 20% at 95% (Wilson)');
  });

  it('exits 2 with a clear message on bad input', async () => {
    const missing = await run('/nonexistent/repo', { runs: '3', backend: 'local', format: 'text' });
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain('not a directory: /nonexistent/repo');
    expect((await run(fixture, { runs: '0', backend: 'local', format: 'text' })).stderr).toContain('--runs');
    expect((await run(fixture, { runs: '3', backend: 'podman', format: 'text' })).code).toBe(2);
    expect((await run(fixture, { runs: '3', backend: 'docker', format: 'text' })).stderr).toContain(
      'needs a Docker socket',
    );
    expect((await run(fixture, { runs: '3', backend: 'freestyle', format: 'json' })).stderr).toContain(
      'FREESTYLE_API_KEY',
    );
  });

  it('registers the subcommand with exactly the documented flags', () => {
    const program = new Command('suture');
    registerTestCommand({
      program,
      env,
      io: { stdout: () => undefined, stderr: () => undefined, setExitCode: () => undefined },
    });
    const command = program.commands.find((candidate) => candidate.name() === 'test');
    expect(command?.registeredArguments.map((argument) => argument.name())).toEqual(['repo-dir']);
    expect(command?.options.map((option) => option.long)).toEqual([
      '--runs',
      '--cmd',
      '--backend',
      '--format',
    ]);
  });
});
