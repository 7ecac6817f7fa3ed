import { redirect } from '@sveltejs/kit';
import { AppError, isAppError, problem, validationFailed } from '$lib/domain/errors';
import { translateMessage } from '$lib/i18n/translate';
import { failForm, readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { listForManagement } from '$lib/server/services/networks-review';
import { assertMayImportDirectory, importDirectoryFile } from '$lib/server/services/networks-transfer';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const view = await orErrorPage(() =>
		listForManagement(locals.db, locals.actor, {
			status: url.searchParams.get('status') ?? undefined,
			q: url.searchParams.get('q') ?? undefined,
			page: url.searchParams.get('page') ?? undefined
		})
	);
	const imported = url.searchParams.get('imported');
	return { view, imported: imported === null ? null : Number(imported) };
};

export const actions: Actions = {
	import: async ({ request, locals }) => {
		// Rights before the body: a stranger never makes the server read an upload.
		try {
			assertMayImportDirectory(locals.actor);
		} catch (error) {
			return failForm(error, locals.locale, {});
		}
		const { data, values } = await readForm(request);
		let outcome;
		try {
			const file = data.get('file');
			if (!(file instanceof File) || file.size === 0)
				throw validationFailed([problem('file', 'networks.import.noFile')]);
			outcome = await importDirectoryFile(locals.db, locals.actor, {
				bytes: new Uint8Array(await file.arrayBuffer()),
				name: file.name
			});
		} catch (caught) {
			// Row and column problems are shown as sentences at the file field.
			if (isAppError(caught) && caught.kind === 'validation')
				return failForm(
					new AppError(
						'validation',
						caught.summary,
						caught.problems.map((found) => {
							const match = /^\/rows\/(\d+)\/(.+)$/.exec(found.path);
							return match
								? problem('file', 'networks.import.problem', {
										row: match[1]!,
										column: match[2]!,
										message: translateMessage(locals.locale, found.message)
									})
								: problem('file', found.message.key, found.message.params);
						})
					),
					locals.locale,
					values
				);
			return failForm(caught, locals.locale, values);
		}
		redirect(303, `/manage/netzwerke?status=published&imported=${outcome.created + outcome.updated}`);
	}
};
