import { defineMessages } from '../define-messages';

/** Messages of the registration lifecycle shared by the participant's and the organizer's side. */
export const registrationLifecycle = defineMessages(
	{
		'registrationLifecycle.changedMeanwhile':
			'Die Anmeldung wurde inzwischen geändert. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.'
	},
	{
		'registrationLifecycle.changedMeanwhile':
			'The registration was changed in the meantime. Please reload the page and try again.'
	}
);
