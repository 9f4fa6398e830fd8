// For scripts/scan.sh: the scanners' findings by severity; exits 1 on any high or critical one.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const out = process.argv[2];
const LEVELS = { 0: 'info', 1: 'low', 2: 'medium', 3: 'high', 4: 'critical' };
let high = 0;

for (const name of readdirSync(out).filter((f) => /^wapiti-.*\.json$/.test(f))) {
  const report = JSON.parse(readFileSync(path.join(out, name), 'utf8'));
  console.log(`${name}:`);
  for (const section of ['vulnerabilities', 'anomalies']) {
    for (const [category, findings] of Object.entries(report[section] ?? {})) {
      if (findings.length === 0) continue;
      for (const finding of findings) {
        const level = Number(finding.level);
        if (section === 'vulnerabilities' && level >= 3) high++;
        console.log(
          `  ${section === 'anomalies' ? 'anomaly' : (LEVELS[level] ?? level)} · ${category} · ${finding.method} ${finding.path} ${finding.parameter ?? ''} — ${String(finding.info).split('\n')[0].slice(0, 140)}`,
        );
      }
    }
  }
  const crawled = report.infos?.crawled_pages?.length ?? report.infos?.crawled_pages_nbr;
  if (crawled !== undefined) console.log(`  pages crawled: ${crawled}`);
}

for (const name of readdirSync(out).filter((f) => /^sqlmap-.*\.log$/.test(f))) {
  const log = readFileSync(path.join(out, name), 'utf8');
  const injectable = /identified the following injection point/.test(log);
  if (injectable) high++;
  const verdict = injectable
    ? 'INJECTABLE (high)'
    : /all tested parameters do not appear to be injectable|do not appear to be injectable/.test(log)
      ? 'no injection found'
      : (log
          .trim()
          .split('\n')
          .filter((l) => /\[(CRITICAL|ERROR)\]/.test(l))
          .pop() ?? 'no injection found before the time ran out (see log)');
  console.log(`${name}: ${verdict}`);
}

const serverLog = path.join(out, 'server.log');
if (existsSync(serverLog)) {
  const stacks = (readFileSync(serverLog, 'utf8').match(/\n\s+at /g) ?? []).length;
  console.log(`server log: ${stacks} stack-trace lines`);
}
console.log(high === 0 ? 'no high-severity finding' : `${high} high-severity finding(s)`);
process.exit(high === 0 ? 0 : 1);
