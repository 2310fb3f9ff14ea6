/**
 * Finds every entry point a caller can reach: each exported HTTP handler of every `route.ts`
 * under app/, and each exported function of every server action module (a file that starts
 * with 'use server'). Keys read `api/claims/[claimId] PATCH` and
 * `(app)/workspaces/actions.ts createWorkspaceAction`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export interface EntryPoint {
  key: string;
  kind: 'route' | 'action';
  /** The module's file, relative to the project root. */
  file: string;
  /** The exported name: an HTTP method or the action's name. */
  name: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const isServerActionModule = (source: string) => /^\s*(['"])use server\1;?/.test(source);

/** The files that hold entry points, relative to `root`. */
export function entryFiles(root: string): { routes: string[]; actions: string[] } {
  const files = walk(path.join(root, 'app')).map((f) => path.relative(root, f).split(path.sep).join('/'));
  return {
    routes: files.filter((f) => f.endsWith('/route.ts')).sort(),
    actions: files.filter((f) => isServerActionModule(readFileSync(path.join(root, f), 'utf8'))).sort(),
  };
}

export function routeKey(file: string, method: string): string {
  return `${file.replace(/^app\//, '').replace(/\/route\.ts$/, '')} ${method}`;
}

export function actionKey(file: string, name: string): string {
  return `${file.replace(/^app\//, '')} ${name}`;
}

/** The entry points of the loaded modules (by file). */
export function entryPoints(modules: {
  routes: Record<string, Record<string, unknown>>;
  actions: Record<string, Record<string, unknown>>;
}): EntryPoint[] {
  const found: EntryPoint[] = [];
  for (const [file, mod] of Object.entries(modules.routes)) {
    for (const name of Object.keys(mod)) {
      if ((HTTP_METHODS as readonly string[]).includes(name) && typeof mod[name] === 'function')
        found.push({ key: routeKey(file, name), kind: 'route', file, name });
    }
  }
  for (const [file, mod] of Object.entries(modules.actions)) {
    for (const name of Object.keys(mod)) {
      if (typeof mod[name] === 'function')
        found.push({ key: actionKey(file, name), kind: 'action', file, name });
    }
  }
  return found.sort((a, b) => a.key.localeCompare(b.key));
}
