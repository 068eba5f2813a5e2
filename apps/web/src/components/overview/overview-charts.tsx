'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ReactNode } from 'react';
import type { Overview } from '@/server/dashboard/compute-overview.ts';
import { EmptyState } from '../ui/states.tsx';

// Colours chosen for contrast on white and for telling series apart without colour (dash patterns on lines).
const colors = {
  fixed: '#047857',
  waiting: '#b45309',
  in_progress: '#0369a1',
  flaky: '#7c3aed',
  refused: '#be123c',
  rejected: '#475569',
  failed: '#991b1b',
  p50: '#0369a1',
  p95: '#be123c',
  accuracy: '#047857',
  real: '#0f172a',
};

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);

function ChartFigure({ title, summary, children }: { title: string; summary: string; children: ReactNode }) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <figcaption className="mb-2">
        <span className="font-semibold">{title}</span>
        <span className="block text-sm text-slate-600 dark:text-slate-300">{summary}</span>
      </figcaption>
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function OverviewCharts({ overview }: { overview: Overview }) {
  if (overview.totals.runs === 0)
    return (
      <EmptyState title="No runs in this period">
        Charts appear once Suture has healed a failed build. Report one with <code>npx suture ingest</code> or
        connect the GitHub App.
      </EmptyState>
    );
  const days = overview.days.map((d) => ({
    ...d,
    label: d.day.slice(5),
    p50: seconds(d.mttrP50Ms),
    p95: seconds(d.mttrP95Ms),
    accuracyPct: d.accuracy === null ? null : Math.round(d.accuracy * 1000) / 10,
    patchSuccessPct: d.patchSuccessRate === null ? null : Math.round(d.patchSuccessRate * 1000) / 10,
  }));
  const t = overview.totals;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartFigure
        title="MTTR over time"
        summary={`Seconds from failure to a proven patch ready for approval; p50 and p95 per day.`}
      >
        <LineChart data={days} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis unit=" s" width={60} />
          <Tooltip />
          <Legend />
          <Line type="monotone" dataKey="p50" name="p50" stroke={colors.p50} connectNulls dot />
          <Line
            type="monotone"
            dataKey="p95"
            name="p95"
            stroke={colors.p95}
            strokeDasharray="6 3"
            connectNulls
            dot
          />
        </LineChart>
      </ChartFigure>
      <ChartFigure
        title="Runs by outcome"
        summary={`${t.runs} runs: ${t.fixed} fixed, ${t.waiting} waiting for approval.`}
      >
        <BarChart data={days} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis allowDecimals={false} width={40} />
          <Tooltip />
          <Legend />
          {(['fixed', 'waiting', 'in_progress', 'flaky', 'refused', 'rejected', 'failed'] as const).map(
            (key) => (
              <Bar
                key={key}
                dataKey={key}
                name={key.replace('_', ' ')}
                stackId="outcome"
                fill={colors[key]}
              />
            ),
          )}
        </BarChart>
      </ChartFigure>
      <ChartFigure
        title="Diagnosis accuracy and patch success"
        summary={`Share of diagnoses reviewers marked correct (${t.reviewedDiagnoses} reviewed), and of attempted patches that were proven (${t.attemptedPatches} attempted).`}
      >
        <LineChart data={days} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis unit="%" domain={[0, 100]} width={50} />
          <Tooltip />
          <Legend />
          <Line
            type="monotone"
            dataKey="accuracyPct"
            name="accuracy"
            stroke={colors.accuracy}
            connectNulls
            dot
          />
          <Line
            type="monotone"
            dataKey="patchSuccessPct"
            name="patch success"
            stroke={colors.p50}
            strokeDasharray="6 3"
            connectNulls
            dot
          />
        </LineChart>
      </ChartFigure>
      <ChartFigure
        title="Flaky versus real failures"
        summary={`${t.flakyFailures} flaky, ${t.realFailures} real; patch success ${
          t.patchSuccessRate === null ? 'not yet measured' : `${Math.round(t.patchSuccessRate * 100)}%`
        }.`}
      >
        <BarChart data={days} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis allowDecimals={false} width={40} />
          <Tooltip />
          <Legend />
          <Bar dataKey="realFailures" name="real" stackId="kind" fill={colors.real} />
          <Bar dataKey="flakyFailures" name="flaky" stackId="kind" fill={colors.flaky} />
        </BarChart>
      </ChartFigure>
    </div>
  );
}
