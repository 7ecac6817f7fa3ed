import type { ParamMatcher } from '@sveltejs/kit';

/** The documentation's download formats, as the last part of `…/documentation.{format}`. */
export const documentationFileFormats = ['pdf', 'docx', 'html', 'md', 'zip'] as const;

export const match = ((value: string) =>
	(documentationFileFormats as readonly string[]).includes(value)) satisfies ParamMatcher;
