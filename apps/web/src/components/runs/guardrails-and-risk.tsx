import { humanize } from '@/lib/format.ts';
import type { RunDetail } from '@/server/dashboard/get-run-detail.ts';
import { StatusBadge } from '../ui/status-badge.tsx';
import { Card } from '../ui/states.tsx';

type Finding = { rule: string; file: string; line: number | null; severity: string; explanation: string };
type RiskReason = { factor: string; points: number; explanation: string };

const list = <T,>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

export function GuardrailsAndRisk({
  attempt,
  policyDecision,
  policyVersion,
}: {
  attempt: RunDetail['patchAttempts'][number] | null;
  policyDecision: string | null;
  policyVersion: number | null;
}) {
  const findings = list<Finding>(attempt?.guardrailFindings);
  const reasons = list<RiskReason>(attempt?.riskReasons);
  return (
    <Card title="Guardrails and risk">
      <div className="grid gap-6 text-sm md:grid-cols-2">
        <div>
          <h3 className="mb-2 font-medium">Guardrail findings</h3>
          {!attempt ? (
            <p>No patch to check.</p>
          ) : findings.length === 0 ? (
            <p>None: the patch weakens no test, adds no ignore pragma and touches no protected path.</p>
          ) : (
            <ul className="space-y-2">
              {findings.map((f, i) => (
                <li key={i}>
                  <StatusBadge value={f.severity} /> <span className="font-medium">{humanize(f.rule)}</span>{' '}
                  in{' '}
                  <code>
                    {f.file}
                    {f.line ? `:${f.line}` : ''}
                  </code>
                  <span className="block text-slate-700 dark:text-slate-300">{f.explanation}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="mb-2 font-medium">
            Risk{' '}
            {attempt?.riskScore !== null && attempt?.riskScore !== undefined
              ? `${attempt.riskScore} / 100`
              : '—'}
          </h3>
          {reasons.length === 0 ? (
            <p>No risk factors recorded.</p>
          ) : (
            <table className="min-w-full">
              <caption className="sr-only">Risk breakdown</caption>
              <thead className="text-left">
                <tr>
                  <th scope="col" className="py-1 font-medium">
                    Factor
                  </th>
                  <th scope="col" className="py-1 text-right font-medium">
                    Points
                  </th>
                </tr>
              </thead>
              <tbody>
                {reasons.map((r) => (
                  <tr key={r.factor} className="border-t border-slate-200 dark:border-slate-800">
                    <td className="py-1">
                      {humanize(r.factor)}
                      <span className="block text-xs text-slate-700 dark:text-slate-300">
                        {r.explanation}
                      </span>
                    </td>
                    <td className="py-1 text-right tabular-nums">{r.points}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="mt-3">
            Policy decision: <StatusBadge value={policyDecision} />
            {policyVersion !== null ? ` (policy v${policyVersion})` : ' (default policy)'}
          </p>
        </div>
      </div>
    </Card>
  );
}
