import type { Command } from 'commander';
import { Option } from 'commander';
import { diagnoseLogStream } from '../../diagnosis/diagnose-log-stream.ts';
import { isAppError } from '../../errors/app-error.ts';
import type { CliConfig } from '../read-cli-config.ts';
import { formatDiagnosis } from '../format-diagnosis.ts';
import { openLogInput } from '../open-log-input.ts';

export type CliIo = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  setExitCode: (code: number) => void;
};

/** `suture diagnose <log-file>...`: one diagnosis per file; unreadable files are reported and skipped (exit 2). */
export const registerDiagnoseCommand = (options: {
  program: Command;
  config: CliConfig;
  io: CliIo;
}): void => {
  const { program, config, io } = options;
  program
    .command('diagnose')
    .description('diagnose failed CI logs (plain or .gz): root cause, category, evidence lines')
    .argument('<log-file...>', 'log files to diagnose')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'jsonl']).default('text'),
    )
    .option('--offline', 'never call Claude, even when ANTHROPIC_API_KEY is set')
    .action(async (files: string[], flags: { format: 'text' | 'json' | 'jsonl'; offline?: boolean }) => {
      const results: Record<string, unknown>[] = [];
      let failed = false;
      for (const file of files) {
        try {
          const input = await openLogInput({ path: file });
          const result = await diagnoseLogStream({ input, claude: flags.offline ? null : config.claude });
          const record = { file, ...result };
          if (flags.format === 'jsonl') io.stdout(`${JSON.stringify(record)}\n`);
          else if (flags.format === 'text') io.stdout(`${formatDiagnosis({ file, result })}\n\n`);
          else results.push(record);
        } catch (error) {
          failed = true;
          const message = isAppError(error)
            ? error.message
            : `cannot diagnose ${file}: ${error instanceof Error ? error.message : String(error)}`;
          io.stderr(`suture diagnose: ${message}\n`);
        }
      }
      if (flags.format === 'json') io.stdout(`${JSON.stringify(results, null, 2)}\n`);
      io.setExitCode(failed ? 2 : 0);
    });
};
