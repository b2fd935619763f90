import * as vega from 'vega';

export interface BarChartRow {
  label: string;
  value: number;
}

const BRAND = '#00703c';
const TARGET = '#d4351c';

/** A label cut to `max` characters, with an ellipsis, so that long unit names fit. */
const shortened = (label: string, max: number) =>
  label.length > max ? `${label.slice(0, max - 1)}…` : label;

/** The frame every chart shares: its size, padding and white background. */
const frame = (width: number, height: number) => ({ width, height, padding: 8, background: 'white' });

/** The axis of the values, with its title and grid lines. */
function valueAxis(orient: 'bottom' | 'left', scale: string, title: string): vega.Axis {
  return { orient, scale, title, labelFontSize: 12, titleFontSize: 13, grid: true };
}

/** Months along the bottom (a point per label, in order) and the values of `shown` up the side, from zero. */
function monthScales(labels: string, shown: string): vega.Scale[] {
  return [
    { name: 'x', type: 'point', domain: { data: labels, field: 'label' }, range: 'width', padding: 0.5 },
    {
      name: 'y',
      type: 'linear',
      domain: { data: shown, field: 'value' },
      range: 'height',
      nice: true,
      zero: true,
    },
  ];
}

/** The values that are shown, not withheld: a null value leaves a gap in its line. */
const shownValues = (source: string): vega.Data => ({
  name: 'shown',
  source,
  transform: [{ type: 'filter', expr: 'datum.value != null' }],
});

/** Renders a chart to SVG on the server: no canvas, no browser. */
async function render(spec: vega.Spec): Promise<string> {
  return withShortCoordinates(await new vega.View(vega.parse(spec), { renderer: 'none' }).toSVG());
}

/**
 * The SVG with the positions of its marks (`transform` and path `d` attributes) to a hundredth of
 * a pixel, as no screen shows more: a chart of a thousand points is about an eighth smaller. Text is left
 * as it is.
 */
export function withShortCoordinates(svg: string): string {
  return svg.replace(/ (transform|d)="([^"]*)"/g, (_, name: string, value: string) => {
    const short = value.replace(/(\d+\.\d\d)\d+/g, '$1');
    return ` ${name}="${short}"`;
  });
}

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
    label: shortened(r.label, 48),
    value: r.value,
  }));
  const barHeight = 22;
  const spec: vega.Spec = {
    ...frame(options.width ?? 560, Math.max(barHeight * rows.length, barHeight)),
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
      valueAxis('bottom', 'x', options.valueTitle),
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
  return render(spec);
}

/** An SVG as a data URL for an <img>, which the content security policy allows. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

export interface TrendPoint {
  label: string;
  /** Null where the value is not shown: the line breaks there. */
  value: number | null;
}

/**
 * A line chart of one figure over time (months, in order), rendered on the server to SVG with
 * Vega. A null value leaves a gap. Shown with the table of the same numbers beside it.
 */
export async function trendChartSvg(options: {
  points: readonly TrendPoint[];
  valueTitle: string;
  width?: number;
}): Promise<string> {
  const values = options.points.map((p) => ({ label: p.label, value: p.value }));
  const spec: vega.Spec = {
    ...frame(options.width ?? 560, 240),
    data: [{ name: 'points', values }, shownValues('points')],
    scales: monthScales('points', 'shown'),
    axes: [
      { orient: 'bottom', scale: 'x', labelFontSize: 11, labelAngle: -40, labelAlign: 'right' },
      valueAxis('left', 'y', options.valueTitle),
    ],
    marks: [
      {
        type: 'line',
        from: { data: 'points' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'label' },
            y: { scale: 'y', field: 'value' },
            defined: { signal: 'datum.value != null' },
            stroke: { value: BRAND },
            strokeWidth: { value: 2.5 },
          },
        },
      },
      {
        type: 'symbol',
        from: { data: 'shown' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'label' },
            y: { scale: 'y', field: 'value' },
            fill: { value: BRAND },
            size: { value: 50 },
          },
        },
      },
    ],
  };
  return render(spec);
}

