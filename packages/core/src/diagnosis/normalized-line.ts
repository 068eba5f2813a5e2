// Shapes shared by normalization, step tracking and the analyzer.

export type LogFormat = 'github_actions' | 'travis' | 'gitlab' | 'plain';

export type LineMarker =
  | { type: 'step_start'; name: string; command?: string }
  | { type: 'step_header_end' }
  | { type: 'fold_start'; name: string }
  | { type: 'fold_end'; name: string };

export type NormalizedLine = {
  /** 1-based line number in the original file split on "\n". */
  line: number;
  /** What a human would read: no timestamp prefix, ANSI codes, CI markers or overwritten progress. */
  text: string;
  /** CI-system annotation carried by the line (`##[error]`, `##[warning]`). */
  annotation: 'error' | 'warning' | null;
  markers: LineMarker[];
  /** Inside a GitHub Actions step header (`##[group]Run ...` up to `##[endgroup]`): echoed script, not output. */
  header: boolean;
};
