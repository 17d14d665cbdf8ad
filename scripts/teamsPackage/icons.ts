import type { Rgba } from './png.js';

type Point = [number, number];
/** Signed distance in icon units (0..1): negative inside the shape. */
type Shape = (x: number, y: number) => number;

const roundedBox = (cx: number, cy: number, hw: number, hh: number, r: number): Shape => (x, y) => {
  const qx = Math.abs(x - cx) - (hw - r);
  const qy = Math.abs(y - cy) - (hh - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};

const circle = (cx: number, cy: number, r: number): Shape => (x, y) => Math.hypot(x - cx, y - cy) - r;

function segmentDistance(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

const triangle = (a: Point, b: Point, c: Point): Shape => (x, y) => {
  const p: Point = [x, y];
  const side = (u: Point, v: Point) => (v[0] - u[0]) * (y - u[1]) - (v[1] - u[1]) * (x - u[0]);
  const [s1, s2, s3] = [side(a, b), side(b, c), side(c, a)];
  const inside = (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  const d = Math.min(segmentDistance(p, a, b), segmentDistance(p, b, c), segmentDistance(p, c, a));
  return inside ? -d : d;
};

const union = (...shapes: Shape[]): Shape => (x, y) => Math.min(...shapes.map((s) => s(x, y)));

/** The logo: a speech bubble with three dots ("a conversation"), the same in both icons. */
const bubble = union(roundedBox(0.5, 0.45, 0.31, 0.22, 0.1), triangle([0.3, 0.6], [0.47, 0.6], [0.25, 0.82]));
const dots = union(circle(0.37, 0.45, 0.045), circle(0.5, 0.45, 0.045), circle(0.63, 0.45, 0.045));

/** Paints `size`² pixels; `colour` returns RGBA for a point, sampled 4×4 per pixel for smooth edges. */
function paint(size: number, colour: (x: number, y: number) => [number, number, number, number]): Rgba {
  const pixels = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [r, g, b, a] = colour((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          // Premultiplied sums, so transparent samples do not darken the edge colour.
          sum[0]! += r * a;
          sum[1]! += g * a;
          sum[2]! += b * a;
          sum[3]! += a;
        }
      }
      const i = (py * size + px) * 4;
      const alpha = sum[3]! / (n * n);
      pixels[i] = alpha ? Math.round(sum[0]! / sum[3]!) : 0;
      pixels[i + 1] = alpha ? Math.round(sum[1]! / sum[3]!) : 0;
      pixels[i + 2] = alpha ? Math.round(sum[2]! / sum[3]!) : 0;
      pixels[i + 3] = Math.round(alpha * 255);
    }
  }
  return { width: size, height: size, pixels };
}

const BRAND: [number, number, number] = [0x0b, 0x3d, 0x91];
const WHITE: [number, number, number] = [255, 255, 255];

/** Teams colour icon: 192×192, white bubble on the brand blue, blue dots. */
export function colourIcon(): Rgba {
  return paint(192, (x, y) => {
    if (dots(x, y) < 0) return [...BRAND, 1];
    if (bubble(x, y) < 0) return [...WHITE, 1];
    return [...BRAND, 1];
  });
}

/** Teams outline icon: 32×32, white strokes on transparent (Teams tints it). */
export function outlineIcon(): Rgba {
  const stroke = 0.075;
  return paint(32, (x, y) => {
    const d = bubble(x, y);
    const on = (d <= 0 && d > -stroke) || dots(x, y) < 0;
    return on ? [...WHITE, 1] : [...WHITE, 0];
  });
}
