import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileTooLarge, isArchiveClutter, type ExportSource } from './export-source.js';

/** An unpacked export folder. Files are listed (with their sizes) once, read on demand. */
export async function openFolderSource(dir: string, maxFileBytes: number): Promise<ExportSource> {
  const sizes = new Map<string, number>();
  await walk(dir, dir, sizes);
  const files = [...sizes.keys()].sort();
  const full = (path: string) => join(dir, ...path.split('/'));
  return {
    label: dir,
    files: () => files,
    size: (path) => sizes.get(path) ?? 0,
    describe: full,
    read: async (path) => {
      // Checked again at read time: the file may have grown since it was listed.
      const { size } = await stat(full(path));
      if (size > maxFileBytes) throw fileTooLarge(full(path), size, maxFileBytes);
      return readFile(full(path));
    },
    close: async () => {},
  };
}

async function walk(root: string, dir: string, out: Map<string, number>): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      await walk(root, full, out);
    } else if (entry.isFile()) {
      const path = relative(root, full).split(sep).join('/');
      if (!isArchiveClutter(path)) out.set(path, (await stat(full)).size);
    }
  }
}

/** One DiscordChatExporter file given by path, as a source of one file. */
export async function openFileSource(file: string, maxFileBytes: number): Promise<ExportSource> {
  const size = (await stat(file)).size;
  return {
    label: file,
    files: () => [file],
    size: () => size,
    describe: () => file,
    read: async () => {
      if (size > maxFileBytes) throw fileTooLarge(file, size, maxFileBytes);
      return readFile(file);
    },
    close: async () => {},
  };
}
