// Precision against recall, one panel per evaluation set: our checker as a line across the sensitivity
// setting (each point labelled with it), the peers as single points. Plain SVG, no dependencies.
import { esc, frame, OURS, svgDocument, W } from './plot-frame.mjs';

const PEER_COLOURS = { harper: '#d9480f', cspell: '#1971c2', nspell: '#2f9e44' };

function panel(title, curve, peers, dx) {
  const { x, y, head, axes } = frame(dx, title, 'recall', 'precision');
  const out = [...head];
  // F0.5 iso-lines make "above every peer" readable at a glance.
  for (const f of [0.4, 0.6, 0.8]) {
    const pts = [];
    for (let r = 0.01; r <= 1; r += 0.01) {
      const p = (f * r) / (1.25 * r - 0.25 * f);
      if (p > 0 && p <= 1) pts.push(`${x(r).toFixed(1)},${y(p).toFixed(1)}`);
    }
    if (pts.length) out.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="#ccc" stroke-dasharray="3 3"/>`,
      `<text x="${pts[pts.length - 1].split(',')[0]}" y="${Number(pts[pts.length - 1].split(',')[1]) - 4}" font-size="10" fill="#999" text-anchor="end">F0.5=${f}</text>`);
  }
  out.push(...axes);
  const pts = [...curve].sort((a, b) => a.recall - b.recall);
  if (pts.length > 1) out.push(`<polyline points="${pts.map((c) => `${x(c.recall)},${y(c.precision)}`).join(' ')}" fill="none" stroke="${OURS}" stroke-width="2"/>`);
  // Points that coincide share one label; peer labels that would overlap are moved down a line.
  const groups = new Map();
  for (const c of pts) {
    const k = `${x(c.recall).toFixed(0)},${y(c.precision).toFixed(0)}`;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  for (const g of groups.values()) {
    const c = g[0];
    out.push(`<circle cx="${x(c.recall)}" cy="${y(c.precision)}" r="3.5" fill="${OURS}"/>`,
      `<text x="${x(c.recall) + 5}" y="${y(c.precision) - 5}" font-size="10" fill="${OURS}">${g.map((v) => v.sensitivity).join(', ')}</text>`);
  }
  const placed = [];
  for (const [name, s] of Object.entries(peers)) {
    const col = PEER_COLOURS[name] ?? '#495057';
    const lx = x(s.recall) + 7;
    let ly = y(s.precision) + 4;
    while (placed.some(([px, py]) => Math.abs(px - lx) < 50 && Math.abs(py - ly) < 12)) ly += 12;
    placed.push([lx, ly]);
    out.push(`<rect x="${x(s.recall) - 4}" y="${y(s.precision) - 4}" width="8" height="8" fill="${col}"/>`,
      `<text x="${lx}" y="${ly}" font-size="11" fill="${col}">${esc(name)}</text>`);
  }
  return out.join('\n');
}

/** sets: [{ title, curve: [{sensitivity, precision, recall}], peers: {name: {precision, recall}} }] */
export function prPlot(sets) {
  return svgDocument(sets.map((s, i) => panel(s.title, s.curve, s.peers, i * W)),
    `<tspan fill="${OURS}">● electric (labels: sensitivity)</tspan>  ■ peers at their defaults`);
}
