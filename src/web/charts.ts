import * as vega from 'vega';

export interface BarChartRow {
  label: string;
  value: number;
}

const BRAND = '#00703c';
const TARGET = '#d4351c';

/**
 * A horizontal bar chart rendered on the server to SVG with Vega. Shown as an image whose text
 * alternative points to the table of the same numbers, which every chart has beside it.
 */
export async function barChartSvg(options: {
  rows: readonly BarChartRow[];
  valueTitle: string;
  target?: { value: number; label: string } | null;
  width?: number;
}): Promise<string> {
  const rows = options.rows.map((r) => ({
    label: r.label.length > 48 ? `${r.label.slice(0, 47)}…` : r.label,
    value: r.value,
  }));
  const barHeight = 22;
  const spec: vega.Spec = {
    width: options.width ?? 560,
    height: Math.max(barHeight * rows.length, barHeight),
    padding: 8,
    background: 'white',
    data: [
      { name: 'rows', values: rows },
      { name: 'target', values: options.target ? [options.target] : [] },
    ],
    scales: [
      { name: 'y', type: 'band', domain: { data: 'rows', field: 'label' }, range: 'height', padding: 0.2 },
      {
        name: 'x',
        type: 'linear',
        domain: {
          fields: [
            { data: 'rows', field: 'value' },
            { data: 'target', field: 'value' },
          ],
        },
        range: 'width',
        nice: true,
        zero: true,
      },
    ],
    axes: [
      {
        orient: 'bottom',
        scale: 'x',
        title: options.valueTitle,
        labelFontSize: 12,
        titleFontSize: 13,
        grid: true,
      },
      { orient: 'left', scale: 'y', labelFontSize: 12, labelLimit: 260 },
    ],
    marks: [
      {
        type: 'rect',
        from: { data: 'rows' },
        encode: {
          enter: {
            y: { scale: 'y', field: 'label' },
            height: { scale: 'y', band: 1 },
            x: { scale: 'x', value: 0 },
            x2: { scale: 'x', field: 'value' },
            fill: { value: BRAND },
          },
        },
      },
      {
        type: 'rule',
        from: { data: 'target' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'value' },
            y: { value: 0 },
            y2: { signal: 'height' },
            stroke: { value: TARGET },
            strokeWidth: { value: 2 },
            strokeDash: { value: [6, 4] },
          },
        },
      },
    ],
  };
  return new vega.View(vega.parse(spec), { renderer: 'none' }).toSVG();
}

/** An SVG as a data URL for an <img>, which the content security policy allows. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
