/// <reference lib="dom" />
// The sweep figures in a real browser (Debian's Chromium, headless): no text of the error-bar
// chart or the heatmap grid may reach past the SVG's edge, where Chromium would cut it. The
// boxes are Chromium's own, with the fonts of this machine. Screenshots are kept as test
// artifacts (test/artifacts/figure-*.png).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorChart } from '../../src/report/svg/error-chart.js';
import { heatmapGrid, type HeatmapCell } from '../../src/report/svg/heatmap-grid.js';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: 'make setup' installs Debian's chromium (or set CHROMIUM)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const CATEGORIES = [
  '{"sample":"5ms","aggr":"100ms"}',
  '{"sample":"10ms","aggr":"200ms"}',
  '{"sample":"20ms","aggr":"400ms"}',
  'MANY-CONTEXTS WWW',
];

function cell(seed: number, bytes: number, seconds: number): HeatmapCell {
  const [rows, cols] = [50, 60];
  return {
    title: `kdamond 0, context ${seed}, target 0`,
    tooltip: `run-${seed}`,
    heat: Float64Array.from({ length: rows * cols }, (_, i) => ((i * (seed + 3)) % 101) / 7),
    rows,
    cols,
    timeNs: [1e9, 1e9 + seconds * 1e9],
    address: [0x7f3a2c000000, 0x7f3a2c000000 + bytes],
  };
}

const FIGURES: [string, string][] = [
  [
    'bars-long-categories',
    errorChart(
      ['layout.kind = many-contexts-with-a-long-name', 'layout.kind = one'].map((name, s) => ({
        name,
        points: CATEGORIES.map((_, i) => ({ x: i, mean: i + s + 1, low: i + s + 0.5, high: i + s + 1.5 })),
      })),
      { kind: 'bar', title: 'kdamond CPU', xLabel: 'monitoring', yLabel: 'kdamond CPU (%)', categories: CATEGORIES },
    ),
  ],
  [
    'bars-two-long-categories',
    errorChart([{ name: 'cpu', points: [0, 1].map((i) => ({ x: i, mean: i + 1, low: i + 0.5, high: i + 1.5 })) }], {
      kind: 'bar',
      title: 'kdamond CPU',
      xLabel: 'monitoring',
      yLabel: 'kdamond CPU (%)',
      categories: CATEGORIES.slice(0, 2).map((c) => `${c} on the multi-context kernel, three contexts`),
    }),
  ],
  [
    'line-large-x',
    errorChart([{ name: 'cpu', points: [1, 2, 4, 1073741824].map((x) => ({ x, mean: 1, low: 0.5, high: 1.5 })) }], {
      kind: 'line',
      title: 'kdamond CPU by size',
      xLabel: 'bytes',
      yLabel: 'kdamond CPU (%)',
    }),
  ],
  [
    'heatmap-grid',
    heatmapGrid(
      [
        [cell(1, 100 * 2 ** 20, 12.3), null],
        [cell(2, 20 * 1024, 0.5), cell(3, 1.3 * 2 ** 30, 100)],
      ],
      {
        title: 'access heatmaps by monitoring.sample and layout.kind',
        rowLabels: ['many-contexts', 'one'],
        colLabels: ['5ms', '10ms'],
        xLabel: 'monitoring.sample',
        yLabel: 'layout.kind',
      },
    ),
  ],
];

describe('sweep figures in headless Chromium', () => {
  it.each(FIGURES)(
    '%s: every text lies inside the SVG',
    async (name, svg) => {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
      const { texts, outside } = await page.$eval('svg', (element) => {
        const frame = element.getBoundingClientRect();
        const found = Array.from(element.querySelectorAll('text')).map((text) => ({
          text: Array.from(text.childNodes)
            .filter((n) => n.nodeType === Node.TEXT_NODE)
            .map((n) => n.textContent)
            .join(''),
          box: text.getBoundingClientRect(),
        }));
        return {
          texts: found.length,
          outside: found
            .filter(
              ({ box }) =>
                box.left < frame.left - 0.5 ||
                box.top < frame.top - 0.5 ||
                box.right > frame.right + 0.5 ||
                box.bottom > frame.bottom + 0.5,
            )
            .map(
              ({ text, box }) =>
                `'${text}' at [${[box.left - frame.left, box.top - frame.top, box.right - frame.left, box.bottom - frame.top].map((v) => v.toFixed(1))}] in ${frame.width}×${frame.height}`,
            ),
        };
      });
      expect(texts).toBeGreaterThan(10);
      expect(outside).toEqual([]);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page
        .locator('svg')
        .first()
        .screenshot({ path: join(ARTIFACTS, `figure-${name}.png`) });
      await page.close();
    },
    60_000,
  );
});
