// `npm start`: opens the desktop window, or, where Electron cannot start (its binary is not installed and cannot be
// downloaded, or it will not run here), says so in two lines and points to browser mode, instead of a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The two lines an operator reads when the window cannot open. */
export function cannotStart(reason: string): string {
  return `The desktop window could not start: ${reason}.\nRun \`npm run serve\` for the same app in your browser.`;
}

/** Where Electron's binary is; asking the electron package may try (and fail) to download it, so ask in a child. */
export function findElectron(env: NodeJS.ProcessEnv = process.env): { path: string } | { problem: string } {
  const asked = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: ROOT, env, encoding: 'utf8' });
  if (asked.status === 0 && asked.stdout !== '') return { path: asked.stdout };
  const said = `${asked.stdout}\n${asked.stderr}`;
  const downloading = /fetch failed|ENOTFOUND|EAI_AGAIN|failed to install/i.test(said);
  return {
    problem: downloading
      ? 'Electron’s binary is not installed and could not be downloaded (no internet access to GitHub)'
      : 'Electron could not be loaded',
  };
}

export async function launchDesktop(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const electron = findElectron(env);
  if ('problem' in electron) {
    console.error(cannotStart(electron.problem));
    return 1;
  }
  return new Promise((done) => {
    const child = spawn(electron.path, ['.'], { cwd: ROOT, env, stdio: 'inherit' });
    child.once('error', (error) => {
      console.error(cannotStart(`Electron at ${electron.path} would not run (${error.message})`));
      done(1);
    });
    child.once('exit', (code) => done(code ?? 1));
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await launchDesktop();
}
