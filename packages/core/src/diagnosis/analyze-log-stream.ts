import { StringDecoder } from 'node:string_decoder';
import { createLogAnalyzer } from './create-log-analyzer.ts';
import type { AnalyzedLog } from './analyze-log.ts';

// A single "line" longer than this (a minified bundle, a binary dump) is cut: memory stays bounded.
const MAX_LINE_CHARS = 1 << 20;

/**
 * Streams a log through redaction and analysis. Only the analyzer's bounded state (candidate regions, recent
 * lines, step list) and one chunk of text are held, so memory does not grow with the size of the log.
 */
export const analyzeLogStream = async (options: { input: AsyncIterable<Buffer | string> }): Promise<AnalyzedLog & { bytes: number }> => {
  const analyzer = createLogAnalyzer();
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let bytes = 0;
  // Set while skipping the rest of an over-long line whose head was already analyzed.
  let skipping = false;
  for await (const chunk of options.input) {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    let text = carry + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (skipping) {
      const newline = text.indexOf('\n');
      if (newline === -1) {
        carry = '';
        continue;
      }
      skipping = false;
      text = text.slice(newline + 1);
    }
    const cut = text.lastIndexOf('\n');
    if (cut === -1) {
      carry = text;
      if (carry.length > MAX_LINE_CHARS) {
        analyzer.pushLines(carry.slice(0, MAX_LINE_CHARS));
        carry = '';
        skipping = true;
      }
      continue;
    }
    analyzer.pushLines(text.slice(0, cut));
    carry = text.slice(cut + 1);
  }
  const rest = carry + decoder.end();
  if (!skipping) analyzer.pushLines(rest);
  return { analysis: analyzer.finish(), redactions: analyzer.redactor.redactions(), redactionCount: analyzer.redactor.count(), bytes };
};
