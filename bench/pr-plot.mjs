// Precision against recall, one panel per evaluation set: our checker as a line across the sensitivity
// setting (each point labelled with it), the peers as single points. Plain SVG, no dependencies.
const W = 460, H = 380, M = { l: 56, r: 16, t: 34, b: 48 };
const PEER_COLOURS = { harper: '#d9480f', cspell: '#1971c2', nspell: '#2f9e44' };
const OURS = '#7048e8';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

function panel(title, curve, peers, dx) {
  const x = (r) => dx + M.l + r * (W - M.l - M.r);
  const y = (p) => M.t + (1 - p) * (H - M.t - M.b);
  const out = [`<text x="${dx + W / 2}" y="20" text-anchor="middle" font-weight="bold">${esc(title)}</text>`];
  for (let v = 0; v <= 1.0001; v += 0.2) {
    const t = v.toFixed(1);
    out.push(`<line x1="${x(v)}" y1="${y(0)}" x2="${x(v)}" y2="${y(1)}" stroke="#eee"/>`,
      `<line x1="${x(0)}" y1="${y(v)}" x2="${x(1)}" y2="${y(v)}" stroke="#eee"/>`,
      `<text x="${x(v)}" y="${y(0) + 16}" text-anchor="middle" font-size="11">${t}</text>`,
      `<text x="${x(0) - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${t}</text>`);
  }
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
  out.push(`<rect x="${x(0)}" y="${y(1)}" width="${x(1) - x(0)}" height="${y(0) - y(1)}" fill="none" stroke="#888"/>`,
    `<text x="${dx + M.l + (W - M.l - M.r) / 2}" y="${H - 10}" text-anchor="middle" font-size="12">recall</text>`,
    `<text transform="translate(${dx + 16},${M.t + (H - M.t - M.b) / 2}) rotate(-90)" text-anchor="middle" font-size="12">precision</text>`);
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
  const width = W * sets.length;
  const body = sets.map((s, i) => panel(s.title, s.curve, s.peers, i * W)).join('\n');
  const legend = `<text x="${width - 12}" y="${H + 14}" text-anchor="end" font-size="11"><tspan fill="${OURS}">● electric (labels: sensitivity)</tspan>  ■ peers at their defaults</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${H + 22}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
${body}
${legend}
</svg>
`;
}
