// Vitest global setup: compile the project once, so CLI tests run the real `catalog` binary
// (dist/cli/main.js) built from the sources under test.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  try {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  } catch {
    // tsc still emits on type errors; `npm run typecheck` is the gate for those.
    process.stderr.write('warning: the build reported type errors; CLI tests run what was emitted\n');
  }
}
