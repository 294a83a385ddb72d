import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isArchiveClutter } from './export-source.js';
/** An unpacked export folder. Files are listed once, read on demand. */
export async function openFolderSource(dir) {
    const files = [];
    await walk(dir, dir, files);
    files.sort();
    return {
        label: dir,
        files: () => files,
        describe: (path) => join(dir, ...path.split('/')),
        read: (path) => readFile(join(dir, ...path.split('/'))),
        close: async () => { },
    };
}
async function walk(root, dir, out) {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) {
            await walk(root, full, out);
        }
        else if (entry.isFile()) {
            const path = relative(root, full).split(sep).join('/');
            if (!isArchiveClutter(path))
                out.push(path);
        }
    }
}
