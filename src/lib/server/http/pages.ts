import { error, redirect } from '@sveltejs/kit';
import { isAppError, statusOf } from '../../domain/errors';

/**
 * For load functions: runs a service call and turns an AppError into SvelteKit's error page
 * with the right status (404, 403, …). Anything else propagates as a 500.
 */
export async function orErrorPage<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (caught) {
		if (isAppError(caught)) error(statusOf[caught.kind], caught.summary.key);
		throw caught;
	}
}

/** The sign-in pages: by password (or link), or straight to the link by mail (participants). */
export type SignInPage = '/login' | '/login/link';

/** The sign-in page's address that returns to `url` (path and query) afterwards. */
export function signInPath(url: URL, page: SignInPage = '/login'): string {
	return `${page}?next=${encodeURIComponent(url.pathname + url.search)}`;
}

/** Sends the browser to sign in (303), to come back to `url` afterwards. */
export function redirectToSignIn(url: URL, page: SignInPage = '/login'): never {
	redirect(303, signInPath(url, page));
}

/** When a service said the caller is anonymous, the browser signs in first; anything else returns. */
export function signInIfAnonymous(caught: unknown, url: URL): void {
	if (isAppError(caught) && caught.kind === 'unauthenticated') redirectToSignIn(url);
}

/**
 * For load functions of pages behind sign-in: like `orErrorPage` (403, 404 … as error pages), but
 * when the service says the caller is anonymous, the browser goes to the sign-in page and comes
 * back here afterwards.
 */
export function orSignIn<T>(url: URL, work: () => Promise<T>): Promise<T> {
	return orErrorPage(async () => {
		try {
			return await work();
		} catch (caught) {
			signInIfAnonymous(caught, url);
			throw caught;
		}
	});
}
