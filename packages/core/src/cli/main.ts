// Process entry of the `suture` CLI (started by bin/suture.mjs): wires the real argv, environment and exit code.
import { runCli } from './run-cli.ts';

process.exitCode = await runCli({ argv: process.argv.slice(2), env: process.env });