export interface FunnelPoint {
  label: string;
  hoursAvailable: number;
  /** The unit's absence rate, %. */
  ratePct: number;
  /** Where it lies against the limits: outside points are triangles, beyond 99.8% labelled. */
  position: 'above-998' | 'above-95' | 'within' | 'below-95' | 'below-998';
}

export interface FunnelCurvePoint {
  hours: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

const ABOVE = '#b21e0b';
const BELOW = '#1d70b8';
const WITHIN = '#505a5f';

/**
 * A funnel plot (SPEC §4D hotspots): each unit's absence rate (%) against its hours available,
 * the organisation's rate as the centre line and the 95% (dashed) and 99.8% (dotted) control
 * limits as curves. Units above the limits are red triangles pointing up, below them blue
 * triangles pointing down, so the meaning never rests on colour alone; units beyond the 99.8%
 * limits are labelled. Rendered on the server to SVG with Vega, with the table of the same figures beside it.
 */
export async function funnelPlotSvg(options: {
  points: readonly FunnelPoint[];
  curves: readonly FunnelCurvePoint[];
  /** The organisation's rate, %. */
  centrePct: number;
  width?: number;
  height?: number;
}): Promise<string> {
  const maxRate = Math.max(0, ...options.points.map((p) => p.ratePct));
  const yMax = Math.min(100, Math.max(maxRate * 1.15, options.centrePct * 2.5, 1));
  const maxHours = Math.max(
    1,
    ...options.points.map((p) => p.hoursAvailable),
    ...options.curves.map((c) => c.hours),
  );
  const points = options.points.map((p) => ({
    label: shortened(p.label, 32),
    hours: p.hoursAvailable,
    rate: p.ratePct,
    position: p.position,
    shape: p.position.startsWith('above')
      ? 'triangle-up'
      : p.position.startsWith('below')
        ? 'triangle-down'
        : 'circle',
    colour: p.position.startsWith('above') ? ABOVE : p.position.startsWith('below') ? BELOW : WITHIN,
  }));
  const limitLine = (field: keyof FunnelCurvePoint, dash: number[]): vega.Mark => ({
    type: 'line',
    from: { data: 'curves' },
    clip: true,
    encode: {
      enter: {
        x: { scale: 'x', field: 'hours' },
        y: { scale: 'y', field },
        stroke: { value: '#0b0c0c' },
        strokeWidth: { value: 1.5 },
        strokeDash: { value: dash },
      },
    },
  });
  const spec: vega.Spec = {
    ...frame(options.width ?? 620, options.height ?? 360),
    data: [
      { name: 'points', values: points },
      { name: 'curves', values: [...options.curves] },
      {
        name: 'outside',
        source: 'points',
        transform: [
          { type: 'filter', expr: "datum.position == 'above-998' || datum.position == 'below-998'" },
        ],
      },
    ],
    scales: [
      { name: 'x', type: 'linear', domain: [0, maxHours * 1.05], range: 'width', nice: true, zero: true },
      { name: 'y', type: 'linear', domain: [0, yMax], range: 'height', nice: true, zero: true },
    ],
    axes: [
      {
        orient: 'bottom',
        scale: 'x',
        title: 'Hours available',
        format: ',.0f',
        labelFontSize: 12,
        titleFontSize: 13,
        labelOverlap: true,
      },
      valueAxis('left', 'y', 'Absence rate (%)'),
    ],
    marks: [
      limitLine('upper998', [2, 3]),
      limitLine('lower998', [2, 3]),
      limitLine('upper95', [6, 4]),
      limitLine('lower95', [6, 4]),
      {
        type: 'rule',
        encode: {
          enter: {
            x: { value: 0 },
            x2: { signal: 'width' },
            y: { scale: 'y', value: options.centrePct },
            stroke: { value: BRAND },
            strokeWidth: { value: 2 },
          },
        },
      },
      {
        type: 'symbol',
        from: { data: 'points' },
        clip: true,
        encode: {
          enter: {
            x: { scale: 'x', field: 'hours' },
            y: { scale: 'y', field: 'rate' },
            shape: { field: 'shape' },
            fill: { field: 'colour' },
            stroke: { value: 'white' },
            strokeWidth: { value: 0.5 },
            size: { value: 90 },
          },
        },
      },
      {
        type: 'text',
        from: { data: 'outside' },
        clip: true,
        encode: {
          enter: {
            x: { scale: 'x', field: 'hours' },
            y: { scale: 'y', field: 'rate' },
            dx: { value: 8 },
            dy: { value: 4 },
            text: { field: 'label' },
            fontSize: { value: 11 },
            fill: { value: '#0b0c0c' },
          },
        },
      },
    ],
  };
  return render(spec);
}

export interface LineSeries {
  name: string;
  points: readonly TrendPoint[];
}

/** Colours told apart by most people, each line also drawn with its own dash and marker. */
const SERIES_COLOURS = [
  '#1d70b8',
  '#d4351c',
  '#00703c',
  '#4c2c92',
  '#f47738',
  '#28a197',
  '#505a5f',
  '#b58840',
];
const SERIES_DASHES = [
  [1, 0],
  [8, 4],
  [2, 3],
  [10, 3, 2, 3],
];
const SERIES_SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'triangle-down', 'cross'];

