import type * as vega from 'vega';

export interface BarChartRow {
  label: string;
  value: number;
}

const BRAND = '#00703c';
const TARGET = '#d4351c';

/**
 * The size of every piece of text in a chart, in the SVG's own pixels. A chart is drawn no wider
 * than the page's content at 1280 px ({@link MAX_CHART_WIDTH}), so it is never scaled down there
 * and its text reads at least this size.
 */
export const CHART_FONT_SIZE = 14;
const TITLE_FONT_SIZE = 15;
/** The width of the page's content at 1280 px: no chart is drawn wider. */
export const MAX_CHART_WIDTH = 960;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/**
 * The width of a text in a sans-serif font, as a share of its size, by character, on the wide
 * side (DejaVu Sans, wider than Arial or Segoe UI), so that a text fits wherever it is read.
 * Vega's own estimate without a canvas (0.8 of the size for every character) cuts labels short.
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const c of text) {
    if ("il.,:;'|!".includes(c)) em += 0.3;
    else if ('ftrjI()[] -'.includes(c)) em += 0.4;
    else if ('mwMW'.includes(c)) em += 0.98;
    else if (/[A-Z]/.test(c)) em += 0.74;
    else if (/[0-9]/.test(c)) em += 0.64;
    else em += 0.62;
  }
  return em * fontSize;
}
let vegaLoaded: Promise<typeof vega> | null = null;

/**
 * Vega, loaded when a chart is first drawn rather than with every page of the service, and set
 * to measure text with `textWidth`: Vega measures text with `textMetrics.width` (it exports it,
 * though its types do not say so).
 */
function loadVega(): Promise<typeof vega> {
  vegaLoaded ??= import('vega').then((loaded) => {
    const { textMetrics } = loaded as unknown as {
      textMetrics: { width: (item: { fontSize?: unknown; text?: unknown }, text?: unknown) => number };
    };
    textMetrics.width = (item, text) => {
      const words = text ?? item.text;
      const shown = Array.isArray(words)
        ? words.join(' ')
        : typeof words === 'string' || typeof words === 'number'
          ? String(words)
          : '';
      return textWidth(shown, typeof item.fontSize === 'number' ? item.fontSize : 11);
    };
    return loaded;
  });
  return vegaLoaded;
}

/**
 * A unit's own name and the path of the units above it: 'Adult Social Care > Home Care' →
 * 'Home Care', 'Adult Social Care'. A label that is not a unit's path is its own name.
 */
export function ownName(label: string): { name: string; parent: string | null } {
  const levels = label.split(' > ');
  const name = levels.pop() ?? label;
  return { name, parent: levels.length > 0 ? levels.join(' > ') : null };
}

/**
 * The name each of the labels is shown by: its own name, or where two units share a name (every
 * directorate's "Management Team"), its own name with the unit above it.
 */
function shownNames(labels: readonly string[]): string[] {
  const names = labels.map(ownName);
  const count = new Map<string, number>();
  for (const { name } of names) count.set(name, (count.get(name) ?? 0) + 1);
  return names.map(({ name, parent }) =>
    (count.get(name) ?? 0) > 1 && parent ? `${name} (${ownName(parent).name})` : name,
  );
}

/**
 * A label in lines no wider than `limit` pixels, broken between words, at most `maxLines` of
 * them: the last takes what is left, and only there does Vega shorten it with an ellipsis.
 */
export function labelLines(text: string, limit: number, fontSize: number, maxLines = 3): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && textWidth(`${last} ${word}`, fontSize) <= limit)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length <= maxLines) return lines;
  return [...lines.slice(0, maxLines - 1), lines.slice(maxLines - 1).join(' ')];
}

const formatNumber = (value: number, digits: number) =>
  value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * The frame every chart shares: its size (the whole image is `width` wide, axes and legends
 * included), padding, white background and text.
 */
const frame = (width: number, height: number) => ({
  width: Math.min(width, MAX_CHART_WIDTH),
  height,
  padding: 8,
  autosize: { type: 'fit-x', contains: 'padding' } as const,
  background: 'white',
  config: {
    text: { font: FONT, fontSize: CHART_FONT_SIZE },
    axis: {
      labelFont: FONT,
      titleFont: FONT,
      labelFontSize: CHART_FONT_SIZE,
      titleFontSize: TITLE_FONT_SIZE,
    },
    legend: {
      labelFont: FONT,
      titleFont: FONT,
      labelFontSize: CHART_FONT_SIZE,
      titleFontSize: TITLE_FONT_SIZE,
    },
  },
});

/** The axis of the values, with its title and grid lines. */
function valueAxis(orient: 'bottom' | 'left', scale: string, title: string): vega.Axis {
  return { orient, scale, title, grid: true, labelOverlap: true };
}

/** Months along the bottom, slanted, as many named as fit without overlapping. */
const monthAxis: vega.Axis = {
  orient: 'bottom',
  scale: 'x',
  labelAngle: -40,
  labelAlign: 'right',
  labelOverlap: 'greedy',
};

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
  const { View, parse } = await loadVega();
  return finished(await new View(parse(spec), { renderer: 'none' }).toSVG());
}

