// The reliability plot (bench/results/calibration.svg): one panel per evaluation set, the observed rate
// against the mean predicted probability in each bin of ours, for flags (p that the flagged text is wrong)
// and fixes (p of each suggestion), over the diagonal a calibrated checker would follow. Each point's area
// grows with its bin's count, so a far-off bin of three flags does not read like one of three hundred.
import { frame, OURS, svgDocument, W } from './plot-frame.mjs';

const SERIES = [['flags', OURS], ['fixes', '#0c8599']];

function panel(title, calibration, dx) {
  const { x, y, head, axes } = frame(dx, title, 'mean predicted p (bin of 0.1)', 'observed rate');
  const out = [...head, ...axes,
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#aaa" stroke-dasharray="4 3"/>`];
  SERIES.forEach(([kind, colour], k) => {
    const r = calibration[kind];
    if (!r) return;
    const bins = r.bins.filter((b) => b.n);
    const most = Math.max(...bins.map((b) => b.n));
    out.push(`<polyline points="${bins.map((b) => `${x(b.meanP).toFixed(1)},${y(b.rate).toFixed(1)}`).join(' ')}" fill="none" stroke="${colour}" stroke-width="1.5"/>`,
      ...bins.map((b) => `<circle cx="${x(b.meanP).toFixed(1)}" cy="${y(b.rate).toFixed(1)}" r="${(2 + 5 * Math.sqrt(b.n / most)).toFixed(1)}" fill="${colour}" fill-opacity="0.6"><title>${kind}: p ${b.lo.toFixed(1)}–${b.hi.toFixed(1)}, n ${b.n}, mean p ${b.meanP.toFixed(3)}, rate ${b.rate.toFixed(3)}</title></circle>`),
      `<text x="${x(0) + 8}" y="${y(1) + 16 + 14 * k}" font-size="11" fill="${colour}">${kind}: ECE ${r.ece.toFixed(3)}, n ${r.n}</text>`);
  });
  return out.join('\n');
}

/** sets: [{ title, calibration: { flags, fixes } }] (scorer.mjs calibrationRows; fixes may be null). */
export function calibrationPlot(sets) {
  return svgDocument(sets.map((s, i) => panel(s.title, s.calibration, i * W)),
    `<tspan fill="${SERIES[0][1]}">● flags: p that the text is wrong</tspan>  <tspan fill="${SERIES[1][1]}">● fixes: p of each suggestion</tspan>  (area: count; dashed: calibrated)`);
}
