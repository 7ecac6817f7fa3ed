import { describe, expect, it } from 'vitest';
import { errorPageText } from './error-page';
import { translate, translatorFor } from './translate';

const de = translatorFor('de');
const en = translatorFor('en');

describe('the error page text', () => {
	it('shows the message key a route passed to error(), in the reader’s language', () => {
		expect(errorPageText(de, 404, 'meeting.notFound')).toBe(translate('de', 'meeting.notFound'));
		expect(errorPageText(en, 404, 'meeting.notFound')).toBe(translate('en', 'meeting.notFound'));
		expect(errorPageText(de, 403, 'error.forbidden')).toBe(translate('de', 'error.forbidden'));
	});

	it('shows a 409 and a 429 as what they are, not as an internal error', () => {
		expect(errorPageText(de, 409, 'admin.cannotDemoteSelf')).toBe(translate('de', 'admin.cannotDemoteSelf'));
		expect(errorPageText(de, 409, undefined)).toBe(translate('de', 'error.conflict'));
		expect(errorPageText(en, 429, undefined)).toBe(translate('en', 'error.rateLimited'));
		expect(errorPageText(de, 409, 'Internal Error')).not.toBe(translate('de', 'error.internal'));
	});

	it('falls back to the status’s text for a key whose parameters did not come along', () => {
		// auth.tooManyAttempts needs {minutes}; a half-filled sentence is never shown.
		expect(translate('de', 'auth.tooManyAttempts')).toMatch(/\{minutes\}/);
		expect(errorPageText(de, 429, 'auth.tooManyAttempts')).toBe(translate('de', 'error.rateLimited'));
	});

	it('never shows text that is not a message key, nor a message for a server error', () => {
		expect(errorPageText(en, 404, 'Not Found')).toBe(translate('en', 'error.notFound'));
		expect(errorPageText(en, 401, 'SELECT * FROM users')).toBe(translate('en', 'error.unauthenticated'));
		expect(errorPageText(en, 400, undefined)).toBe(translate('en', 'error.badRequest'));
		expect(errorPageText(en, 500, 'meeting.notFound')).toBe(translate('en', 'error.internal'));
		expect(errorPageText(en, 503, 'Internal Error')).toBe(translate('en', 'error.internal'));
	});
});
