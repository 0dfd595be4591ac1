import path from 'node:path';

/** The repository's root, whether the tests run from test/ (tap's loader) or compiled from dist/test/. */
export const REPO = path.resolve(__dirname, path.basename(path.dirname(__dirname)) === 'dist' ? '../..' : '..');
