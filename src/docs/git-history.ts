import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * When each file of a repo last changed, from ONE `git log` over the whole repo (not one call
 * per page): repo-relative path → commit time in seconds. Empty when the folder is not in git.
 */
export async function lastCommitTimes(repoDir: string): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  let stdout: string;
  try {
    ({ stdout } = await run('git', ['log', '--format=t:%ct', '--name-only', '--no-renames', '--relative', '--', '.'], {
      cwd: repoDir,
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    }));
  } catch {
    return times;
  }
  let current = 0;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('t:')) current = Number(line.slice(2));
    else if (line && !times.has(line)) times.set(line, current); // newest commit comes first
  }
  return times;
}
