// Varnish in front of app instances, for the end-to-end proof (e2e/varnish.spec.ts) and the
// benchmark (bench/varnish.ts): the shipped VCL (deploy/varnish/newsroom.vcl) with its one backend
// replaced by the instances given, run in the foreground in its own process group on 127.0.0.1.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stopProcess, waitFor } from './lib';

const ROOT = path.resolve(import.meta.dirname, '..');
export const SHIPPED_VCL = path.join(ROOT, 'deploy', 'varnish', 'newsroom.vcl');

// The shipped VCL with one backend per port, each with the shipped probe, in one round robin.
export function vclFor(ports: readonly number[], vcl = readFileSync(SHIPPED_VCL, 'utf8')): string {
  const backend = /backend app1 \{[\s\S]*?\n\}\n/.exec(vcl);
  if (!backend || !vcl.includes('instances.add_backend(app1);'))
    throw new Error('deploy/varnish/newsroom.vcl: backend app1 and its add_backend line not found');
  const backends = ports
    .map((port, i) => backend[0].replace('app1', `app${i + 1}`).replace('"3000"', `"${port}"`))
    .join('\n');
  const adds = ports.map((_, i) => `instances.add_backend(app${i + 1});`).join('\n    ');
  return vcl.replace(backend[0], backends).replace('instances.add_backend(app1);', adds);
}

export type Varnish = {
  url: string;
  stop: () => void;
  // A counter of varnishstat (e.g. MAIN.backend_req: the requests that reached an instance).
  counter: (name: string) => number;
};

export async function startVarnish(
  name: string,
  port: number,
  backends: readonly number[],
): Promise<Varnish> {
  const dir = path.join(ROOT, 'tmp', `varnish-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const vclPath = path.join(dir, 'newsroom.vcl');
  writeFileSync(vclPath, vclFor(backends));
  const workdir = path.join(dir, 'work');
  const child: ChildProcess = spawn(
    'varnishd',
    ['-F', '-n', workdir, '-a', `127.0.0.1:${port}`, '-f', vclPath, '-s', 'malloc,64m', '-T', 'none'],
    // Its log beside its VCL: a VCL that does not compile is said there.
    { detached: true, stdio: ['ignore', 'ignore', openSync(path.join(dir, 'varnishd.log'), 'w')] },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}/robots.txt`, 60_000);
  } catch (error) {
    stopProcess(child);
    throw new Error(
      `varnishd did not start: ${readFileSync(path.join(dir, 'varnishd.log'), 'utf8').slice(-2000)}`,
      {
        cause: error,
      },
    );
  }
  return {
    url,
    stop: () => stopProcess(child),
    counter: (counter) => {
      const out = spawnSync('varnishstat', ['-n', workdir, '-1', '-f', counter], { encoding: 'utf8' });
      const value = /\s(\d+)\s/.exec(out.stdout)?.[1];
      if (value === undefined) throw new Error(`varnishstat ${counter}: ${out.stdout}${out.stderr}`);
      return Number(value);
    },
  };
}
