import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `node api/dist/api/bench/profile-top.js <dir or .cpuprofile>`: a V8 CPU profile's self time summed
 * by package (node_modules/<package>, the API's own code, Node internals, GC, idle) and its top
 * functions: the "where the time goes" of the README's Performance section.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function packageOf(url: string, name: string): string {
  if (name === '(garbage collector)') {
    return 'GC';
  }
  if (name === '(idle)' || name === '(program)') {
    return name;
  }
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) {
    return match[1]!;
  }
  if (url.includes('/api/dist/')) {
    return 'api (own code)';
  }
  if (url.startsWith('node:') || url === '') {
    return 'node internals';
  }
  return url;
}

const target = process.argv[2] ?? '.';
const file = target.endsWith('.cpuprofile')
  ? target
  : join(
      target,
      readdirSync(target)
        .filter((name) => name.endsWith('.cpuprofile'))
        .sort()
        .at(-1) ?? '',
    );
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfTime = new Map<number, number>();
profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
let busy = 0;
for (const [id, micros] of selfTime) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const pkg = packageOf(url, functionName);
  if (pkg === '(idle)') {
    continue;
  }
  busy += micros;
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
  const key = `${functionName || '(anonymous)'} ${pkg}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
}
const top = (map: Map<string, number>, n: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, micros]) => ({
      name,
      'self ms': Math.round(micros / 1000),
      '% of busy': +((micros / busy) * 100).toFixed(1),
    }));
console.log(`${file}: ${Math.round(busy / 1000)} ms busy (idle excluded)`);
console.table(top(byPackage, 15));
console.table(top(byFunction, 20));
