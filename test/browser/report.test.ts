/// <reference lib="dom" />
// The report in a real browser: Debian's Chromium, headless, driven by playwright-core. It must
// load from disk with no console error, and every figure must render. The screenshot is kept as
// a test artifact (test/artifacts/report.png).
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReport } from '../../src/cli/report.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/runs/many_contexts.qemu-6.12', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: 'make setup' installs Debian's chromium (or set CHROMIUM)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  dir = join(mkdtempSync(join(tmpdir(), 'damon-exp browser ')), 'run');
  cpSync(FIXTURE, dir, { recursive: true });
  await makeReport(dir);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(join(dir, '..'), { recursive: true, force: true });
});

describe('report.html in headless Chromium', () => {
  it('loads offline with no console errors and renders every figure', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    page.on(
      'request',
      (request) =>
        !request.url().startsWith('file:') && !request.url().startsWith('data:') && requests.push(request.url()),
    );
    await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    const figures = await page.$$eval('.figure svg', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        return {
          width: box.width,
          height: box.height,
          paths: svg.querySelectorAll('path.series').length,
          images: svg.querySelectorAll('image').length,
        };
      }),
    );
    // Per target: a heatmap, wss and nr_regions charts; then the kdamond CPU chart.
    expect(figures).toHaveLength(3 * 3 + 1);
    for (const figure of figures) {
      expect(figure.width).toBeGreaterThan(300);
      expect(figure.height).toBeGreaterThan(150);
      expect(figure.paths + figure.images).toBeGreaterThan(0);
    }
    // The heatmap pixels decode: draw each embedded PNG to a canvas and look at it.
    const heatmaps = await page.$$eval('.figure svg image', (images) =>
      Promise.all(
        images.map(async (image) => {
          const img = new Image();
          img.src = image.getAttribute('href')!;
          await img.decode();
          const canvas = document.createElement('canvas');
          [canvas.width, canvas.height] = [img.naturalWidth, img.naturalHeight];
          const context = canvas.getContext('2d')!;
          context.drawImage(img, 0, 0);
          const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
          const colours = new Set<number>();
          for (let i = 0; i < pixels.length; i += 4 * 97)
            colours.add((pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!);
          return { width: img.naturalWidth, height: img.naturalHeight, colours: colours.size };
        }),
      ),
    );
    expect(heatmaps).toHaveLength(3);
    for (const h of heatmaps) {
      expect([h.width, h.height]).toEqual([500, 500]);
      expect(h.colours).toBeGreaterThan(5); // not a blank picture
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    await page.close();
  }, 60_000);
});
