import { escapeXml } from '../schedule-formats';

/**
 * Charts as server-rendered SVG: no script, readable without colour (values are written next to the bars), dark bars
 * on white (contrast above 7:1), and each chart an image with a title and a description for screen readers. The page
 * shows the same figures as a table too.
 */

export interface Bar {
  label: string;
  value: number;
}

export interface ChartText {
  /** Unique within the page: the ids of <title> and <desc> derive from it. */
  id: string;
  title: string;
  desc: string;
}

const INK = '#1a1a1a';
const BAR = '#1d5c96';
const GRID = '#767676';
const FONT = 'font-family="system-ui, sans-serif" font-size="13"';

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const round = (n: number) => Math.round(n * 10) / 10;

function open(text: ChartText, width: number, height: number): string {
  const id = escapeXml(text.id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 ${width} ${height}" width="${width}" ` +
    // No style attribute (the CSP allows none): the stylesheet lets .chart shrink to its container.
    `aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeXml(text.title)}</title><desc id="${id}-desc">${escapeXml(text.desc)}</desc>`
  );
}

/**
 * Horizontal bars, one per entry, largest scale at the longest bar, each labelled and with its value.
 * @example horizontalBarChart({ id: 'orgs', title: 'Per virksomhet', desc: 'Nav 12, NHO 3' }, [{ label: 'Nav', value: 12 }])
 */
export function horizontalBarChart(text: ChartText, bars: readonly Bar[]): string {
  const width = 640;
  const labelWidth = 220;
  const rowHeight = 26;
  const top = 8;
  const height = top * 2 + Math.max(1, bars.length) * rowHeight;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const scale = (width - labelWidth - 56) / max;
  const rows = bars.map((bar, i) => {
    const y = top + i * rowHeight;
    const w = round(Math.max(bar.value > 0 ? 2 : 0, bar.value * scale));
    return (
      `<g><text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" fill="${INK}" ${FONT}>${escapeXml(clip(bar.label, 30))}</text>` +
      `<rect class="bar" x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 8}" fill="${BAR}"/>` +
      `<text x="${labelWidth + w + 6}" y="${y + 17}" fill="${INK}" ${FONT}>${bar.value}</text></g>`
    );
  });
  return `${open(text, width, height)}<line x1="${labelWidth}" y1="${top}" x2="${labelWidth}" y2="${height - top}" stroke="${GRID}"/>${rows.join('')}</svg>`;
}

/**
 * Vertical bars over time (one per day, say), with the highest value marked on the axis and the first and last label
 * under the bars; every bar is drawn even when there are many (they get thinner).
 * @example columnChart({ id: 'days', title: 'Påmeldinger per dag', desc: '…' }, [{ label: '1.3.', value: 4 }])
 */
export function columnChart(text: ChartText, bars: readonly Bar[]): string {
  const width = 640;
  const height = 240;
  const left = 40;
  const right = 8;
  const top = 12;
  const bottom = 36;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = plotW / Math.max(1, bars.length);
  const gap = slot > 6 ? Math.min(4, slot * 0.2) : 0;
  const columns = bars.map((bar, i) => {
    const h = round((bar.value / max) * plotH);
    return `<rect class="bar" x="${round(left + i * slot + gap / 2)}" y="${round(top + plotH - h)}" width="${round(Math.max(0.5, slot - gap))}" height="${h}" fill="${BAR}"/>`;
  });
  const baseY = top + plotH;
  const labels: string[] = [];
  const first = bars[0];
  const last = bars[bars.length - 1];
  if (first) labels.push(`<text x="${left}" y="${baseY + 20}" fill="${INK}" ${FONT}>${escapeXml(first.label)}</text>`);
  if (last && bars.length > 1) labels.push(`<text x="${width - right}" y="${baseY + 20}" text-anchor="end" fill="${INK}" ${FONT}>${escapeXml(last.label)}</text>`);
  return (
    `${open(text, width, height)}` +
    `<line x1="${left}" y1="${baseY}" x2="${width - right}" y2="${baseY}" stroke="${GRID}"/>` +
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${baseY}" stroke="${GRID}"/>` +
    `<text x="${left - 6}" y="${top + 10}" text-anchor="end" fill="${INK}" ${FONT}>${max}</text>` +
    `<text x="${left - 6}" y="${baseY}" text-anchor="end" fill="${INK}" ${FONT}>0</text>` +
    `${columns.join('')}${labels.join('')}</svg>`
  );
}
