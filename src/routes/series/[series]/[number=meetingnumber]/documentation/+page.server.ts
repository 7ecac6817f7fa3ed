import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { documentationCss } from '$lib/server/documents/html';
import { orErrorPage } from '$lib/server/http/pages';
import {
	documentationFormats,
	getDocumentationPage,
	listDocumentationVersions
} from '$lib/server/services/documentation';
import type { PageServerLoad } from './$types';

/**
 * The published documentation; organizers may also look at the current data (`?preview=1`) or
 * at one version (`?version=ID`). Who may see what is the service's decision.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const address = meetingAddressFromParams(params);
	const versionId = url.searchParams.get('version') || undefined;
	const page = await orErrorPage(() =>
		getDocumentationPage(locals.db, locals.actor, address, {
			preview: url.searchParams.get('preview') === '1',
			versionId
		})
	);
	// An organizer's preview of one version names its number in the banner.
	const previewedVersion =
		page.isPreview && page.versionId
			? (await orErrorPage(() => listDocumentationVersions(locals.db, locals.actor, address))).find(
					(version) => version.id === page.versionId
				)?.version
			: undefined;
	return {
		page,
		previewedVersion: previewedVersion ?? null,
		// A preview of the current data has no version: its downloads render the current data too.
		downloadQuery: page.versionId ? `?version=${page.versionId}` : '',
		apiPath: `/api/v1/meetings/${address.seriesId}/${address.number}/documentation`,
		formats: documentationFormats,
		css: documentationCss
	};
};
