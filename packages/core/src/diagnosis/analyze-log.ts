import type { Redaction } from '../redaction/create-redactor.ts';
import { createLogAnalyzer } from './create-log-analyzer.ts';
import type { LogAnalysis } from './create-log-analyzer.ts';

export type AnalyzedLog = { analysis: LogAnalysis; redactions: Redaction[]; redactionCount: number };

const CHUNK_CHARS = 1 << 20;

/** Redacts then analyzes an in-memory log, in chunks of whole lines so working buffers stay small. */
export const analyzeLog = (options: { text: string }): AnalyzedLog => {
  const { text } = options;
  const analyzer = createLogAnalyzer();
  let start = 0;
  for (;;) {
    if (text.length - start <= CHUNK_CHARS) {
      analyzer.pushLines(text.slice(start));
      break;
    }
    let cut = text.lastIndexOf('\n', start + CHUNK_CHARS);
    if (cut < start) cut = text.indexOf('\n', start + CHUNK_CHARS);
    if (cut === -1) {
      analyzer.pushLines(text.slice(start));
      break;
    }
    analyzer.pushLines(text.slice(start, cut));
    start = cut + 1;
  }
  return { analysis: analyzer.finish(), redactions: analyzer.redactor.redactions(), redactionCount: analyzer.redactor.count() };
};