/**
 * A line chart of several series over the same months (in order), with a legend: one line per
 * group, told apart by colour, dash and marker so that colour is never the only difference. A
 * null value leaves a gap. Rendered on the server to SVG with Vega, with the table beside it.
 */
export async function multiLineChartSvg(options: {
  series: readonly LineSeries[];
  valueTitle: string;
  width?: number;
  height?: number;
}): Promise<string> {
  const labels: string[] = [];
  for (const series of options.series) {
    for (const point of series.points) if (!labels.includes(point.label)) labels.push(point.label);
  }
  const names = options.series.map((s) => shortened(s.name, 40));
  const values = options.series.flatMap((series, i) =>
    series.points.map((p) => ({ series: names[i], label: p.label, value: p.value })),
  );
  const pick = <T>(list: readonly T[]) => names.map((_, i) => list[i % list.length] as T);
  const spec: vega.Spec = {
    ...frame(options.width ?? 620, options.height ?? 280),
    data: [
      { name: 'labels', values: labels.map((label) => ({ label })) },
      { name: 'values', values },
      shownValues('values'),
    ],
    scales: [
      ...monthScales('labels', 'shown'),
      { name: 'colour', type: 'ordinal', domain: names, range: pick(SERIES_COLOURS) },
      { name: 'dash', type: 'ordinal', domain: names, range: pick(SERIES_DASHES) },
      { name: 'shape', type: 'ordinal', domain: names, range: pick(SERIES_SHAPES) },
    ],
    axes: [
      {
        orient: 'bottom',
        scale: 'x',
        labelFontSize: 11,
        labelAngle: -40,
        labelAlign: 'right',
        labelOverlap: 'greedy',
      },
      valueAxis('left', 'y', options.valueTitle),
    ],
    legends: [
      {
        stroke: 'colour',
        strokeDash: 'dash',
        orient: 'bottom',
        direction: 'vertical',
        columns: names.length > 4 ? 2 : 1,
        symbolType: 'stroke',
        symbolStrokeWidth: 2.5,
        symbolSize: 400,
        labelFontSize: 12,
        labelLimit: 280,
      },
    ],
    marks: [
      {
        type: 'group',
        from: { facet: { name: 'series', data: 'values', groupby: 'series' } },
        marks: [
          {
            type: 'line',
            from: { data: 'series' },
            encode: {
              enter: {
                x: { scale: 'x', field: 'label' },
                y: { scale: 'y', field: 'value' },
                defined: { signal: 'datum.value != null' },
                stroke: { scale: 'colour', field: 'series' },
                strokeDash: { scale: 'dash', field: 'series' },
                strokeWidth: { value: 2 },
              },
            },
          },
        ],
      },
      {
        type: 'symbol',
        from: { data: 'shown' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'label' },
            y: { scale: 'y', field: 'value' },
            shape: { scale: 'shape', field: 'series' },
            fill: { scale: 'colour', field: 'series' },
            size: { value: labels.length > 36 ? 12 : 30 },
          },
        },
      },
    ],
  };
  return render(spec);
}
