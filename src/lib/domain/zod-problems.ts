import type { z } from 'zod';
import { problem, validationFailed, type Problem } from './errors';

/** JSON pointer (RFC 6901) for a path of keys and indexes. */
export function toJsonPointer(path: readonly PropertyKey[]): string {
	return path.map((part) => `/${String(part).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/**
 * Turns Zod issues into problems with a JSON pointer and a message key. An unknown key is named
 * by its own pointer (`/meeting/colour`), so the user sees exactly which key is not allowed.
 */
export function zodProblems(error: z.ZodError): Problem[] {
	const problems: Problem[] = [];
	for (const issue of error.issues) {
		const path = toJsonPointer(issue.path);
		switch (issue.code) {
			case 'unrecognized_keys':
				for (const key of issue.keys)
					problems.push(problem(toJsonPointer([...issue.path, key]), 'validation.unknownKey', { key }));
				break;
			case 'invalid_type':
				problems.push(
					issue.input === undefined
						? problem(path, 'validation.required')
						: problem(path, 'validation.invalidType', { expected: issue.expected })
				);
				break;
			case 'too_small':
				problems.push(
					issue.origin === 'string'
						? Number(issue.minimum) <= 1
							? problem(path, 'validation.required')
							: problem(path, 'validation.tooShort', { minimum: Number(issue.minimum) })
						: problem(path, 'validation.tooSmall', { minimum: Number(issue.minimum) })
				);
				break;
			case 'too_big':
				problems.push(
					issue.origin === 'string'
						? problem(path, 'validation.tooLong', { maximum: Number(issue.maximum) })
						: problem(path, 'validation.tooBig', { maximum: Number(issue.maximum) })
				);
				break;
			case 'invalid_format':
				problems.push(problem(path, formatKey(issue.format, issue.pattern)));
				break;
			case 'invalid_value':
				problems.push(
					issue.values.length === 1
						? problem(path, 'validation.invalidConstant', { expected: String(issue.values[0]) })
						: problem(path, 'validation.invalidChoice')
				);
				break;
			default:
				problems.push(problem(path, 'validation.invalid'));
		}
	}
	return problems;
}

function formatKey(format: string, pattern: string | undefined) {
	if (format === 'email') return 'validation.invalidEmail' as const;
	if (format === 'url') return 'validation.invalidUrl' as const;
	if (format === 'date') return 'validation.invalidDate' as const;
	if (format === 'regex' && pattern?.includes(':[0-5]')) return 'validation.invalidTime' as const;
	if (format === 'regex' && pattern?.includes('a-z0-9')) return 'validation.invalidId' as const;
	return 'validation.invalid' as const;
}

/**
 * Parses input with a use case's schema, or throws a validation AppError whose problems carry
 * JSON pointers. (`reportInput` lets a missing value read "required" rather than a type error.)
 */
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
	const parsed = schema.safeParse(input, { reportInput: true });
	if (!parsed.success) throw validationFailed(zodProblems(parsed.error));
	return parsed.data;
}
