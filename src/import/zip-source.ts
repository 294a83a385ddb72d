import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { ImportError } from '../core/errors.js';
import { fileTooLarge, isArchiveClutter, type ExportSource } from './export-source.js';

/**
 * A .zip export read with yauzl: the central directory is read once (names and sizes only), then
 * each file is inflated on demand from its own offset, so memory holds one file at a time. An
 * entry over the per-file limit is refused from its declared size before it is inflated; yauzl
 * checks the inflated size against that declaration, and the CRC-32 is checked here (yauzl leaves
 * it to the caller), so a flipped byte is refused rather than imported.
 */
export async function openZipSource(file: string, maxFileBytes: number): Promise<ExportSource> {
  const zip = await openZip(file);
  const entries = new Map<string, yauzl.Entry>();
  try {
    await readDirectory(zip, entries);
  } catch (error) {
    zip.close();
    throw new ImportError(`cannot read zip directory (${(error as Error).message})`, { file, cause: error });
  }
  const names = [...entries.keys()].sort();
  return {
    label: file,
    files: () => names,
    size: (path) => entries.get(path)?.uncompressedSize ?? 0,
    describe: (path) => `${file}:${path}`,
    read: (path) => {
      const entry = entries.get(path);
      if (!entry) return Promise.reject(new ImportError('no such file in the zip', { file: `${file}:${path}` }));
      if (entry.uncompressedSize > maxFileBytes) return Promise.reject(fileTooLarge(`${file}:${path}`, entry.uncompressedSize, maxFileBytes));
      return readEntry(zip, entry, `${file}:${path}`);
    },
    close: async () => zip.close(),
  };
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // lazyEntries: walk the directory at our pace; autoClose off: entries are read after the walk.
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (error || !zip) reject(new ImportError(`not a readable zip (${error?.message})`, { file, cause: error }));
      else resolve(zip);
    });
  });
}

function readDirectory(zip: yauzl.ZipFile, into: Map<string, yauzl.Entry>): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      const directory = entry.fileName.endsWith('/');
      if (!directory && !isArchiveClutter(entry.fileName)) into.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve());
    zip.once('error', reject);
    zip.readEntry();
  });
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, label: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) {
        reject(new ImportError(`cannot open zip entry (${error?.message})`, { file: label, cause: error }));
        return;
      }
      const chunks: Buffer[] = [];
      let crc = 0;
      stream.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        crc = crc32(chunk, crc);
      });
      // yauzl checks the inflated size against the directory and errors on a mismatch.
      stream.once('error', (cause) => reject(new ImportError(`damaged zip entry (${cause.message})`, { file: label, cause })));
      stream.once('end', () => {
        if (crc >>> 0 !== entry.crc32 >>> 0) {
          reject(new ImportError('damaged zip entry (CRC-32 mismatch: its bytes are not the ones the archive recorded)', { file: label }));
        } else {
          resolve(Buffer.concat(chunks));
        }
      });
    });
  });
}
