/**
 * Word-cloud layout (高频词云): biggest word in the middle, the others placed along an elliptic
 * Archimedean spiral at the first spot where their box overlaps nothing. Deterministic (no
 * randomness), so the same data always draws the same cloud. About 60 words: microseconds.
 *
 * Own code rather than the echarts-wordcloud extension: that package only declares ECharts 5 as
 * its peer and the console is on ECharts 6, which npm refuses to install without forcing.
 */
export type CloudWord = { word: string; count: number };
export type PlacedWord = CloudWord & { x: number; y: number; width: number; height: number; fontSize: number; color: string };

const PALETTE = ['#c8102e', '#d4380d', '#d46b08', '#1677ff', '#08979c', '#389e0d', '#722ed1', '#9e0b23', '#0958d9', '#531dab'];

export type Measure = (text: string, fontSize: number) => number;

/** Canvas text width; falls back to one em per character where there is no canvas (tests). */
export function canvasMeasure(fontFamily: string): Measure {
  const ctx = typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
  return (text, size) => {
    if (!ctx) return [...text].length * size;
    ctx.font = `600 ${size}px ${fontFamily}`;
    return ctx.measureText(text).width;
  };
}

type Box = { x0: number; y0: number; x1: number; y1: number };
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

export function layoutWordCloud(words: readonly CloudWord[], width: number, height: number, measure: Measure, opts: { minFont?: number; maxFont?: number; pad?: number } = {}): PlacedWord[] {
  if (width <= 0 || height <= 0 || words.length === 0) return [];
  const sorted = [...words].sort((a, b) => b.count - a.count);
  const max = sorted[0]!.count;
  const min = sorted[sorted.length - 1]!.count;
  const minFont = opts.minFont ?? 12;
  const maxFont = Math.max(minFont, Math.min(opts.maxFont ?? 46, height / 5));
  const pad = opts.pad ?? 3;
  const cx = width / 2;
  const cy = height / 2;
  const aspect = width / height; // stretch the spiral to the box's shape
  const placed: (PlacedWord & { box: Box })[] = [];

  const tryPlace = (w: CloudWord, i: number, fontSize: number): boolean => {
    const bw = measure(w.word, fontSize) + pad * 2;
    const bh = fontSize * 1.15 + pad * 2;
    for (let t = 0; t < 600; t += 0.1) {
      const r = 2 * t;
      const x = cx + r * Math.cos(t) * Math.sqrt(aspect);
      const y = cy + (r * Math.sin(t)) / Math.sqrt(aspect);
      const box = { x0: x - bw / 2, y0: y - bh / 2, x1: x + bw / 2, y1: y + bh / 2 };
      if (box.x0 < 0 || box.y0 < 0 || box.x1 > width || box.y1 > height) {
        if (r > Math.max(width, height)) return false; // the spiral has left the box for good
        continue;
      }
      if (placed.some((p) => overlaps(p.box, box))) continue;
      placed.push({ ...w, x, y, width: bw, height: bh, fontSize, color: PALETTE[i % PALETTE.length]!, box });
      return true;
    }
    return false;
  };

  // sizes by count (square root: small counts stay readable, the top word still stands out), then
  // scaled down together when the words would need more than half the box
  const sizes = sorted.map((w) => minFont + (maxFont - minFont) * (max === min ? 1 : Math.sqrt((w.count - min) / (max - min))));
  const area = sorted.reduce((a, w, i) => a + (measure(w.word, sizes[i]!) + pad * 2) * (sizes[i]! * 1.15 + pad * 2), 0);
  const k = Math.min(1, Math.sqrt((0.5 * width * height) / area));
  const floor = Math.min(minFont, 10);

  sorted.forEach((w, i) => {
    const size = Math.max(floor, Math.round(sizes[i]! * k));
    // a crowded cloud shrinks a word before giving it up (the smallest ones come last)
    for (let f = size; f >= floor; f -= Math.max(1, Math.round(size / 8))) if (tryPlace(w, i, f)) return;
  });
  return placed.map(({ box: _box, ...p }) => p);
}
