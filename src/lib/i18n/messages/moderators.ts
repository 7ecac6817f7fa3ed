import { defineMessages } from '../define-messages';

/**
 * Messages of the per-meeting moderator role: the organizers' page to grant and revoke it, the
 * mail to a new moderator, and the moderator's and live participant's parts of "Meine Treffen".
 */
export const moderators = defineMessages(
	{
		'moderators.link': 'Moderation',
		'moderators.title': 'Moderation: {meeting}',
		'moderators.backToMeeting': 'Zurück zum Treffen',
		'moderators.intro':
			'Wer die Moderation übernimmt, führt die Live-Sitzung dieses Treffens: Cockpit, Umfragen und Ergebnisse. Anmeldungen, Personen, Ablauf und Dokumentation sieht die Moderation nicht.',
		'moderators.listHeading': 'Eingetragene Moderation',
		'moderators.empty': 'Für dieses Treffen ist noch niemand als Moderation eingetragen.',
		'moderators.caption': 'Moderation dieses Treffens',
		'moderators.columnName': 'Name',
		'moderators.columnEmail': 'E-Mail-Adresse',
		'moderators.columnSignIn': 'Anmeldung',
		'moderators.columnGranted': 'Eingetragen',
		'moderators.columnActions': 'Aktionen',
		'moderators.signInPassword': 'mit Passwort oder Link',
		'moderators.signInLink': 'per Link in einer E-Mail',
		'moderators.grantedBy': 'am {date} von {name}',
		'moderators.grantedOn': 'am {date}',
		'moderators.remove': '{name} aus der Moderation entfernen',
		'moderators.addHeading': 'Moderation eintragen',
		'moderators.addIntro':
			'Gibt es zu der E-Mail-Adresse noch kein Konto, wird eines ohne Passwort angelegt: Die Person meldet sich mit einem Link an, den sie per E-Mail bekommt. Sie erhält eine E-Mail mit der Adresse des Cockpits.',
		'moderators.email': 'E-Mail-Adresse',
		'moderators.displayName': 'Name (freiwillig)',
		'moderators.displayNameHint':
			'Nur für ein neues Konto; ohne Angabe gilt der Teil der E-Mail-Adresse vor dem @.',
		'moderators.add': 'Moderation eintragen',
		'moderators.added':
			'Die Moderation ist eingetragen und hat eine E-Mail mit dem Link zum Cockpit bekommen.',
		'moderators.addedWithoutMail':
			'Die Moderation ist eingetragen, aber die E-Mail mit dem Link zum Cockpit konnte nicht gesendet werden. Bitte teilen Sie der Person die Adresse selbst mit.',
		'moderators.removed': 'Die Moderation ist entfernt.',
		'moderators.alreadyGranted': 'Diese Person ist für dieses Treffen bereits als Moderation eingetragen.',
		'moderators.accountDisabled':
			'Das Konto zu dieser E-Mail-Adresse ist gesperrt. Bitte wenden Sie sich an die Administration.',
		'moderators.notGranted': 'Diese Person ist für dieses Treffen nicht als Moderation eingetragen.',

		'moderators.mail.subject': 'Sie moderieren: {meeting} – {series}',
		'moderators.mail.intro':
			'{granter} hat Sie als Moderation für das {meeting} der Reihe „{series}“ am {date} eingetragen. Sie führen die Live-Sitzung: Code für die Teilnehmenden, Ablauf, Umfragen und Ergebnisse.',
		'moderators.mail.cockpit': 'Zum Moderations-Cockpit',
		'moderators.mail.signIn':
			'Ein Passwort brauchen Sie nicht: Auf der folgenden Seite geben Sie Ihre E-Mail-Adresse ein und bekommen einen Anmeldelink.',
		'moderators.mail.signInLink': 'Anmelden per Link',
		'moderators.mail.myMeetings': 'Nach der Anmeldung finden Sie das Treffen auch unter „Meine Treffen“.',
		'moderators.mail.notExpected':
			'Wenn Sie diese E-Mail nicht erwartet haben, wenden Sie sich bitte an {granter}.',

		'my.moderating.heading': 'Treffen, die Sie moderieren',
		'my.moderating.cockpit': 'Live-Cockpit für {meeting} öffnen',
		'my.live.heading': 'Jetzt live',
		'my.live.intro': 'Zu diesen Treffen läuft gerade die Live-Sitzung.',
		'my.live.join': 'Jetzt live teilnehmen: {meeting}'
	},
	{
		'moderators.link': 'Moderators',
		'moderators.title': 'Moderators: {meeting}',
		'moderators.backToMeeting': 'Back to the meeting',
		'moderators.intro':
			'Moderators run the live session of this meeting: the cockpit, polls and results. They do not see registrations, people, the agenda or the documentation.',
		'moderators.listHeading': 'Moderators of this meeting',
		'moderators.empty': 'Nobody moderates this meeting yet.',
		'moderators.caption': 'Moderators of this meeting',
		'moderators.columnName': 'Name',
		'moderators.columnEmail': 'Email address',
		'moderators.columnSignIn': 'Sign-in',
		'moderators.columnGranted': 'Added',
		'moderators.columnActions': 'Actions',
		'moderators.signInPassword': 'with password or link',
		'moderators.signInLink': 'by a link in an email',
		'moderators.grantedBy': 'on {date} by {name}',
		'moderators.grantedOn': 'on {date}',
		'moderators.remove': 'Remove {name} from the moderators',
		'moderators.addHeading': 'Add a moderator',
		'moderators.addIntro':
			'If there is no account for the email address yet, one without a password is created: the person signs in with a link sent to them by email. They receive an email with the address of the cockpit.',
		'moderators.email': 'Email address',
		'moderators.displayName': 'Name (optional)',
		'moderators.displayNameHint':
			'Only for a new account; without it, the part of the email address before the @ is used.',
		'moderators.add': 'Add moderator',
		'moderators.added':
			'The moderator has been added and has been sent an email with the link to the cockpit.',
		'moderators.addedWithoutMail':
			'The moderator has been added, but the email with the link to the cockpit could not be sent. Please give them the address yourself.',
		'moderators.removed': 'The moderator has been removed.',
		'moderators.alreadyGranted': 'This person already moderates this meeting.',
		'moderators.accountDisabled':
			'The account for this email address is disabled. Please contact the administrators.',
		'moderators.notGranted': 'This person does not moderate this meeting.',

		'moderators.mail.subject': 'You moderate: {meeting} – {series}',
		'moderators.mail.intro':
			'{granter} has made you a moderator of {meeting} of the series “{series}” on {date}. You run the live session: the code for participants, the agenda, polls and results.',
		'moderators.mail.cockpit': 'Open the moderator cockpit',
		'moderators.mail.signIn':
			'You need no password: on the following page you enter your email address and receive a sign-in link.',
		'moderators.mail.signInLink': 'Sign in by link',
		'moderators.mail.myMeetings': 'Once signed in, you also find the meeting under “My meetings”.',
		'moderators.mail.notExpected': 'If you did not expect this email, please contact {granter}.',

		'my.moderating.heading': 'Meetings you moderate',
		'my.moderating.cockpit': 'Open the live cockpit for {meeting}',
		'my.live.heading': 'Live now',
		'my.live.intro': 'The live session of these meetings is running now.',
		'my.live.join': 'Join live now: {meeting}'
	}
);
