import { problem, type Problem } from '../errors';
import { toJsonPointer } from '../zod-problems';

/**
 * Texts with a NUL character (U+0000) cannot be stored in PostgreSQL and mean nothing in a
 * meeting document, so they are refused with the place of each (keys included). Found by the
 * import's property tests: without this, such a document made the PostgreSQL import fail late.
 */
export function nulCharacterProblems(input: unknown): Problem[] {
	const problems: Problem[] = [];
	const visit = (value: unknown, path: (string | number)[]) => {
		if (typeof value === 'string') {
			if (value.includes('\u0000')) problems.push(problem(toJsonPointer(path), 'exchange.nulCharacter'));
		} else if (Array.isArray(value)) {
			value.forEach((item, index) => visit(item, [...path, index]));
		} else if (value !== null && typeof value === 'object') {
			for (const [key, item] of Object.entries(value)) {
				if (key.includes('\u0000'))
					problems.push(problem(toJsonPointer([...path, key]), 'exchange.nulCharacter'));
				else visit(item, [...path, key]);
			}
		}
	};
	visit(input, []);
	return problems;
}
