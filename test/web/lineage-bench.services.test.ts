// The lineage graph's budget (issue 8): a generated 1,000-node lineage renders in headless
// Chromium in under 2 s, panning keeps frames coming, and zoomed in only what is near the
// viewport is drawn. The same measurement as `npm run bench:lineage-ui`, with fewer runs.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureLineageUi } from '../../bench/lineage-ui/lineage-ui.js';
import { ARTIFACTS } from './support/browser.js';

describe('the lineage graph at 1,000 nodes', () => {
  it('renders every node in under 2 s and stays responsive while panning', async () => {
    const r = await measureLineageUi({ runs: 3, screenshotDir: path.join(ARTIFACTS) });
    expect(r.nodes).toBe(1000);
    const median = [...r.renderMs].sort((a, b) => a - b)[1]!;
    expect(median, `runs: ${r.renderMs.join(', ')} ms`).toBeLessThan(2000);
    expect(r.panFrameMs.median).toBeLessThan(50);
    expect(r.zoomedInDrawn).toBeGreaterThan(0);
    expect(r.zoomedInDrawn).toBeLessThan(1000);
  });
});
