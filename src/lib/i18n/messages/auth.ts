import { defineMessages } from '../define-messages';

/** Messages of sign-in, sessions and API tokens. */
export const auth = defineMessages(
	{
		'auth.invalidCredentials': 'E-Mail-Adresse oder Passwort sind falsch.',
		'auth.tooManyAttempts':
			'Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in {minutes} Minute(n) erneut.'
	},
	{
		'auth.invalidCredentials': 'The email address or the password is wrong.',
		'auth.tooManyAttempts': 'Too many failed sign-in attempts. Please try again in {minutes} minute(s).'
	}
);