/** The SVG as it is sent: short coordinates, and each mark's description as its tooltip. */
const finished = (svg: string) => withTooltips(withShortCoordinates(svg));

/**
 * Each mark that has a description (Vega writes it as `aria-label`) with it as its `<title>`
 * instead, which a browser shows as a tooltip where the SVG is opened.
 */
export function withTooltips(svg: string): string {
  return svg.replace(
    /<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="[^"]*"([^>]*)\/>/g,
    (_, title: string, rest: string) => `<path${rest}><title>${title}</title></path>`,
  );
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
  const width = Math.min(options.width ?? 720, MAX_CHART_WIDTH);
  const labelLimit = Math.round(width * 0.45);
  const names = shownNames(options.rows.map((r) => r.label));
  // A long name is broken over lines rather than cut short; the lines are kept in the label,
  // one to a line, and drawn as lines by the axis.
  const lines = options.rows.map((r, i) => labelLines(names[i] ?? r.label, labelLimit, CHART_FONT_SIZE));
  const rows = options.rows.map((r, i) => ({
    label: (lines[i] ?? [r.label]).join('\n'),
    value: r.value,
    description: `${r.label}: ${formatNumber(r.value, 2)}`,
  }));
  const mostLines = Math.max(1, ...lines.map((l) => l.length));
  const barHeight = Math.max(30, mostLines * (CHART_FONT_SIZE + 3) + 12);
  const spec: vega.Spec = {
    ...frame(width, Math.max(barHeight * rows.length, barHeight)),
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
      {
        orient: 'left',
        scale: 'y',
        labelLimit,
        encode: { labels: { update: { text: { signal: "split(datum.value, '\\n')" } } } },
      },
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
            description: { field: 'description' },
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
    ...frame(options.width ?? 720, 260),
    data: [{ name: 'points', values }, shownValues('points')],
    scales: monthScales('points', 'shown'),
    axes: [monthAxis, valueAxis('left', 'y', options.valueTitle)],
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
            description: { signal: "datum.label + ': ' + format(datum.value, ',.2f')" },
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

export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedLabel {
  /** Which of the candidates it labels. */
  index: number;
  text: string;
  /** Where its text starts (or ends, for 'end') and its middle, in the plot's pixels. */
  x: number;
  y: number;
  align: 'start' | 'end';
  box: LabelBox;
}

const overlaps = (a: LabelBox, b: LabelBox) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Labels for the points that can have one: each candidate, in order (the most important first),
 * gets the first place beside its point (right, left, above, below) where its text lies wholly
 * inside the plot and covers neither another label nor any point. A point without room is left
 * unlabelled: its tooltip and the table name it.
 */
export function placeLabels(
  candidates: readonly { x: number; y: number; text: string }[],
  options: {
    width: number;
    height: number;
    fontSize: number;
    /** Every point drawn, labelled or not, which no label may cover. */
    points: readonly { x: number; y: number }[];
    /** How far a point's mark reaches from its centre. */
    radius: number;
  },
): PlacedLabel[] {
  const { fontSize, radius } = options;
  const height = Math.ceil(fontSize * 1.25);
  const gap = radius + 3;
  // Above or below, clear of a label beside the point.
  const rise = Math.max(gap, Math.ceil(height / 2) + 1);
  const pointBoxes = options.points.map((p) => ({
    x: p.x - radius,
    y: p.y - radius,
    width: 2 * radius,
    height: 2 * radius,
  }));
  const placed: PlacedLabel[] = [];
  candidates.forEach((candidate, index) => {
    const width = Math.ceil(textWidth(candidate.text, fontSize));
    const { x, y } = candidate;
    const places: { x: number; y: number; align: 'start' | 'end'; box: LabelBox }[] = [
      { x: x + gap, y, align: 'start', box: { x: x + gap, y: y - height / 2, width, height } },
      { x: x - gap, y, align: 'end', box: { x: x - gap - width, y: y - height / 2, width, height } },
      {
        x: x - width / 2,
        y: y - rise - height / 2,
        align: 'start',
        box: { x: x - width / 2, y: y - rise - height, width, height },
      },
      {
        x: x - width / 2,
        y: y + rise + height / 2,
        align: 'start',
        box: { x: x - width / 2, y: y + rise, width, height },
      },
    ];
    const place = places.find(
      ({ box }) =>
        box.x >= 0 &&
        box.y >= 0 &&
        box.x + box.width <= options.width &&
        box.y + box.height <= options.height &&
        !placed.some((other) => overlaps(box, other.box)) &&
        !pointBoxes.some((point) => overlaps(box, point)),
    );
    if (place) placed.push({ index, text: candidate.text, ...place });
  });
  return placed;
}

/**
 * A funnel plot (SPEC §4D hotspots): each unit's absence rate (%) against its hours available,
 * the organisation's rate as the centre line and the 95% (dashed) and 99.8% (dotted) control
 * limits as curves. Units above the limits are red triangles pointing up, below them blue
 * triangles pointing down, so the meaning never rests on colour alone. Units beyond the 99.8%
 * limits are labelled with their own name where that fits inside the plot without covering
 * another label or point, the furthest from the centre line first; every point's tooltip names
 * its unit in full. Rendered on the server to SVG with Vega, with the table of the same figures
 * beside it.
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
  const names = shownNames(options.points.map((p) => p.label));
  const points = options.points.map((p, i) => ({
    name: names[i] ?? p.label,
    hours: p.hoursAvailable,
    rate: p.ratePct,
    position: p.position,
    shape: p.position.startsWith('above')
      ? 'triangle-up'
      : p.position.startsWith('below')
        ? 'triangle-down'
        : 'circle',
    colour: p.position.startsWith('above') ? ABOVE : p.position.startsWith('below') ? BELOW : WITHIN,
    description: `${p.label}: ${formatNumber(p.ratePct, 2)}% of ${formatNumber(p.hoursAvailable, 0)} hours available, ${FUNNEL_POSITION_WORDS[p.position]}`,
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
    ...frame(options.width ?? 900, options.height ?? 400),
    data: [
      { name: 'points', values: points },
      { name: 'curves', values: [...options.curves] },
      { name: 'labels', values: [] },
    ],
    scales: [
      { name: 'x', type: 'linear', domain: [0, maxHours * 1.05], range: 'width', nice: true, zero: true },
      { name: 'y', type: 'linear', domain: [0, yMax], range: 'height', nice: true, zero: true },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: 'Hours available', format: ',.0f', labelOverlap: true },
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
        name: 'unit-points',
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
            size: { value: POINT_SIZE },
            description: { field: 'description' },
          },
        },
      },
      {
        type: 'text',
        name: 'point-labels',
        from: { data: 'labels' },
        encode: {
          update: {
            x: { field: 'x' },
            y: { field: 'y' },
            align: { field: 'align' },
            baseline: { value: 'middle' },
            text: { field: 'text' },
            fill: { value: '#0b0c0c' },
          },
        },
      },
    ],
  };
  // The plot is laid out first, so that the labels can be placed where its scales put the points.
  const { View, parse } = await loadVega();
  const view = new View(parse(spec), { renderer: 'none' });
  await view.runAsync();
  const x = view.scale('x') as (value: number) => number;
  const y = view.scale('y') as (value: number) => number;
  const drawn = points.map((p) => ({ x: x(p.hours), y: y(p.rate) }));
  const distance = (p: (typeof points)[number]) => Math.abs(p.rate - options.centrePct);
  const candidates = points
    .map((p, i) => ({ p, at: drawn[i] ?? { x: 0, y: 0 } }))
    .filter(({ p }) => p.position === 'above-998' || p.position === 'below-998')
    .sort((a, b) => distance(b.p) - distance(a.p))
    .map(({ p, at }) => ({ ...at, text: p.name }));
  const labels = placeLabels(candidates, {
    width: view.width(),
    height: view.height(),
    fontSize: CHART_FONT_SIZE,
    points: drawn,
    radius: Math.ceil(Math.sqrt(POINT_SIZE) / 1.5),
  });
  view.data(
    'labels',
    labels.map(({ x, y, align, text }) => ({ x, y, align: align === 'start' ? 'left' : 'right', text })),
  );
  await view.runAsync();
  return finished(await view.toSVG());
}

/** The area of each point's mark, in square pixels. */
const POINT_SIZE = 90;

const FUNNEL_POSITION_WORDS: Record<FunnelPoint['position'], string> = {
  'above-998': 'above the 99.8% limit',
  'above-95': 'above the 95% limit',
  within: 'within the limits',
  'below-95': 'below the 95% limit',
  'below-998': 'below the 99.8% limit',
};

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
  const names = options.series.map((s) => s.name);
  const width = Math.min(options.width ?? 720, MAX_CHART_WIDTH);
  // The legend below the chart, in two columns where every name fits in half the width, else one.
  const symbolRoom = 40;
  const longest = Math.max(0, ...names.map((name) => textWidth(name, CHART_FONT_SIZE)));
  const columns = names.length > 2 && longest + symbolRoom <= (width - 16) / 2 - 24 ? 2 : 1;
  const labelLimit = Math.floor((width - 16) / columns - symbolRoom - 24);
  const values = options.series.flatMap((series, i) =>
    series.points.map((p) => ({ series: names[i], label: p.label, value: p.value })),
  );
  const pick = <T>(list: readonly T[]) => names.map((_, i) => list[i % list.length] as T);
  const spec: vega.Spec = {
    ...frame(width, options.height ?? 280),
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
    axes: [monthAxis, valueAxis('left', 'y', options.valueTitle)],
    legends: [
      {
        stroke: 'colour',
        strokeDash: 'dash',
        orient: 'bottom',
        direction: 'vertical',
        columns,
        columnPadding: 24,
        symbolType: 'stroke',
        symbolStrokeWidth: 2.5,
        symbolSize: 400,
        labelLimit,
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
            description: { signal: "datum.series + ', ' + datum.label + ': ' + format(datum.value, ',.2f')" },
          },
        },
      },
    ],
  };
  return render(spec);
}
