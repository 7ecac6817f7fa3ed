import { redirect } from '@sveltejs/kit';
import { problem, validationFailed } from '$lib/domain/errors';
import { parseMeetingAddress } from '$lib/domain/meeting-address';
import { translate } from '$lib/i18n/translate';
import { getAppContext } from '$lib/server/app';
import { failForm, readForm } from '$lib/server/http/forms';
import { importBundle, isZip } from '$lib/server/services/bundle-import';
import { orSignIn } from '$lib/server/http/pages';
import {
	assertMayImport,
	importMeeting,
	listImportOrganizations,
	MAX_DOCUMENT_BYTES,
	parseDocumentText
} from '$lib/server/services/exchange';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const organizations = await orSignIn(url, () => listImportOrganizations(locals.db, locals.actor));
	// After a successful import (303 back here): which meeting, for the notice and the download link.
	const imported = parseMeetingAddress(url.searchParams.get('imported') ?? '');
	return {
		organizations: organizations.map(({ slug, name }) => ({ slug, name })),
		imported: imported
			? {
					...imported,
					isReplaced: url.searchParams.get('replaced') === '1',
					seriesKept: (url.searchParams.get('seriesKept') ?? '')
						.split(',')
						.filter((field) => /^\/series\/[A-Za-z/]+$/.test(field))
				}
			: null
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		// Rights before the body: an anonymous caller or a participant never makes the server read an upload.
		try {
			assertMayImport(locals.actor);
		} catch (error) {
			return failForm(error, locals.locale, {});
		}
		const { data, values } = await readForm(request);
		try {
			const file = data.get('file');
			if (!(file instanceof File) || file.size === 0)
				throw validationFailed([problem('file', 'exchange.fileMissing')]);
			const bytes = new Uint8Array(await file.arrayBuffer());
			const options = {
				replace: values.replace === 'on',
				publish: values.publish === 'on',
				organization: values.organization
			};
			let result;
			if (isZip(bytes)) {
				// A ZIP bundle: meeting.json with its attachment files (uploads' size limit applies per file).
				const { config } = await getAppContext();
				result = await importBundle(locals.db, locals.actor, bytes, options, {
					dataDir: config.dataDir,
					limitBytes: config.uploadLimitBytes
				});
			} else {
				if (file.size > MAX_DOCUMENT_BYTES)
					throw validationFailed([
						problem('file', 'exchange.fileTooLarge', { megabytes: MAX_DOCUMENT_BYTES / 1024 / 1024 })
					]);
				result = await importMeeting(
					locals.db,
					locals.actor,
					parseDocumentText(new TextDecoder().decode(bytes)),
					options
				);
			}
			const query = new URLSearchParams({ imported: result.address });
			if (result.isReplaced) query.set('replaced', '1');
			// The series kept as stored: the page names the fields of the document that were not taken over.
			if (result.seriesDifferences.length) query.set('seriesKept', result.seriesDifferences.join(','));
			redirect(303, `/manage/import?${query}`);
		} catch (error) {
			const failure = failForm(error, locals.locale, values);
			// Problems inside the document name their JSON pointer and link to the file field.
			failure.data.errors = failure.data.errors.map((entry) =>
				entry.field === 'file' || entry.field === 'organization'
					? entry
					: {
							field: 'file',
							message: translate(locals.locale, 'import.problemAt', {
								path: `/${entry.field}`,
								message: entry.message
							})
						}
			);
			return failure;
		}
	}
};
