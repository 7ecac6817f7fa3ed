import { describe, expect, it } from 'vitest';
import {
	AppError,
	conflict,
	forbidden,
	notFound,
	problem,
	rateLimited,
	statusOf,
	unauthenticated,
	validationFailed,
	type AppErrorKind
} from '../../domain/errors';
import { translate } from '../../i18n/translate';
import { failForm, readForm } from './forms';

describe('failForm', () => {
	it('answers each kind of error with the status pages and the API use', () => {
		const cases: [AppError, number][] = [
			[validationFailed([problem('/title', 'form.required')]), 400],
			[unauthenticated(), 401],
			[forbidden(), 403],
			[notFound(), 404],
			[conflict('admin.slugTaken'), 409],
			[rateLimited('auth.tooManyAttempts', { minutes: 3 }), 429]
		];
		for (const [error, status] of cases) {
			expect(failForm(error, 'de', {}).status, error.kind).toBe(status);
			expect(statusOf[error.kind], error.kind).toBe(status);
		}
		const kinds = Object.keys(statusOf) as AppErrorKind[];
		expect(cases.map(([error]) => error.kind).sort()).toEqual([...kinds].sort());
	});

	it('refuses an unauthenticated form post with 401, not 403', () => {
		expect(failForm(unauthenticated(), 'en', {}).status).toBe(401);
	});

	it('names each field and translates, and never echoes passwords or tokens', () => {
		const failure = failForm(
			validationFailed([problem('/title', 'form.required'), problem('email', 'form.required')]),
			'en',
			{ title: '', email: 'x', password: 'secret', apiToken: 'nws_x' }
		);
		expect(failure.data.errors).toEqual([
			{ field: 'title', message: translate('en', 'form.required') },
			{ field: 'email', message: translate('en', 'form.required') }
		]);
		expect(failure.data.summary).toBe(translate('en', 'form.errorSummary', { count: 2 }));
		expect(failure.data.values).toEqual({ title: '', email: 'x' });
	});

	it('rethrows what is not an AppError', () => {
		const unexpected = new Error('boom');
		expect(() => failForm(unexpected, 'de', {})).toThrow(unexpected);
	});
});

describe('rateLimited', () => {
	it('makes a rate-limited AppError with its message and parameters', () => {
		const error = rateLimited('auth.tooManyAttempts', { minutes: 5 });
		expect(error).toBeInstanceOf(AppError);
		expect(error.kind).toBe('rate-limited');
		expect(error.summary).toEqual({ key: 'auth.tooManyAttempts', params: { minutes: 5 } });
		expect(error.problems).toEqual([]);
	});
});

describe('readForm', () => {
	it('answers a body that is no form with 400, not a server error', async () => {
		const broken = new Request('http://localhost/manage/import', {
			method: 'POST',
			headers: { 'content-type': 'multipart/form-data; boundary=----nothing-follows' },
			body: 'this is not multipart at all'
		});
		await expect(readForm(broken)).rejects.toMatchObject({
			status: 400,
			body: { message: 'error.badRequest' }
		});
	});

	it('reads the fields of a form as strings, the first of repeated ones', async () => {
		const body = new URLSearchParams([
			['title', 'Austausch'],
			['title', 'second'],
			['note', '']
		]);
		const { values } = await readForm(new Request('http://localhost/', { method: 'POST', body }));
		expect(values).toEqual({ title: 'Austausch', note: '' });
	});
});
