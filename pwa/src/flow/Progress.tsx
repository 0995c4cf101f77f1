/** "Bước n/total": where a citizen or an officer is in a flow of several screens. */
import { tFlows } from "../i18n/flows";

/** "Bước n/total" with a progress bar; `label` names the process (activation by default). */
export function Progress({
  step,
  total,
  label = tFlows().progress.label,
}: {
  step: number;
  total: number;
  label?: string;
}) {
  const text = tFlows().progress.step(step, total);
  return (
    <div class="progress">
      <p class="progress-text">{text}</p>
      <div
        class="progress-bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={1}
        aria-valuemax={total}
        aria-valuenow={step}
        aria-valuetext={text}
      >
        <div class="progress-fill" style={{ width: `${Math.round((step / total) * 100)}%` }} />
      </div>
    </div>
  );
}

/** The bar of step `at` among `steps` (a flow's steps as a list). */
export function StepProgress<S extends string>({ steps, at, label }: { steps: readonly S[]; at: S; label: string }) {
  return <Progress step={steps.indexOf(at) + 1} total={steps.length} label={label} />;
}
