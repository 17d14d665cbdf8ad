/** The latency chart of `npm run bench`: grouped bars (ours vs echo) per level, one panel for p50 and one for p99. */
export interface ChartLevel {
  connections: number;
  ours: { p50: number; p99: number };
  echo: { p50: number; p99: number };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (ms: number) => (!Number.isFinite(ms) ? 'n/a' : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const exp = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * exp >= value) return step * exp;
  return 10 * exp;
}

const COLORS = { ours: '#2f6fde', echo: '#9aa5b1' };

function panel(levels: ChartLevel[], metric: 'p50' | 'p99', x0: number, y0: number, width: number, height: number): string {
  const top = y0 + 30;
  const bottom = y0 + height - 40;
  const left = x0 + 50;
  const right = x0 + width - 10;
  const max = niceMax(Math.max(...levels.flatMap((l) => [l.ours[metric], l.echo[metric]]).filter(Number.isFinite)));
  const y = (v: number) => bottom - (Math.max(0, v) / max) * (bottom - top);
  const parts: string[] = [`<text x="${x0 + width / 2}" y="${y0 + 18}" text-anchor="middle" font-weight="bold">${metric} latency (ms)</text>`];
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    parts.push(`<line x1="${left}" x2="${right}" y1="${y(v)}" y2="${y(v)}" stroke="#e3e6ea"/>`);
    parts.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${fmt(v)}</text>`);
  }
  const groupW = (right - left) / levels.length;
  const barW = Math.min(40, groupW / 3);
  levels.forEach((level, i) => {
    const cx = left + groupW * i + groupW / 2;
    (['ours', 'echo'] as const).forEach((who, j) => {
      const v = level[who][metric];
      const x = cx - barW + j * barW;
      const h = Number.isFinite(v) ? bottom - y(v) : 0;
      parts.push(`<rect x="${x + 2}" y="${bottom - h}" width="${barW - 4}" height="${h}" fill="${COLORS[who]}"><title>${who} ${metric} at ${level.connections}: ${fmt(v)} ms</title></rect>`);
      parts.push(`<text x="${x + barW / 2}" y="${bottom - h - 4}" text-anchor="middle" font-size="10">${fmt(v)}</text>`);
    });
    parts.push(`<text x="${cx}" y="${bottom + 16}" text-anchor="middle" font-size="11">${level.connections} conv.</text>`);
  });
  parts.push(`<line x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="#555"/>`);
  return parts.join('\n');
}

export function latencyChartSvg(levels: ChartLevel[], title: string): string {
  const width = 820;
  const height = 360;
  const legend = (['ours', 'echo'] as const)
    .map((who, i) => `<rect x="${width - 230 + i * 110}" y="12" width="12" height="12" fill="${COLORS[who]}"/><text x="${width - 214 + i * 110}" y="22" font-size="12">${who === 'ours' ? 'reseller-assistant' : 'echo bot'}</text>`)
    .join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="16" y="22" font-size="14" font-weight="bold">${esc(title)}</text>`,
    legend,
    panel(levels, 'p50', 0, 30, width / 2, height - 30),
    panel(levels, 'p99', width / 2, 30, width / 2, height - 30),
    `</svg>`,
  ].join('\n');
}
