import { error } from '@sveltejs/kit';
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
