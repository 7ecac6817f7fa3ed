/**
 * An attachment's `file` in an exchange document names a file inside the bundle, e.g.
 * `attachments/slides.pdf`. It is never used as a path on disk (uploads get random names), but
 * it becomes the download's file name, so it must be a plain relative name.
 */

// C0 and C1 control characters, and DEL: they could split headers or hide parts of a name.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

export type FileNameProblem = 'exchange.fileNameControlCharacters' | 'exchange.fileNameNotRelative';

/** Why a bundle path is refused, or undefined when it is fine. */
export function bundlePathProblem(path: string): FileNameProblem | undefined {
	if (CONTROL_CHARACTERS.test(path)) return 'exchange.fileNameControlCharacters';
	const segments = path.split(/[/\\]/);
	if (
		path.startsWith('/') ||
		path.startsWith('\\') ||
		/^[A-Za-z]:/.test(path) ||
		segments.some((segment) => segment === '..' || segment === '.' || segment === '') ||
		bareFileName(path) === ''
	)
		return 'exchange.fileNameNotRelative';
	return undefined;
}

/** The last segment of a path: the file's bare name, without any directory. */
export function bareFileName(path: string): string {
	return path.split(/[/\\]/).pop()!.replace(CONTROL_CHARACTERS, '').trim();
}
