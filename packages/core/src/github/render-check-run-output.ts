import { escapeMarkdown } from './escape-markdown.ts';

export type StageState = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';

export type CheckRunProgressInput = {
  title?: string;
  stages: readonly { name: string; state: StageState; durationMs?: number; detail?: string }[];
  /** Name of the stage in progress; defaults to the first running one. */
  currentStage?: string;
  dashboardUrl?: string;
};

// GitHub rejects check run output whose summary or text exceeds 65,535 characters.
const CHECK_OUTPUT_LIMIT = 65_535;
const icon: Record<StageState, string> = {
  pending: '⏳',
  running: '🔄',
  succeeded: '✅',
  failed: '❌',
  skipped: '⏭️',
};

export const formatDuration = (ms: number): string => {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1_000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60
    ? `${minutes} min ${Math.round(seconds % 60)} s`
    : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
};

/** The check run's output (title, summary) showing healing progress stage by stage. */
export const renderCheckRunOutput = (input: CheckRunProgressInput): { title: string; summary: string } => {
  const current = input.currentStage ?? input.stages.find((stage) => stage.state === 'running')?.name;
  const done = input.stages.filter(
    (stage) => stage.state === 'succeeded' || stage.state === 'skipped',
  ).length;
  const failed = input.stages.find((stage) => stage.state === 'failed');
  const title = (
    input.title ??
    (failed
      ? `Failed at ${failed.name}`
      : current
        ? `${current} (${done}/${input.stages.length})`
        : `${done}/${input.stages.length} stages done`)
  ).slice(0, 250);
  const totalMs = input.stages.reduce((sum, stage) => sum + (stage.durationMs ?? 0), 0);
  const rows = input.stages.map((stage) => {
    const marker = stage.name === current ? ' **← current**' : '';
    const duration = stage.durationMs === undefined ? '–' : formatDuration(stage.durationMs);
    const detail = stage.detail ? escapeMarkdown({ text: stage.detail, maxLength: 300 }) : '';
    return `| ${icon[stage.state]} | ${escapeMarkdown({ text: stage.name, maxLength: 100 })}${marker} | ${duration} | ${detail} |`;
  });
  const link =
    input.dashboardUrl && /^https?:\/\//i.test(input.dashboardUrl)
      ? `\n[Follow on the Suture dashboard](${encodeURI(decodeURI(input.dashboardUrl))})\n`
      : '';
  const head = `| | Stage | Duration | Detail |\n| --- | --- | ---: | --- |\n`;
  const foot = `\nTotal: ${formatDuration(totalMs)}\n${link}`;
  let summary = `${head}${rows.join('\n')}\n${foot}`;
  if (summary.length > CHECK_OUTPUT_LIMIT) {
    const room = CHECK_OUTPUT_LIMIT - head.length - foot.length - 100;
    const kept: string[] = [];
    let used = 0;
    for (const row of rows) {
      if (used + row.length + 1 > room) break;
      kept.push(row);
      used += row.length + 1;
    }
    summary = `${head}${kept.join('\n')}\n\n_${rows.length - kept.length} stages omitted (output limit)._\n${foot}`;
  }
  return { title, summary };
};
