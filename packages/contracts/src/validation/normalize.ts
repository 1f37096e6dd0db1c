/**
 * Shared input normalisation for identifiers typed or pasted by people: full-width characters
 * (０-９, Ａ-Ｚ, ａ-ｚ, ＋, －) become ASCII, and every kind of whitespace (incl. the ideographic
 * space U+3000) and common separators are removed.
 */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** half-width, no whitespace, no '-' separators */
export function compactInput(s: string): string {
  return toHalfWidth(s).replace(/[\s\-\u2010-\u2015]/g, '');
}
