import { getAppContext } from '$lib/server/app';
import type { RegistrationView } from '$lib/server/services/registrations-admin';

/**
 * The registration forms name their fields by the service input's JSON paths (`consent/shareEmail`),
 * so a problem at `/consent/shareEmail` lands on its field. Checkboxes are sent only when ticked.
 */

type Values = Record<string, string>;

/** For adding (status confirmed or invited) and, with `isEdit`, for editing (any status, attendance). */
export function registrationInput(values: Values, isEdit = false) {
	return {
		name: values.name ?? '',
		email: values.email ?? '',
		organization: values.organization,
		municipality: values.municipality,
		role: values.role,
		consent: {
			participantList: values['consent/participantList'] === 'on',
			shareEmail: values['consent/shareEmail'] === 'on'
		},
		status: values.status || undefined,
		...(isEdit ? { attended: values.attended === 'on' } : {})
	};
}

export function registrationValues(registration: RegistrationView): Values {
	const on = (flag: boolean) => (flag ? 'on' : '');
	return {
		name: registration.name,
		email: registration.email ?? '',
		organization: registration.organization ?? '',
		municipality: registration.municipality ?? '',
		role: registration.role ?? '',
		'consent/participantList': on(registration.consent.participantList),
		'consent/shareEmail': on(registration.consent.shareEmail),
		status: registration.status,
		attended: on(registration.attended)
	};
}

/** A file field, handed to the service with its size so it can refuse a large file unread. */
export function uploadedText(data: FormData, name: string) {
	const file = data.get(name);
	if (!(file instanceof File) || file.size === 0) return null;
	return { size: file.size, text: () => file.text() };
}

/** The mailer and public address for use cases that send mail (invitations, the waiting list moving up). */
export async function mailContext() {
	const { mailer, config } = await getAppContext();
	return { mailer, origin: config.publicOrigin, mailFrom: config.mailFrom };
}
