/** Short explanations beside a view, each a disclosure (closed until asked for), in the page's language. */
import { useStore } from '../../store';
import { EXPLANATIONS, type ExplanationId } from '../../i18n/explanations';

export function Explainer({ ids }: { ids: readonly ExplanationId[] }) {
  const language = useStore((s) => s.language);
  return (
    <div className="explainers">
      {ids.map((id) => {
        const e = EXPLANATIONS[language][id];
        return (
          <details key={id} className="explain" data-explain={id}>
            <summary>{e.title}</summary>
            {e.paragraphs.map((p, k) => (
              <p key={k}>{p}</p>
            ))}
          </details>
        );
      })}
    </div>
  );
}
