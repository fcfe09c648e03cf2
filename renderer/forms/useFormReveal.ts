/** Reveal on forms: scroll to the amount of a finding's cell and flash it. */
import { useEffect, useRef } from 'react';
import type { EditorStore } from '../app/editorStore';

export function useFormReveal(store: EditorStore) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const tryReveal = () => {
      const target = store.pendingReveal;
      const root = ref.current;
      if (!target || !root) return;
      const el = 'key' in target ? root.querySelector<HTMLElement>(`[data-cell-key="${CSS.escape(target.key)}"]`) : root;
      if (!el) return;
      store.pendingReveal = null;
      el.scrollIntoView({ block: 'center' });
      el.focus({ preventScroll: true });
      el.classList.remove('flash');
      void el.offsetWidth; // restart the animation
      el.classList.add('flash');
    };
    tryReveal();
    return store.onReveal(tryReveal);
  }, [store]);
  return ref;
}
