import { open, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { ImportError } from '../core/errors.js';
import { BatchWriter } from './batch-writer.js';
import { looksLikeDiscordExport, readDiscordExport } from './discord-export.js';
import { openFolderSource } from './folder-source.js';
import { SkipTally } from './import-report.js';
import { parseJson } from './parse-json-file.js';
import { overrideChannel, overrideWorkspace } from './platform-override.js';
import { isSlackExport, readSlackDayFile, readSlackExportIndex } from './slack-export.js';
import { openZipSource } from './zip-source.js';
export const DefaultImportOptions = { batchSize: 5_000 };
/**
 * Imports a Slack export (.zip or unpacked folder) or DiscordChatExporter JSON (one file, or a
 * folder of them) into the store. Each file is validated whole before anything from it is written;
 * a bad file stops the import with an ImportError naming it, after writing the files before it.
 * Re-importing is harmless: the store upserts by message id, so nothing is added twice.
 */
export async function importHistory(store, path, options = {}) {
    const started = performance.now();
    const kind = await detect(path);
    const run = { store, options, writer: new BatchWriter(store, options.batchSize ?? DefaultImportOptions.batchSize), skipped: new SkipTally() };
    const source = kind === 'zip' ? await openZipSource(path) : kind === 'folder' ? await openFolderSource(path) : undefined;
    try {
        let report;
        if (kind === 'discord-file') {
            report = await importDiscordFiles(run, [path], (file) => readFileBytes(file));
        }
        else if (source && isSlackExport(source)) {
            report = await importSlack(run, source);
        }
        else if (source) {
            const jsons = source.files().filter((file) => extname(file).toLowerCase() === '.json');
            if (jsons.length === 0)
                throw notAnExport(path);
            report = await importDiscordFiles(run, jsons, (file) => source.read(file), (file) => source.describe(file));
        }
        else {
            throw notAnExport(path);
        }
        await run.writer.end();
        return { ...report, messages: { ...run.writer.totals }, skipped: run.skipped.list(), durationMs: performance.now() - started };
    }
    catch (error) {
        // Keep what was validated before the bad file; an error from the store itself is not retried.
        if (error instanceof ImportError)
            await run.writer.flush();
        throw error;
    }
    finally {
        await source?.close();
    }
}
async function importSlack(run, source) {
    const index = await readSlackExportIndex(source, { workspaceName: run.options.workspaceName });
    for (const skip of index.skippedFiles)
        run.skipped.add(skip.reason, 1, skip.file);
    const workspace = overrideWorkspace(index.workspace, run.options.platformOverride);
    await run.store.putWorkspace(workspace);
    const filesTotal = index.channels.reduce((sum, channel) => sum + channel.files.length, 0);
    let filesDone = 0;
    let messagesRead = 0;
    for (const { channel: exported, files } of index.channels) {
        const channel = overrideChannel(exported, run.options.platformOverride);
        await run.writer.begin(channel);
        for (const file of files) {
            const day = await readSlackDayFile(source, file, index.directory);
            run.skipped.addAll(day.skipped);
            await run.writer.add(day.messages);
            filesDone += 1;
            messagesRead += day.messages.length;
            run.options.onProgress?.({ file: source.describe(file), channel: channel.key, filesDone, filesTotal, messagesRead });
        }
    }
    return { format: 'slack', workspaces: [workspace], channels: index.channels.length };
}
async function importDiscordFiles(run, files, read, describe = (file) => file) {
    const workspaces = new Map();
    let channels = 0;
    let messagesRead = 0;
    for (const [done, file] of files.entries()) {
        const label = describe(file);
        const json = parseJson(await read(file), label);
        if (!looksLikeDiscordExport(json)) {
            // In a folder, other JSON (notes, a media index) is not history, but not an error either.
            if (files.length > 1) {
                run.skipped.add('not a DiscordChatExporter JSON export', 1, label);
                continue;
            }
            throw notAnExport(label);
        }
        const exported = readDiscordExport(json, label);
        const workspace = overrideWorkspace(exported.workspace, run.options.platformOverride);
        if (!workspaces.has(workspace.id)) {
            await run.store.putWorkspace(workspace);
            workspaces.set(workspace.id, workspace);
        }
        const channel = overrideChannel(exported.channel, run.options.platformOverride);
        await run.writer.begin(channel);
        run.skipped.addAll(exported.skipped);
        await run.writer.add(exported.messages);
        channels += 1;
        messagesRead += exported.messages.length;
        run.options.onProgress?.({ file: label, channel: channel.key, filesDone: done + 1, filesTotal: files.length, messagesRead });
    }
    if (channels === 0)
        throw new ImportError('no DiscordChatExporter JSON exports found', { file: files.length === 1 ? files[0] : undefined });
    return { format: 'discord', workspaces: [...workspaces.values()], channels };
}
/** A folder is an unpacked export; a file is a zip by its magic bytes, else a DCE JSON file. */
async function detect(path) {
    let info;
    try {
        info = await stat(path);
    }
    catch (error) {
        throw new ImportError(`cannot read (${error.message})`, { file: path, cause: error });
    }
    if (info.isDirectory())
        return 'folder';
    const handle = await open(path, 'r');
    try {
        const head = Buffer.alloc(4);
        await handle.read(head, 0, 4, 0);
        // "PK\3\4": a zip's local file header; an empty zip starts with the end record "PK\5\6".
        if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5))
            return 'zip';
    }
    finally {
        await handle.close();
    }
    if (extname(path).toLowerCase() === '.json')
        return 'discord-file';
    throw notAnExport(path);
}
async function readFileBytes(file) {
    try {
        return await readFile(file);
    }
    catch (error) {
        throw new ImportError(`cannot read (${error.message})`, { file, cause: error });
    }
}
function notAnExport(path) {
    return new ImportError('not a Slack export (.zip or folder) or DiscordChatExporter JSON', { file: path });
}
