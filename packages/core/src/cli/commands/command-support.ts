// What every subcommand shares: how it is registered and how a failure becomes a message and an exit code.
import type { Command } from 'commander';
import { isAppError } from '../../errors/app-error.ts';
import type { CliIo } from './diagnose.ts';

export type CommandRegistration = { program: Command; env: Record<string, string | undefined>; io: CliIo };

/** Bad input (and oversize input) exits 2; anything else 1. Always one line on stderr. */
export const reportCommandError = ({
  command,
  error,
  io,
}: {
  command: string;
  error: unknown;
  io: Pick<CliIo, 'stderr'>;
}): number => {
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`suture ${command}: ${message}\n`);
  return isAppError(error) && (error.code === 'BAD_INPUT' || error.code === 'TOO_LARGE') ? 2 : 1;
};
