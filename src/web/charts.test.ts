import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withShortCoordinates } from './charts.ts';

test('charts: mark positions are kept to a hundredth of a pixel, and text as it is', () => {
  assert.equal(
    withShortCoordinates(
      '<path transform="translate(252.526,317.85837045350917)" d="M0,4.108L-4.7431,-4.1"/><text transform="translate(1.23456,0)">12.3456%</text>',
    ),
    '<path transform="translate(252.52,317.85)" d="M0,4.10L-4.74,-4.1"/><text transform="translate(1.23,0)">12.3456%</text>',
  );
});

import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import {
  barChartSvg,
  labelLines,
  CHART_FONT_SIZE,
  funnelPlotSvg,
  MAX_CHART_WIDTH,
  multiLineChartSvg,
  placeLabels,
  textWidth,
  trendChartSvg,
  type FunnelPoint,
} from './charts.ts';

/** A text of a chart where it is drawn: its words and its box, in the whole image's pixels. */
interface DrawnText {
  text: string;
  fontSize: number;
  box: { x: number; y: number; width: number; height: number };
}

/** Each text of the SVG, in the mark or guide group with class `group` (any when omitted). */
function drawnTexts(svg: string, group?: string): DrawnText[] {
  const $ = cheerio.load(svg, { xml: true });
  const selector = group ? `g.${group} text` : 'text';
  return $(selector)
    .toArray()
    .map((node) => {
      const element = node as Element;
      let x = 0;
      let y = 0;
      for (let at: Element | null = element; at; at = at.parent as Element | null) {
        const transform = at.attribs?.transform ?? '';
        const translate = /translate\(([-\d.]+),([-\d.]+)\)/.exec(transform);
        if (translate) {
          x += Number(translate[1]);
          y += Number(translate[2]);
        }
      }
      const text = $(element).text();
      const fontSize = Number.parseFloat(element.attribs['font-size'] ?? '0');
      const width = textWidth(text, fontSize);
      const anchor = element.attribs['text-anchor'] ?? 'start';
      const left = anchor === 'end' ? x - width : anchor === 'middle' ? x - width / 2 : x;
      // Vega places a middle-baseline text's baseline about a third of its size below the middle.
      return { text, fontSize, box: { x: left, y: y - fontSize, width, height: fontSize * 1.25 } };
    });
}

const viewBox = (svg: string) => {
  const match = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  return { width: Number(match?.[1]), height: Number(match?.[2]) };
};

const boxesOverlap = (a: DrawnText['box'], b: DrawnText['box']) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** A crowded funnel plot: many teams beyond the limits at much the same size and rate. */
function crowdedFunnel() {
  const points: FunnelPoint[] = [];
  for (let i = 0; i < 30; i++) {
    points.push({
      label: `Directorate ${i % 3} > Service ${i % 5} > Team with a rather long name ${i}`,
      hoursAvailable: 20_000 + (i % 6) * 500,
      ratePct: i % 2 === 0 ? 9 + (i % 4) * 0.1 : 1 + (i % 4) * 0.1,
      position: i % 2 === 0 ? 'above-998' : 'below-998',
    });
  }
  // One at the far right edge, where a label to its right would be cut off.
  points.push({
    label: 'Medicine > Emergency Department',
    hoursAvailable: 90_000,
    ratePct: 8,
    position: 'above-998',
  });
  const curves = [0, 30_000, 60_000, 90_000].map((hours) => ({
    hours,
    lower95: 4,
    upper95: 6,
    lower998: 3,
    upper998: 7,
  }));
  return { points, curves, centrePct: 5 };
}

test('charts: no two funnel-plot labels overlap, and every label lies inside the image', async () => {
  const svg = await funnelPlotSvg(crowdedFunnel());
  const labels = drawnTexts(svg, 'point-labels');
  assert.ok(labels.length >= 3, 'some of the points have room for a label');
  assert.ok(labels.length < 31, 'the crowded points are not all labelled');
  const { width, height } = viewBox(svg);
  for (const [i, label] of labels.entries()) {
    assert.ok(
      label.box.x >= 0 && label.box.x + label.box.width <= width,
      `${label.text} is inside the width`,
    );
    assert.ok(
      label.box.y >= 0 && label.box.y + label.box.height <= height,
      `${label.text} is inside the height`,
    );
    for (const other of labels.slice(i + 1)) {
      assert.ok(!boxesOverlap(label.box, other.box), `${label.text} and ${other.text} overlap`);
    }
  }
});

test('charts: a funnel-plot label is the team’s own name, and every point names its unit in full in its tooltip', async () => {
  const funnel = crowdedFunnel();
  const svg = await funnelPlotSvg(funnel);
  for (const label of drawnTexts(svg, 'point-labels')) {
    assert.doesNotMatch(label.text, / > |…/);
    assert.match(label.text, /^(Team with a rather long name \d+|Emergency Department)$/);
  }
  const $ = cheerio.load(svg, { xml: true });
  const titles = $('path > title')
    .toArray()
    .map((t) => $(t).text());
  assert.equal(titles.length, funnel.points.length);
  assert.ok(
    titles.includes(
      'Medicine > Emergency Department: 8.00% of 90,000 hours available, above the 99.8% limit',
    ),
  );
});

