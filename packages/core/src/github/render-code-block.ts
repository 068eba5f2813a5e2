// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL = /\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f]/g;

/**
 * A fenced code block around untrusted text. Inside a fence Markdown and HTML are inert, so nothing is
 * escaped; instead the fence is made longer than any backtick run in the text, so the text cannot close it.
 */
export const renderCodeBlock = (options: {
  lines: readonly string[];
  language?: string;
  maxLineLength?: number;
}): string => {
  const max = options.maxLineLength ?? 1000;
  const lines = options.lines.map((line) => {
    const clean = line.replace(/\r$/, '').replace(CONTROL, '');
    return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
  });
  const longestRun = Math.max(
    0,
    ...lines.map((line) => Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))),
  );
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const language = (options.language ?? '').replace(/[^A-Za-z0-9_+-]/g, '');
  return `${fence}${language}\n${lines.join('\n')}\n${fence}`;
};
