/** Says once, until dismissed, that WebAssembly SIMD could not run and training fell back to the JS kernels. */
import { useState } from 'react';
import { useStore } from '../store';
import { useMessages } from '../i18n';
import type { KernelProblem } from '../worker/protocol';

export function KernelNotice() {
  const problem = useStore((s) => s.engine?.problem ?? null);
  const [dismissed, setDismissed] = useState<KernelProblem | null>(null);
  const msg = useMessages();
  if (problem === null || dismissed === problem) return null;
  return (
    <div className="notice" role="status" data-notice="kernels" data-problem={problem.kind} title={problem.detail}>
      <p>{msg.cost.fallback(msg.cost.problems[problem.kind])}</p>
      <button type="button" className="small-button" onClick={() => setDismissed(problem)}>
        {msg.share.dismiss}
      </button>
    </div>
  );
}
