import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

const SDKS = [/^@slack\//, /^discord\.js$/, /^@discordjs\//, /^openai($|\/)/, /^@anthropic-ai\//];

describe('architecture boundaries', () => {
  it.each(['core', 'context', 'sleep', 'answer', 'engine', 'store', 'import'])(
    'src/%s is platform- and provider-neutral: it imports no Slack, Discord, OpenAI or Anthropic SDK',
    (folder) => {
      const offending = sources(join(root, folder)).flatMap((file) =>
        importsOf(file)
          .filter((spec) => SDKS.some((sdk) => sdk.test(spec)))
          .map((spec) => `${relative(root, file)} imports ${spec}`),
      );
      expect(offending).toEqual([]);
    },
  );

  it('the core modules never reach into adapters or the composition root', () => {
    const offending = ['core', 'context', 'sleep', 'answer', 'engine'].flatMap((folder) =>
      sources(join(root, folder)).flatMap((file) =>
        importsOf(file)
          .filter((spec) => /\/adapters\/|\/cli\/|\.\.\/main\.js/.test(spec))
          .map((spec) => `${relative(root, file)} imports ${spec}`),
      ),
    );
    expect(offending).toEqual([]);
  });

  it('each platform adapter imports only its own SDK', () => {
    const rules: Record<string, RegExp[]> = {
      slack: [/^discord\.js$/, /^@discordjs\//, /\/discord\//],
      discord: [/^@slack\//, /\/slack\//],
      console: SDKS,
    };
    const offending = Object.entries(rules).flatMap(([adapter, banned]) =>
      sources(join(root, 'adapters', adapter)).flatMap((file) =>
        importsOf(file)
          .filter((spec) => banned.some((rule) => rule.test(spec)))
          .map((spec) => `${relative(root, file)} imports ${spec}`),
      ),
    );
    expect(offending).toEqual([]);
  });

  it('the environment is read in one place (config.ts and the CLI entry that calls it)', () => {
    const allowed = new Set(['config.ts', join('cli', 'load-config.ts'), join('cli', 'mull.ts')]);
    const offending = sources(root)
      .filter((file) => !allowed.has(relative(root, file)))
      // Comments may say where a default comes from (openai-node style); code may not read it.
      .filter((file) => /process\.env\b/.test(stripComments(readFileSync(file, 'utf8'))))
      .map((file) => relative(root, file));
    expect(offending).toEqual([]);
  });
});
