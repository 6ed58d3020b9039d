// What the bench's plots share (pr-plot.mjs, calibration-plot.mjs): a W×H panel per evaluation set on the
// unit square (title, grid, border, axis labels) and the SVG document that lays the panels side by side
// with a legend under them. Plain SVG, no dependencies.
export const W = 460, H = 380;
const M = { l: 56, r: 16, t: 34, b: 48 };
export const OURS = '#7048e8';

export const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * The panel at horizontal offset dx: x and y map [0,1] into it; head is its title and grid (drawn first),
 * axes its border and axis labels (drawn over what a plot puts beneath them).
 */
export function frame(dx, title, xLabel, yLabel) {
  const x = (v) => dx + M.l + v * (W - M.l - M.r);
  const y = (v) => M.t + (1 - v) * (H - M.t - M.b);
  const head = [`<text x="${dx + W / 2}" y="20" text-anchor="middle" font-weight="bold">${esc(title)}</text>`];
  for (let v = 0; v <= 1.0001; v += 0.2) {
    const t = v.toFixed(1);
    head.push(`<line x1="${x(v)}" y1="${y(0)}" x2="${x(v)}" y2="${y(1)}" stroke="#eee"/>`,
      `<line x1="${x(0)}" y1="${y(v)}" x2="${x(1)}" y2="${y(v)}" stroke="#eee"/>`,
      `<text x="${x(v)}" y="${y(0) + 16}" text-anchor="middle" font-size="11">${t}</text>`,
      `<text x="${x(0) - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${t}</text>`);
  }
  const axes = [`<rect x="${x(0)}" y="${y(1)}" width="${x(1) - x(0)}" height="${y(0) - y(1)}" fill="none" stroke="#888"/>`,
    `<text x="${dx + M.l + (W - M.l - M.r) / 2}" y="${H - 10}" text-anchor="middle" font-size="12">${esc(xLabel)}</text>`,
    `<text transform="translate(${dx + 16},${M.t + (H - M.t - M.b) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${esc(yLabel)}</text>`];
  return { x, y, head, axes };
}

/** The panels (each drawn at dx = its index × W) side by side, legend (SVG text content) under them on the right. */
export function svgDocument(panels, legend) {
  const width = W * panels.length;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${H + 22}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
${panels.join('\n')}
<text x="${width - 12}" y="${H + 14}" text-anchor="end" font-size="11">${legend}</text>
</svg>
`;
}
