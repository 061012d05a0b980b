// node dist/bench/lineage-ui/run.js [--runs N]: time to a rendered 1,000-node lineage graph in
// headless Chromium (see lineage-ui.ts). Needs `npm run build` and `scripts/services up chromium`.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { measureLineageUi } from './lineage-ui.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const r = await measureLineageUi({ runs: Number(values.runs), screenshotDir: 'test-artifacts/web' });
const sorted = [...r.renderMs].sort((a, b) => a - b);
const med = sorted[Math.floor(sorted.length / 2)]!;
console.log(`lineage UI: ${r.nodes} nodes, ${r.edges} edges, load average ${loadavg()[0]!.toFixed(1)}`);
console.log(`  navigation -> all nodes painted: median ${med} ms, runs ${r.renderMs.join(', ')} ms`);
console.log(`  of which layout + render after the GraphQL answer: ${r.layoutRenderMs.map((x) => Math.round(x)).join(', ')} ms`);
console.log(`  panning: frame interval median ${r.panFrameMs.median.toFixed(1)} ms, worst ${r.panFrameMs.max.toFixed(1)} ms`);
console.log(`  zoomed in to readable names: ${r.zoomedInDrawn} nodes drawn (the rest are outside the viewport); screenshots: ${r.screenshots.join(', ')}`);
console.log(med < 2000 ? 'PASS: under 2 s' : 'FAIL: 2 s or more');
process.exitCode = med < 2000 ? 0 : 1;
