import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { HavenProcess, runHaven } from '../helpers/process.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PROBE = join(ROOT, 'test', 'helpers', 'module-probe.mjs');

// `npm start` and the `haven` bin run bin/haven.js with plain node; it loads dist/.
describe('the compiled build', () => {
  let dir: string | undefined;
  let haven: HavenProcess | undefined;
  afterEach(() => {
    haven?.kill();
    haven = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** Runs haven under the module probe: what it loaded, one URL a line, tsx and esbuild refused. */
  function probed(): { dir: string; env: Record<string, string>; loaded: () => string[] } {
    dir = mkdtempSync(join(tmpdir(), 'haven-build-'));
    const log = join(dir, 'modules.log');
    return {
      dir,
      env: { NODE_OPTIONS: `--import ${PROBE}`, MODULE_PROBE_LOG: log },
      loaded: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
    };
  }

  it('is what npm start and the haven command run, built by npm install, with tsx only for development', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.start).toBe('node bin/haven.js serve');
    expect(pkg.bin.haven).toBe('bin/haven.js');
    expect(pkg.scripts.prepare).toBe('node scripts/build.mjs');
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(pkg.dependencies.esbuild).toBeUndefined();
  });

  it('serves from dist/ with plain node: no tsx, no esbuild, no TypeScript file loaded', async () => {
    const probe = probed();
    haven = new HavenProcess(['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', join(probe.dir, 'data'), '--log-level', 'error'], { env: probe.env });
    await haven.listening(60_000);
    const loaded = probe.loaded();
    const ours = loaded.filter((url) => url.startsWith('file://') && !url.includes('/node_modules/'));
    expect(ours).toContain(`file://${join(ROOT, 'dist', 'src', 'app.js')}`);
    expect(ours).toContain(`file://${join(ROOT, 'dist', 'src', 'server', 'ssh-server.js')}`);
    expect(ours.filter((url) => !url.startsWith(`file://${join(ROOT, 'dist')}/`))).toEqual([`file://${join(ROOT, 'bin', 'haven.js')}`]);
    expect(loaded.filter((url) => /tsx|esbuild|\.ts$/.test(url))).toEqual([]);
    // Listening means the new database was migrated: the migrations ship beside dist/db/open.js.
    expect(existsSync(join(probe.dir, 'data', 'haven.db'))).toBe(true);
  });

  it('answers --help with tsx and esbuild not installed, listing every command', async () => {
    const probe = probed();
    const top = await runHaven(['--help'], { env: probe.env });
    expect(top.code).toBe(0);
    for (const command of ['serve', 'console', 'sysop']) expect(top.stdout).toContain(`haven ${command}`);
    const sysop = await runHaven(['sysop', '--help'], { env: probe.env });
    expect(sysop.code).toBe(0);
    for (const command of ['user', 'board', 'config', 'reports', 'room', 'broadcast', 'post', 'thread', 'stats', 'audit', 'watch']) {
      expect(sysop.stdout).toContain(`haven sysop ${command}`);
    }
    expect(probe.loaded().filter((url) => /tsx|esbuild/.test(url))).toEqual([]);
  });

  it('runs a sysop command without loading the SSH server or the screens', async () => {
    const probe = probed();
    const list = await runHaven(['sysop', 'user', 'list', '--init', '--data-dir', join(probe.dir, 'data')], { env: probe.env });
    expect(list.code, list.stderr).toBe(0);
    const loaded = probe.loaded();
    expect(loaded).toContain(`file://${join(ROOT, 'dist', 'src', 'app.js')}`);
    expect(loaded.filter((url) => /\/node_modules\/(ssh2|blessed)\/|\/dist\/screens\/|\/dist\/src\/server\/ssh-server\.js/.test(url))).toEqual([]);
  });
});
