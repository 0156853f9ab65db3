import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The core runs on Workers too (src/worker.ts): from src/app.ts, the domain, routes, mail and views no import may
// reach a Node-only module, nor use Buffer or process. (tsconfig.core.json checks the same by types; this names the
// import chain.)

const ROOT = resolve(import.meta.dirname, '..');
const NODE_ONLY_PACKAGES = ['better-sqlite3', 'nodemailer', '@hono/node-server', 'smtp-server', 'mailparser', 'tsx'];
const BUILTINS = new Set(builtinModules);

const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

/** What in `text` ties it to Node: Node-only imports, and uses of Buffer or process. */
function nodeOnlyUses(text: string): { imports: string[]; relative: string[]; globals: string[] } {
  const body = code(text);
  const specifiers = [...body.matchAll(/\b(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => (m[1] ?? m[2])!);
  const isNodeOnly = (s: string) =>
    s.startsWith('node:') || BUILTINS.has(s.split('/')[0]!) || NODE_ONLY_PACKAGES.some((p) => s === p || s.startsWith(`${p}/`));
  return {
    imports: specifiers.filter(isNodeOnly),
    relative: specifiers.filter((s) => s.startsWith('.')),
    globals: [...new Set([...body.matchAll(/\b(Buffer|process)\s*[.[(]/g)].map((m) => m[1]!))],
  };
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => existsSync(p) && !p.endsWith('/'));
}

const filesUnder = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => join(ROOT, dir, f));

describe('the core imports nothing Node-only', () => {
  it('finds what it looks for', () => {
    expect(nodeOnlyUses("import { readFileSync } from 'node:fs';\nconst b = Buffer.from('x');").imports).toEqual(['node:fs']);
    expect(nodeOnlyUses("import SQLite from 'better-sqlite3'; import 'crypto'; const e = process.env;")).toMatchObject({
      imports: ['better-sqlite3', 'crypto'],
      globals: ['process'],
    });
    expect(nodeOnlyUses("// process.env in a comment\nimport { sql } from 'kysely';")).toEqual({ imports: [], relative: [], globals: [] });
  });

  it('from src/app.ts, the domain, routes, mail and views, through every relative import', () => {
    const start = [join(ROOT, 'src/app.ts'), ...['src/domain', 'src/routes', 'src/mail', 'views'].flatMap(filesUnder)];
    const via = new Map<string, string>(start.map((f) => [f, '']));
    const problems: string[] = [];
    for (const file of via.keys()) {
      const uses = nodeOnlyUses(readFileSync(file, 'utf8'));
      const chain = `${relative(ROOT, file)}${via.get(file) ? ` (via ${via.get(file)})` : ''}`;
      for (const name of [...uses.imports, ...uses.globals]) problems.push(`${chain}: ${name}`);
      for (const specifier of uses.relative) {
        const target = resolveRelative(file, specifier);
        if (target && !via.has(target)) via.set(target, relative(ROOT, file));
      }
    }
    expect(via.size).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });
});