test('charts: bars are labelled with the unit’s own name, the unit above it in the tooltip', async () => {
  const svg = await barChartSvg({
    rows: [
      { label: 'Adult Social Care > Home Care North', value: 12.5 },
      { label: 'Adult Social Care > Home Care South', value: 9 },
      { label: 'Adult Social Care > Reablement and Community Support Team', value: 3 },
      { label: 'Sickness', value: 1 },
    ],
    valueTitle: 'Days lost per FTE',
  });
  const texts = drawnTexts(svg).map((t) => t.text);
  for (const name of [
    'Home Care North',
    'Home Care South',
    'Reablement and Community Support Team',
    'Sickness',
  ]) {
    assert.ok(texts.includes(name), `${name} labels its bar: ${texts.join(', ')}`);
  }
  assert.ok(!texts.some((t) => t.includes('>') || t.includes('…')));
  const $ = cheerio.load(svg, { xml: true });
  const titles = $('path > title')
    .toArray()
    .map((t) => $(t).text());
  assert.ok(titles.includes('Adult Social Care > Home Care North: 12.50'));
});

test('charts: a long bar label is broken over lines, never cut short', async () => {
  const svg = await barChartSvg({
    rows: [
      { label: 'S10 Anxiety/stress/depression/other psychiatric illnesses', value: 12.5 },
      { label: 'Place > Directorate Management Team (Adult Social Care and Health)', value: 3 },
    ],
    valueTitle: 'Days lost per FTE',
  });
  const $ = cheerio.load(svg, { xml: true });
  const lines = $('text')
    .toArray()
    .map((t) =>
      $(t)
        .find('tspan')
        .toArray()
        .map((l) => $(l).text()),
    )
    .filter((l) => l.length > 1);
  assert.deepEqual(lines, [
    ['S10 Anxiety/stress/depression/other', 'psychiatric illnesses'],
    ['Directorate Management Team (Adult', 'Social Care and Health)'],
  ]);
  assert.ok(!svg.includes('…'));
  assert.deepEqual(labelLines('one two three four five', 60, 14, 2), ['one two', 'three four five']);
});

test('charts: two units of the same name are told apart by the unit above', async () => {
  const svg = await barChartSvg({
    rows: [
      { label: 'Medicine > Management Team', value: 2 },
      { label: 'Surgery > Management Team', value: 3 },
    ],
    valueTitle: 'Days lost per FTE',
  });
  const texts = drawnTexts(svg).map((t) => t.text);
  assert.ok(texts.includes('Management Team (Medicine)'));
  assert.ok(texts.includes('Management Team (Surgery)'));
});

test('charts: every text is at least 14 px where the chart is shown at 1280 px, and legends are whole', async () => {
  const months = ['Jan 2026', 'Feb 2026', 'Mar 2026', 'Apr 2026', 'May 2026', 'Jun 2026'];
  const series = [
    'Adult Social Care and Health Directorate',
    'Children’s Services and Education Directorate',
    'Place, Economy and Environment Directorate',
    'Resources',
  ].map((name, i) => ({ name, points: months.map((label, m) => ({ label, value: i + m / 10 })) }));
  const charts = {
    bars: await barChartSvg({
      rows: [{ label: 'Adult Social Care > Home Care', value: 3 }],
      valueTitle: 'Days lost per FTE',
    }),
    trend: await trendChartSvg({ points: series[0]?.points ?? [], valueTitle: 'Absence rate (%)' }),
    lines: await multiLineChartSvg({ series, valueTitle: 'Absence rate (%)' }),
    funnel: await funnelPlotSvg(crowdedFunnel()),
  };
  for (const [name, svg] of Object.entries(charts)) {
    // Never wider than the page's content at 1280 px, so never scaled down there.
    assert.ok(viewBox(svg).width <= MAX_CHART_WIDTH, `${name} fits the page`);
    const sizes = [...svg.matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1]));
    assert.ok(sizes.length > 0);
    assert.ok(
      sizes.every((size) => size >= CHART_FONT_SIZE && CHART_FONT_SIZE >= 14),
      `${name}: ${sizes.join(', ')}`,
    );
  }
  const legend = drawnTexts(charts.lines).map((t) => t.text);
  for (const { name } of series) assert.ok(legend.includes(name), `the legend names ${name} in full`);
  const { width } = viewBox(charts.lines);
  for (const text of drawnTexts(charts.lines, 'role-legend')) {
    assert.ok(text.box.x >= 0 && text.box.x + text.box.width <= width, `${text.text} fits across`);
  }
});

test('charts: a label goes beside its point where there is room, else elsewhere, else nowhere', () => {
  const options = { width: 200, height: 100, fontSize: 14, radius: 5 };
  // Room to the right.
  const [right] = placeLabels([{ x: 20, y: 50, text: 'Ward 1' }], { ...options, points: [{ x: 20, y: 50 }] });
  assert.equal(right?.align, 'start');
  assert.ok((right?.box.x ?? 0) > 20);
  // At the right edge: to the left.
  const [left] = placeLabels([{ x: 195, y: 50, text: 'Ward 2' }], {
    ...options,
    points: [{ x: 195, y: 50 }],
  });
  assert.equal(left?.align, 'end');
  assert.ok((left?.box.x ?? 0) + (left?.box.width ?? 0) < 195);
  // Too long to fit anywhere.
  assert.deepEqual(
    placeLabels([{ x: 100, y: 50, text: 'A name far too long to fit in this small plot at all' }], {
      ...options,
      points: [{ x: 100, y: 50 }],
    }),
    [],
  );
  // Two points at one place: the first is labelled, the second has no room left around it.
  const placed = placeLabels(
    [
      { x: 100, y: 50, text: 'First' },
      { x: 100, y: 50, text: 'Second' },
      { x: 100, y: 50, text: 'Third' },
      { x: 100, y: 50, text: 'Fourth' },
      { x: 100, y: 50, text: 'Fifth' },
    ],
    { ...options, points: [{ x: 100, y: 50 }] },
  );
  assert.deepEqual(
    placed.map((p) => p.text),
    ['First', 'Second', 'Third', 'Fourth'],
  );
});
