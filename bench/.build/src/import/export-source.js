/** Archive tools add these; they are never part of an export. */
export function isArchiveClutter(path) {
    return path.startsWith('__MACOSX/') || path.split('/').some((part) => part === '.DS_Store' || part.startsWith('._'));
}
