'use client';

import hljs from 'highlight.js/lib/core';
import go from 'highlight.js/lib/languages/go';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import typescript from 'highlight.js/lib/languages/typescript';
import yaml from 'highlight.js/lib/languages/yaml';
import parseDiff from 'parse-diff';
import { useMemo } from 'react';

hljs.registerLanguage('typescript', typescript);
hljs.registerLanguage('javascript', javascript);
hljs.registerLanguage('rust', rust);
hljs.registerLanguage('go', go);
hljs.registerLanguage('python', python);
hljs.registerLanguage('json', json);
hljs.registerLanguage('yaml', yaml);

const languageByExtension: Record<string, string> = {
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  rs: 'rust',
  go: 'go',
  py: 'python',
  json: 'json',
  yml: 'yaml',
  yaml: 'yaml',
};

/** highlight.js escapes the source, so its HTML is safe to insert. Unknown languages stay plain text. */
const highlight = (code: string, language: string | undefined) =>
  language
    ? hljs.highlight(code, { language, ignoreIllegals: true }).value
    : code.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const lineClass = { add: 'bg-emerald-50 dark:bg-emerald-950', del: 'bg-red-50 dark:bg-red-950', normal: '' };
const marker = { add: '+', del: '−', normal: ' ' };

export function DiffViewer({ diff }: { diff: string }) {
  const files = useMemo(() => parseDiff(diff), [diff]);
  if (files.length === 0) return <p className="text-sm">The patch is empty.</p>;
  return (
    <div className="space-y-4">
      {files.map((file) => {
        const path = file.to && file.to !== '/dev/null' ? file.to : (file.from ?? 'unknown');
        const language = languageByExtension[path.split('.').pop() ?? ''];
        return (
          <section
            key={path}
            aria-label={`Changes to ${path}`}
            className="overflow-hidden rounded border border-slate-200 dark:border-slate-800"
          >
            <h3 className="flex justify-between bg-slate-100 px-3 py-1.5 font-mono text-xs font-semibold dark:bg-slate-800">
              <span>{path}</span>
              <span>
                +{file.additions} −{file.deletions}
              </span>
            </h3>
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={`Diff of ${path}`}>
              <table className="min-w-full font-mono text-xs leading-5">
                <tbody>
                  {file.chunks.map((chunk) => (
                    <ChunkRows key={chunk.content} chunk={chunk} language={language} />
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </div>
  );
}

function ChunkRows({ chunk, language }: { chunk: parseDiff.Chunk; language: string | undefined }) {
  return (
    <>
      <tr className="bg-sky-50 text-sky-900 dark:bg-sky-950 dark:text-sky-100">
        <td colSpan={4} className="px-3 py-0.5">
          {chunk.content}
        </td>
      </tr>
      {chunk.changes.map((change, index) => {
        const oldLine = change.type === 'normal' ? change.ln1 : change.type === 'del' ? change.ln : undefined;
        const newLine = change.type === 'normal' ? change.ln2 : change.type === 'add' ? change.ln : undefined;
        return (
          <tr key={index} className={lineClass[change.type]}>
            <td className="w-10 px-2 text-right text-slate-600 select-none dark:text-slate-300">
              {oldLine ?? ''}
            </td>
            <td className="w-10 px-2 text-right text-slate-600 select-none dark:text-slate-300">
              {newLine ?? ''}
            </td>
            <td
              className="w-4 select-none"
              aria-label={change.type === 'add' ? 'added' : change.type === 'del' ? 'removed' : undefined}
            >
              {marker[change.type]}
            </td>
            <td
              className="pr-4 whitespace-pre"
              dangerouslySetInnerHTML={{ __html: highlight(change.content.slice(1), language) }}
            />
          </tr>
        );
      })}
    </>
  );
}
