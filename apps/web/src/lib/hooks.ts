import { useEffect, useState, type RefObject } from 'react';

export function useDebouncedValue<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** Height of an element, kept up to date (for virtual lists that need a pixel height). */
export function useElementHeight(ref: RefObject<HTMLElement | null>, fallback = 480): number {
  const [h, setH] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) => {
      const next = Math.floor(entries[0]?.contentRect.height ?? fallback);
      if (next > 0) setH(next);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, fallback]);
  return h;
}
