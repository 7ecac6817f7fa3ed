import { redirect } from '@sveltejs/kit';
import { isAppError } from '$lib/domain/errors';
import { orErrorPage } from '$lib/server/http/pages';

/** The sign-in page's address that returns to `url` afterwards. */
export function signInPath(url: URL): string {
	return `/login?next=${encodeURIComponent(url.pathname + url.search)}`;
}

/**
 * For load functions of pages behind sign-in: like `orErrorPage` (403, 404 … as error pages), but
 * when the service says the caller is anonymous, the browser goes to the sign-in page and comes
 * back here afterwards. (A candidate for src/lib/server/http/pages.ts.)
 */
export function orSignIn<T>(url: URL, work: () => Promise<T>): Promise<T> {
	return orErrorPage(async () => {
		try {
			return await work();
		} catch (caught) {
			if (isAppError(caught) && caught.kind === 'unauthenticated') redirect(303, signInPath(url));
			throw caught;
		}
	});
}
