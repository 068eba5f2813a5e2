import { Command, CommanderError } from 'commander';
import { isAppError } from '../errors/app-error.ts';
import { registerDiagnoseCommand } from './commands/diagnose.ts';
import { registerFixCommand } from './commands/fix.ts';
import { registerIngestCommand } from './commands/ingest.ts';
import { registerTestCommand } from './commands/test.ts';
import type { CliIo } from './commands/diagnose.ts';
import { readCliConfig } from './read-cli-config.ts';

/**
 * Runs the `suture` CLI and resolves to its exit code. Each subcommand registers itself from its own file under
 * commands/; this is the only place that sees the environment (validated once in readCliConfig).
 */
export const runCli = async (options: {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}): Promise<number> => {
  let exitCode = 0;
  const io: CliIo = {
    stdout: options.stdout ?? ((text) => process.stdout.write(text)),
    stderr: options.stderr ?? ((text) => process.stderr.write(text)),
    setExitCode: (code) => {
      exitCode = Math.max(exitCode, code);
    },
  };
  try {
    const config = readCliConfig({ env: options.env });
    const program = new Command()
      .name('suture')
      .description('Suture: self-healing CI')
      .exitOverride()
      .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    registerDiagnoseCommand({ program, config, io });
    registerFixCommand({ program, env: options.env, io });
    registerTestCommand({ program, env: options.env, io });
    registerIngestCommand({ program, env: options.env, io });
    await program.parseAsync(options.argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    io.stderr(
      `suture: ${isAppError(error) ? error.message : error instanceof Error ? error.message : String(error)}\n`,
    );
    return isAppError(error) && error.code === 'BAD_INPUT' ? 2 : 1;
  }
};
