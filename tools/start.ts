/**
 * `npm start`: build the web app once if it has not been built, then start the server
 * (embedded PostgreSQL in ./data and the demo province on first run, unless DATABASE_URL is set).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { run } from '../apps/server/src/main';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}apps/web/dist/index.html`)) {
  console.log('首次启动：正在构建前端 (vite build)…');
  const r = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await run();
