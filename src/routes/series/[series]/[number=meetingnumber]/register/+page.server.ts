import { redirect } from '@sveltejs/kit';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { REGISTRATION_STATUS } from '$lib/domain/registration-rules';
import { getAppContext } from '$lib/server/app';
import { failForm, readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { listMunicipalities } from '$lib/server/reference/municipalities';
import { createRegistration, registrationFormInput } from '$lib/server/services/registration';
import { getRegistrationPage } from '$lib/server/services/registration-page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const address = meetingAddressFromParams(params);
	const view = await orErrorPage(() => getRegistrationPage(locals.db, locals.actor, address));
	return {
		...view,
		municipalities: listMunicipalities().map((entry) => entry.name),
		// After a successful registration (303 to ?done=…): the page says what happens next.
		done: url.searchParams.get('done')
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params, getClientAddress }) => {
		const address = meetingAddressFromParams(params);
		const { values } = await readForm(request);
		const { mailer, config } = await getAppContext();
		let outcome;
		try {
			outcome = await createRegistration(
				locals.db,
				mailer,
				locals.actor,
				address,
				registrationFormInput(values),
				{
					source: 'self',
					locale: locals.locale,
					publicOrigin: config.publicOrigin,
					mailFrom: config.mailFrom,
					clientAddress: getClientAddress()
				}
			);
		} catch (caught) {
			return failForm(caught, locals.locale, values);
		}
		redirect(
			303,
			`/series/${params.series}/${params.number}/register?done=${outcome.isFull ? REGISTRATION_STATUS.waiting : REGISTRATION_STATUS.pending}`
		);
	}
};
