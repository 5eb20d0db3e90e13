import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export interface Series {
  label: string;
  color: string;
  points: { x: number; y: number }[];
}

const W = 900;
const H = 420;
const M = { left: 70, right: 20, top: 40, bottom: 55 };

function niceStep(max: number, ticks: number): number {
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw || 1));
  return ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw) || 1;
}

const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** A plain SVG line chart (axes, ticks, legend); no dependency, so any SVG renderer can turn it into a PNG. */
export function lineChartSvg(input: { title: string; xLabel: string; yLabel: string; series: Series[] }): string {
  const all = input.series.flatMap((s) => s.points);
  const xMax = Math.max(1, ...all.map((p) => p.x));
  const yMax = Math.max(1, ...all.map((p) => p.y));
  const xStep = niceStep(xMax, 10);
  const yStep = niceStep(yMax, 6);
  const xTop = Math.ceil(xMax / xStep) * xStep;
  const yTop = Math.ceil(yMax / yStep) * yStep;
  const px = (x: number) => M.left + (x / xTop) * (W - M.left - M.right);
  const py = (y: number) => H - M.bottom - (y / yTop) * (H - M.top - M.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${esc(input.title)}</text>`,
  ];
  for (let y = 0; y <= yTop + 1e-9; y += yStep) {
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${py(y)}" y2="${py(y)}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${M.left - 8}" y="${py(y) + 4}" text-anchor="end">${Math.round(y)}</text>`);
  }
  for (let x = 0; x <= xTop + 1e-9; x += xStep) {
    parts.push(`<line x1="${px(x)}" x2="${px(x)}" y1="${H - M.bottom}" y2="${H - M.bottom + 5}" stroke="#333"/>`);
    parts.push(`<text x="${px(x)}" y="${H - M.bottom + 20}" text-anchor="middle">${Math.round(x * 10) / 10}</text>`);
  }
  parts.push(
    `<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#333"/>`,
    `<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#333"/>`,
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle">${esc(input.xLabel)}</text>`,
    `<text transform="translate(18 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(input.yLabel)}</text>`,
  );
  input.series.forEach((s, i) => {
    const d = s.points.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(" ");
    parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${d}"/>`);
    const lx = W - M.right - 230;
    const ly = M.top + 10 + i * 18;
    parts.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="3"/>`);
    parts.push(`<text x="${lx + 30}" y="${ly + 4}">${esc(s.label)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n");
}

/**
 * Writes the chart as SVG and, when Debian's rsvg-convert (librsvg2-bin) is installed, as PNG beside it.
 * Returns the paths written.
 */
export function writeChart(svgPath: string, svg: string): string[] {
  mkdirSync(dirname(svgPath), { recursive: true });
  writeFileSync(svgPath, svg);
  const pngPath = svgPath.replace(/\.svg$/, ".png");
  const converted = spawnSync("rsvg-convert", ["-o", pngPath, svgPath], { stdio: "ignore" });
  return converted.status === 0 ? [svgPath, pngPath] : [svgPath];
}
