// Display formatting shared by server and client components; pure and unit-tested.

/** "850 ms", "12.4 s", "3 min 05 s", "2 h 10 min"; an em dash for no value. */
export const formatDuration = (ms: number | null | undefined): string => {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
};

/** "just now", "5 min ago", "3 h ago", "4 d ago". */
export const formatAge = (iso: string, now = Date.now()): string => {
  const ms = Math.max(0, now - Date.parse(iso));
  if (ms < 60_000) return 'just now';
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ago`;
  if (ms < 172_800_000) return `${Math.floor(ms / 3_600_000)} h ago`;
  return `${Math.floor(ms / 86_400_000)} d ago`;
};

export const formatPercent = (ratio: number | null | undefined, digits = 0): string =>
  ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(digits)}%`;

export const shortSha = (sha: string) => sha.slice(0, 7);

/** snake_case enum values as words: "waiting_approval" -> "waiting approval". */
export const humanize = (value: string | null | undefined) => (value ? value.replace(/_/g, ' ') : '—');
