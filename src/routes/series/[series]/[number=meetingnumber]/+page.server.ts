import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { orErrorPage } from '$lib/server/http/pages';
import { hasPublishedDocumentation } from '$lib/server/services/documentation';
import { getMeeting } from '$lib/server/services/meetings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const address = meetingAddressFromParams(params);
	const view = await orErrorPage(() => getMeeting(locals.db, locals.actor, address.seriesId, address.number));
	const hasDocumentation = await hasPublishedDocumentation(locals.db, locals.actor, address);
	// Registration is offered only for meetings still ahead (the service refuses the others anyway).
	const canRegister = view.meeting.isPublic && view.meeting.date >= new Date().toISOString().slice(0, 10);
	return { ...view, hasDocumentation, canRegister };
};
