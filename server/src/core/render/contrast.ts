/**
 * Colour contrast as WCAG 2 defines it (relative luminance, ratio (L1 + 0.05) / (L2 + 0.05)), and a
 * colour nudged until it reads on a background. Used to keep highlighted code readable on each
 * platform's code background, and by the tests that measure the rendered page.
 */

export type Rgba = [r: number, g: number, b: number, a: number];

/** `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb(…)` / `rgba(…)` (as getComputedStyle writes them). */
export function parseColor(text: string): Rgba | undefined {
  const s = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(s)?.[1];
  if (hex) {
    const full = hex.length <= 4 ? [...hex].map((c) => c + c).join("") : hex;
    const n = (i: number) => parseInt(full.slice(i, i + 2), 16);
    return [n(0), n(2), n(4), full.length === 8 ? n(6) / 255 : 1];
  }
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(s);
  if (!fn) return undefined;
  const alpha = fn[4] === undefined ? 1 : fn[4].endsWith("%") ? Number(fn[4].slice(0, -1)) / 100 : Number(fn[4]);
  return [Number(fn[1]), Number(fn[2]), Number(fn[3]), alpha];
}

/** `top` painted over an opaque `bottom`. */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
}

export function luminance([r, g, b]: Rgba): number {
  const channel = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The contrast ratio of a colour (composited over the background when translucent) on an opaque background. */
export function contrastRatio(fg: Rgba, bg: Rgba): number {
  const a = luminance(composite(fg, bg));
  const b = luminance(bg);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

const hex2 = (v: number) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, "0");
export const toHex = ([r, g, b]: Rgba): string => `#${hex2(r)}${hex2(g)}${hex2(b)}`;

const memo = new Map<string, string>();

/**
 * `fg` as it reads on `bg`: unchanged (as `#rrggbb`, translucency composited) when its contrast is
 * at least `min`, else mixed toward white (on a dark background) or black (on a light one) just
 * enough to reach `min`. The hue stays recognisable; only what would be hard to read moves.
 */
export function readableOn(fg: string, bg: string, min = 4.5): string {
  const key = `${fg}|${bg}|${min}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const back = parseColor(bg);
  const front = parseColor(fg);
  if (!back || !front) return fg;
  const start = composite(front, back);
  let result = toHex(start);
  if (contrastRatio(start, back) < min) {
    const target: Rgba = luminance(back) < 0.18 ? [255, 255, 255, 1] : [0, 0, 0, 1];
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 20; i++) {
      const t = (lo + hi) / 2;
      if (contrastRatio(mix(start, target, t), back) >= min) hi = t;
      else lo = t;
    }
    // Round toward the target so the hex value itself still meets `min`.
    let out = mix(start, target, hi);
    for (let k = 0; k < 8 && contrastRatio(parseColor(toHex(out)) ?? out, back) < min; k++) out = mix(out, target, 0.02);
    result = toHex(out);
  }
  if (memo.size > 5000) memo.clear();
  memo.set(key, result);
  return result;
}

function mix(a: Rgba, b: Rgba, t: number): Rgba {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t, 1];
}
