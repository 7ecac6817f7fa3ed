/** Helpers for pages that show a form's errors next to its fields. */
export interface FieldError {
	field: string;
	message: string;
}

/** The error message for one field, or undefined. Nested paths use `/`; ids use `-`. */
export function errorFor(errors: FieldError[] | undefined, field: string): string | undefined {
	return errors?.find((entry) => entry.field === field)?.message;
}

export function fieldId(field: string, idPrefix = ''): string {
	return `${idPrefix}${field.replaceAll('/', '-')}`;
}
