import { stripVTControlCharacters } from 'node:util';
import type { LineMarker, LogFormat, NormalizedLine } from './normalized-line.ts';

export type LineNormalizer = {
  normalize: (raw: string, line: number) => NormalizedLine;
  format: () => LogFormat;
};

const githubTimestamp = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/;
// `gh run view --log` prefixes "<job>\t<step>\t<timestamp> ".
const ghCliPrefix = /^([^\t]*)\t([^\t]*)\t(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?)/;
const travisFold = /travis_fold:(start|end):(\S+)/;
const travisTime = /travis_time:(?:start|end):/;
const gitlabSection = /section_(start|end):\d+:([\w.-]+)/;

const stripAnsi = (text: string): string => (text.includes('\x1b') ? stripVTControlCharacters(text) : text);

/**
 * Stateful per-line normalizer. One instance per log: it learns the log's format from the markers it sees and
 * tracks whether it is inside a GitHub Actions step header.
 */
export const createLineNormalizer = (): LineNormalizer => {
  let format: LogFormat = 'plain';
  let inHeader = false;
  let ghCliStep: string | null = null;

  const handleSegment = (segment: string, markers: LineMarker[]): string => {
    if (segment.includes('travis_')) {
      const fold = travisFold.exec(segment);
      if (fold) {
        format = 'travis';
        markers.push({ type: fold[1] === 'start' ? 'fold_start' : 'fold_end', name: fold[2] ?? '' });
        return segment.slice(fold.index + fold[0].length).trim();
      }
      if (travisTime.test(segment)) {
        format = 'travis';
        return '';
      }
    }
    if (segment.includes('section_')) {
      const section = gitlabSection.exec(segment);
      if (section) {
        format = 'gitlab';
        markers.push({ type: section[1] === 'start' ? 'fold_start' : 'fold_end', name: section[2] ?? '' });
        return segment.slice(section.index + section[0].length).trim();
      }
    }
    return segment;
  };

  const normalize = (raw: string, line: number): NormalizedLine => {
    let text = raw;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    const markers: LineMarker[] = [];
    let annotation: NormalizedLine['annotation'] = null;

    // Timestamp prefixes are checked by fixed character positions first: most lines of plain logs skip the regex.
    if (text.charCodeAt(4) === 45 && text.charCodeAt(10) === 84) {
      const ts = githubTimestamp.exec(text);
      if (ts) {
        text = text.slice(ts[0].length);
        if (format === 'plain') format = 'github_actions';
      }
    } else if (text.includes('\t') && text.includes('Z')) {
      const cli = ghCliPrefix.exec(text);
      if (cli) {
        text = text.slice(cli[0].length);
        format = 'github_actions';
        const step = cli[2] ?? '';
        if (step !== ghCliStep) {
          ghCliStep = step;
          markers.push({ type: 'step_start', name: step });
        }
      }
    }

    if (text.includes('\r')) {
      if (text.includes('travis_') || text.includes('section_')) {
        // Carriage returns overwrite the terminal line: keep the last visible segment, but read CI markers in all.
        let visible = '';
        for (const part of text.split('\r')) {
          const segment = handleSegment(stripAnsi(part), markers);
          if (segment.trim() !== '') visible = segment;
        }
        text = visible;
      } else {
        // No markers: walk back from the end to the last segment that shows anything (progress bars redraw often).
        let end = text.length;
        let visible = '';
        while (end > 0) {
          const start = text.lastIndexOf('\r', end - 1) + 1;
          const segment = stripAnsi(text.slice(start, end));
          if (segment.trim() !== '') {
            visible = segment;
            break;
          }
          end = start - 1;
        }
        text = visible;
      }
    } else {
      text = handleSegment(stripAnsi(text), markers);
    }

    if (text.charCodeAt(0) === 35 && text.startsWith('##[')) {
      if (text.startsWith('##[group]')) {
        const title = text.slice(9);
        if (title.startsWith('Run ')) {
          markers.push({ type: 'step_start', name: title, command: title.slice(4) });
          inHeader = true;
        } else {
          markers.push({ type: 'fold_start', name: title });
        }
        text = title;
      } else if (text.startsWith('##[endgroup]')) {
        if (inHeader) markers.push({ type: 'step_header_end' });
        else markers.push({ type: 'fold_end', name: '' });
        inHeader = false;
        text = '';
      } else if (text.startsWith('##[error]')) {
        annotation = 'error';
        text = text.slice(9);
      } else if (text.startsWith('##[warning]')) {
        annotation = 'warning';
        text = text.slice(11);
      } else {
        const close = text.indexOf(']');
        if (close > 0) text = text.slice(close + 1);
      }
    } else if (format === 'github_actions' && text.startsWith('Post job cleanup.')) {
      markers.push({ type: 'step_start', name: 'Post job cleanup' });
    } else if ((format === 'travis' || format === 'gitlab') && text.startsWith('$ ')) {
      markers.push({ type: 'step_start', name: text, command: text.slice(2) });
    }

    // Step titles and echoed commands name the command, they are not its output: never score them.
    const header = inHeader || markers.some((marker) => marker.type === 'step_start');
    return { line, text, annotation, markers, header };
  };

  return { normalize, format: () => format };
};
