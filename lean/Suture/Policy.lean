/-!
# Policy invariants

The first invariant Suture's policy must keep, stated over the same summary of a patch that the risk
and guardrail engines produce: a patch that weakens the test suite is never opened without a human.
Later work proves the TypeScript policy evaluator refines `decide` (see the roadmap in README.md).
-/

namespace Suture

/-- What the policy sees of a patch (from the guardrail and risk engines). -/
structure PatchSummary where
  testsRemoved : Nat
  testsSkipped : Nat
  assertionsLoosened : Nat
  riskScore : Nat

inductive Decision where
  | reject
  | needsApproval
  | autoOpen
  deriving DecidableEq, Repr

/-- A patch weakens the build when it removes or skips tests or loosens assertions. -/
def weakens (p : PatchSummary) : Bool :=
  p.testsRemoved > 0 || p.testsSkipped > 0 || p.assertionsLoosened > 0

/-- The policy: weakening patches always need a human; others auto-open only under the risk limit. -/
def decide (maxAutoOpenRisk : Nat) (p : PatchSummary) : Decision :=
  if weakens p then .needsApproval
  else if p.riskScore ≤ maxAutoOpenRisk then .autoOpen
  else .needsApproval

/-- No limit, however lax, lets a weakening patch open itself. -/
theorem weakening_never_auto_opens (limit : Nat) (p : PatchSummary) (h : weakens p = true) :
    decide limit p ≠ .autoOpen := by
  simp [decide, h]

/-- Auto-open implies the risk limit held. -/
theorem auto_open_respects_limit (limit : Nat) (p : PatchSummary) (h : decide limit p = .autoOpen) :
    p.riskScore ≤ limit := by
  unfold decide at h
  split at h
  · contradiction
  · split at h
    · assumption
    · contradiction

end Suture
