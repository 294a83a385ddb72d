import yauzl from 'yauzl';
import { ImportError } from '../core/errors.js';
import { isArchiveClutter } from './export-source.js';
/**
 * Refuse single entries larger than this when unpacked: a day file is kilobytes to megabytes, so
 * anything this big is a damaged or hostile archive, not history. @unit bytes
 */
export const MAX_ZIP_ENTRY_BYTES = 512 * 1024 * 1024;
/**
 * A .zip export read with yauzl: the central directory is read once (names and sizes only), then
 * each file is inflated on demand from its own offset, so memory holds one file at a time.
 */
export async function openZipSource(file) {
    const zip = await openZip(file);
    const entries = new Map();
    try {
        await readDirectory(zip, entries);
    }
    catch (error) {
        zip.close();
        throw new ImportError(`cannot read zip directory (${error.message})`, { file, cause: error });
    }
    const names = [...entries.keys()].sort();
    return {
        label: file,
        files: () => names,
        describe: (path) => `${file}:${path}`,
        read: (path) => {
            const entry = entries.get(path);
            if (!entry)
                return Promise.reject(new ImportError('no such file in the zip', { file: `${file}:${path}` }));
            return readEntry(zip, entry, `${file}:${path}`);
        },
        close: async () => zip.close(),
    };
}
function openZip(file) {
    return new Promise((resolve, reject) => {
        // lazyEntries: walk the directory at our pace; autoClose off: entries are read after the walk.
        yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) => {
            if (error || !zip)
                reject(new ImportError(`not a readable zip (${error?.message})`, { file, cause: error }));
            else
                resolve(zip);
        });
    });
}
function readDirectory(zip, into) {
    return new Promise((resolve, reject) => {
        zip.on('entry', (entry) => {
            const directory = entry.fileName.endsWith('/');
            if (!directory && !isArchiveClutter(entry.fileName))
                into.set(entry.fileName, entry);
            zip.readEntry();
        });
        zip.once('end', () => resolve());
        zip.once('error', reject);
        zip.readEntry();
    });
}
function readEntry(zip, entry, label) {
    if (entry.uncompressedSize > MAX_ZIP_ENTRY_BYTES) {
        return Promise.reject(new ImportError(`entry is ${entry.uncompressedSize} bytes unpacked, over the ${MAX_ZIP_ENTRY_BYTES} limit`, {
            file: label,
        }));
    }
    return new Promise((resolve, reject) => {
        zip.openReadStream(entry, (error, stream) => {
            if (error || !stream) {
                reject(new ImportError(`cannot open zip entry (${error?.message})`, { file: label, cause: error }));
                return;
            }
            const chunks = [];
            stream.on('data', (chunk) => chunks.push(chunk));
            // yauzl checks the inflated size against the directory (not the CRC) and errors on a mismatch.
            stream.once('error', (cause) => reject(new ImportError(`damaged zip entry (${cause.message})`, { file: label, cause })));
            stream.once('end', () => resolve(Buffer.concat(chunks)));
        });
    });
}
