import { defineMessages } from '../define-messages';

/** Messages of the exchange area: importing and exporting meetings (netzwerkstatt.meeting/v1). */
export const exchange = defineMessages(
	{
		'exchange.bundleWithoutMeeting': 'Das ZIP-Paket enthält keine Datei meeting.json.',
		'exchange.bundleFileMissing':
			'Hinweis: Die Datei „{file}“ fehlt im ZIP-Paket; die Anlage wurde ohne Datei übernommen.',
		'exchange.bundleUnreadable': 'Das ZIP-Paket lässt sich nicht lesen: {detail}',
		'exchange.bundleTooManyFiles': 'Das ZIP-Paket enthält mehr als {maximum} Dateien.',
		'exchange.bundleImported': '{files} Datei(en) aus dem Paket wurden übernommen.',
		'exchange.invalidDocument': 'Das Dokument wurde nicht importiert. Es enthält {count} Fehler:',
		'exchange.unknownPerson': 'Unter meeting.people gibt es keine Person mit der Kennung „{id}“.',
		'exchange.duplicateReference': 'Die Person „{id}“ steht hier mehr als einmal.',
		'exchange.unknownPoll': 'Unter meeting.polls gibt es keine Umfrage mit der Kennung „{id}“.',
		'exchange.unknownBreakoutRound':
			'Unter meeting.breakoutRounds gibt es keine Breakout-Runde mit der Kennung „{id}“.',
		'exchange.agendaIndexOutOfRange':
			'Einen Tagesordnungspunkt mit dem Index {index} gibt es nicht; die Tagesordnung hat {count} Punkte (gezählt ab 0).',
		'exchange.duplicateId': 'Die Kennung „{id}“ kommt hier mehrfach vor.',
		'exchange.scaleMaxNotAboveMin': 'Das Maximum der Skala ({max}) muss größer als ihr Minimum ({min}) sein.',
		'exchange.unknownOption': 'Die Frage hat keine Antwortoption mit der Kennung „{key}“.',
		'exchange.countsWithoutScale': 'Der Wert „{key}“ lässt sich nicht prüfen: Die Frage hat keine Skala.',
		'exchange.scaleValueOutOfRange': '„{key}“ ist kein ganzzahliger Wert der Skala von {min} bis {max}.',
		'exchange.countsForTextQuestion':
			'Eine Freitextfrage hat keine Antwortzählungen („{key}“); ihre Antworten gehören unter texts.',
		'exchange.agendaNotInTimeOrder':
			'„{title}“ beginnt vor „{previous}“: Die Tagesordnung muss in zeitlicher Reihenfolge stehen.',
		'exchange.meetingExists':
			'Das Treffen {address} gibt es schon. Zum Ersetzen wählen Sie „Vorhandenes Treffen ersetzen“ (Kommandozeile: --replace, API: replace=true).',
		'exchange.organizationRequired':
			'Die Reihe „{series}“ gibt es noch nicht. Bitte geben Sie die Organisation an, zu der sie gehören soll.',
		'exchange.unknownOrganization': 'Eine Organisation „{organization}“ gibt es nicht.',
		'exchange.notOrganizerOf':
			'Sie organisieren nicht für „{organization}“ und können dorthin nichts importieren.',
		'exchange.seriesOfOtherOrganization':
			'Die Reihe „{series}“ gehört einer anderen Organisation. Sie können nur in Reihen Ihrer eigenen Organisation importieren.',
		'exchange.exportForbidden':
			'Den Export eines Treffens können nur die Organisator:innen seiner Reihe herunterladen, denn er enthält personenbezogene Daten.',
		'exchange.fileMissing': 'Bitte wählen Sie eine JSON-Datei aus.',
		'exchange.fileTooLarge': 'Die Datei ist zu groß: höchstens {megabytes} MB.',
		'import.title': 'Treffen importieren',
		'import.intro':
			'Laden Sie ein Treffen im Austauschformat netzwerkstatt.meeting/v1 hoch (eine .json-Datei). Fehlt die Reihe, wird sie in Ihrer Organisation angelegt.',
		'import.fileLabel': 'Datei (JSON oder ZIP-Paket)',
		'import.fileHint':
			'Eine Datei im Format netzwerkstatt.meeting/v1 (höchstens 5 MB) oder ein ZIP-Paket mit meeting.json und den Dateien der Anlagen, wie es die Dokumentation zum Herunterladen anbietet.',
		'import.organizationLabel': 'Organisation für eine neue Reihe',
		'import.organizationHint': 'Gilt nur, wenn die Reihe noch nicht existiert.',
		'import.optionsLegend': 'Optionen',
		'import.replaceLabel': 'Vorhandenes Treffen ersetzen',
		'import.publishLabel': 'Treffen und Reihe veröffentlichen',
		'import.submit': 'Importieren',
		'import.success': 'Das Treffen {address} wurde importiert.',
		'import.successReplaced': 'Das Treffen {address} wurde importiert und hat das vorhandene ersetzt.',
		'import.downloadExport': 'Export von {address} herunterladen (JSON)',
		'cli.import.done': 'Importiert: {address}',
		'cli.import.doneReplaced': 'Importiert (ersetzt): {address}',
		'cli.import.published': 'Veröffentlicht: {address}',
		'cli.import.unreadableFile': 'Die Datei {file} lässt sich nicht lesen: {detail}',
		'cli.export.badAddress':
			'„{address}“ ist keine Adresse eines Treffens. Erwartet wird REIHE/NUMMER, z. B. austausch-kulturbueros-engagement/2.',
		'import.problemAt': '{path}: {message}',
		'cli.export.written': 'Geschrieben: {file}',
		'exchange.bundleEntryTooLarge':
			'Die Datei „{file}“ im ZIP-Paket ist zu groß: höchstens {megabytes} MB je Datei (angegebene entpackte Größe).',
		'exchange.bundleTooLarge':
			'Das ZIP-Paket ist entpackt zu groß: höchstens {megabytes} MB für alle Dateien zusammen (angegebene entpackte Größen).',
		'exchange.bundleDuplicateName': 'Das ZIP-Paket enthält die Datei „{file}“ mehr als einmal.',
		'exchange.bundleOverlappingEntries':
			'Im ZIP-Paket teilen sich Einträge dieselben Daten (bei „{file}“); ein solches Paket wird nicht gelesen.',
		'exchange.bundleEntrySizeMismatch':
			'Die Datei „{file}“ im ZIP-Paket ist entpackt nicht so groß, wie das Paket angibt.',
		'exchange.bundleDocumentTooLarge':
			'Die Datei meeting.json im ZIP-Paket ist zu groß: höchstens {megabytes} MB.',
		'exchange.unsafeUrl':
			'Nur Adressen, die mit https:, http: oder mailto: beginnen, sind erlaubt (sie werden als Link angezeigt).',
		'exchange.fileNameNotRelative':
			'Erlaubt ist nur ein Dateiname oder ein Pfad innerhalb des Pakets, z. B. attachments/folien.pdf: ohne „..“, ohne führenden Schrägstrich, ohne Laufwerk.',
		'exchange.fileNameControlCharacters': 'Der Dateiname enthält Steuerzeichen.',
		'exchange.nulCharacter': 'Der Text enthält ein NUL-Zeichen (U+0000); das lässt sich nicht speichern.',
		'exchange.organizerNameWithoutSlug':
			'Aus dem Namen „{name}“ lässt sich keine Kennung für eine Organisation bilden. Bitte geben Sie die Organisation an (--organization).',
		'import.seriesKept':
			'Die Reihe {series} gab es schon; sie bleibt, wie sie ist. Diese Angaben des Dokuments weichen von ihr ab und wurden nicht übernommen:',
		'cli.import.seriesKept':
			'Die Reihe {series} gab es schon und bleibt, wie sie ist. Nicht übernommen, weil abweichend: {fields}',
		'cli.import.organizationCreated': 'Organisation angelegt: {name} ({slug})',
		'cli.exitCodes':
			'Exit-Codes: 0 erledigt, 1 abgelehnt (mit Meldung auf der Standardfehlerausgabe), 2 falscher Aufruf.',
		'cli.createOrganization.description':
			'Legt eine Organisation an, für die Konten Reihen organisieren können.',
		'cli.createOrganization.slugArgument':
			'Kennung der Organisation, z. B. lwl-kulturabteilung (Kleinbuchstaben, Ziffern, Bindestriche)',
		'cli.createOrganization.nameOption': 'Name der Organisation, z. B. „LWL-Kulturabteilung“',
		'cli.createOrganization.created': 'Organisation {name} ({slug}) wurde angelegt.',
		'cli.addOrganizer.description':
			'Macht das Konto mit dieser E-Mail-Adresse zur Organisator:in einer Organisation. Ein fehlendes Konto wird angelegt; sein Passwort kommt aus der Standardeingabe oder wird erzeugt und einmal angezeigt.',
		'cli.addOrganizer.slugArgument': 'Kennung der Organisation',
		'cli.addOrganizer.emailArgument': 'E-Mail-Adresse des Kontos',
		'cli.addOrganizer.nameOption':
			'Anzeigename eines neuen Kontos (Standard: der Teil der E-Mail-Adresse vor dem @)',
		'cli.addOrganizer.added': '{email} organisiert jetzt für {organization}.',
		'cli.addOrganizer.already': '{email} organisiert schon für {organization}.',
		'cli.addOrganizer.accountCreated': 'Konto {email} wurde angelegt.'
	},
	{
		'exchange.bundleWithoutMeeting': 'The ZIP bundle holds no file meeting.json.',
		'exchange.bundleFileMissing':
			'Note: the file "{file}" is missing from the ZIP bundle; the attachment was taken over without its file.',
		'exchange.bundleUnreadable': 'The ZIP bundle cannot be read: {detail}',
		'exchange.bundleTooManyFiles': 'The ZIP bundle holds more than {maximum} files.',
		'exchange.bundleImported': '{files} file(s) from the bundle were taken over.',
		'exchange.invalidDocument': 'The document was not imported. It has {count} error(s):',
		'exchange.unknownPerson': 'There is no person with the id "{id}" in meeting.people.',
		'exchange.duplicateReference': 'The person "{id}" is listed here more than once.',
		'exchange.unknownPoll': 'There is no poll with the id "{id}" in meeting.polls.',
		'exchange.unknownBreakoutRound':
			'There is no breakout round with the id "{id}" in meeting.breakoutRounds.',
		'exchange.agendaIndexOutOfRange':
			'There is no agenda item with the index {index}; the agenda has {count} items (counted from 0).',
		'exchange.duplicateId': 'The id "{id}" occurs more than once here.',
		'exchange.scaleMaxNotAboveMin':
			'The maximum of the scale ({max}) must be greater than its minimum ({min}).',
		'exchange.unknownOption': 'The question has no option with the id "{key}".',
		'exchange.countsWithoutScale': 'The value "{key}" cannot be checked: the question has no scale.',
		'exchange.scaleValueOutOfRange': '"{key}" is not a whole value of the scale from {min} to {max}.',
		'exchange.countsForTextQuestion':
			'A free-text question has no answer counts ("{key}"); its answers belong under texts.',
		'exchange.agendaNotInTimeOrder':
			'"{title}" starts before "{previous}": the agenda must be in time order.',
		'exchange.meetingExists':
			'The meeting {address} already exists. To replace it, choose "Replace the existing meeting" (command line: --replace, API: replace=true).',
		'exchange.organizationRequired':
			'The series "{series}" does not exist yet. Please name the organization it is to belong to.',
		'exchange.unknownOrganization': 'There is no organization "{organization}".',
		'exchange.notOrganizerOf': 'You are not an organizer of "{organization}" and cannot import into it.',
		'exchange.seriesOfOtherOrganization':
			'The series "{series}" belongs to another organization. You can only import into series of your own organization.',
		'exchange.exportForbidden':
			"Only the organizers of a meeting's series can download its export, because it contains personal data.",
		'exchange.fileMissing': 'Please choose a JSON file.',
		'exchange.fileTooLarge': 'The file is too large: at most {megabytes} MB.',
		'import.title': 'Import a meeting',
		'import.intro':
			'Upload a meeting in the exchange format netzwerkstatt.meeting/v1 (a .json file). A missing series is created in your organization.',
		'import.fileLabel': 'File (JSON or ZIP bundle)',
		'import.fileHint':
			'A file in the format netzwerkstatt.meeting/v1 (at most 5 MB), or a ZIP bundle with meeting.json and the attachment files, as the documentation download offers it.',
		'import.organizationLabel': 'Organization for a new series',
		'import.organizationHint': 'Used only when the series does not exist yet.',
		'import.optionsLegend': 'Options',
		'import.replaceLabel': 'Replace the existing meeting',
		'import.publishLabel': 'Publish the meeting and its series',
		'import.submit': 'Import',
		'import.success': 'The meeting {address} has been imported.',
		'import.successReplaced': 'The meeting {address} has been imported and replaced the existing one.',
		'import.downloadExport': 'Download the export of {address} (JSON)',
		'cli.import.done': 'Imported: {address}',
		'cli.import.doneReplaced': 'Imported (replaced): {address}',
		'cli.import.published': 'Published: {address}',
		'cli.import.unreadableFile': 'Cannot read the file {file}: {detail}',
		'cli.export.badAddress':
			'"{address}" is not the address of a meeting. Expected SERIES/NUMBER, e.g. austausch-kulturbueros-engagement/2.',
		'import.problemAt': '{path}: {message}',
		'cli.export.written': 'Written: {file}',
		'exchange.bundleEntryTooLarge':
			'The file "{file}" in the ZIP bundle is too large: at most {megabytes} MB per file (declared unpacked size).',
		'exchange.bundleTooLarge':
			'The ZIP bundle is too large unpacked: at most {megabytes} MB for all files together (declared unpacked sizes).',
		'exchange.bundleDuplicateName': 'The ZIP bundle holds the file "{file}" more than once.',
		'exchange.bundleOverlappingEntries':
			'Entries of the ZIP bundle share the same data (at "{file}"); such a bundle is not read.',
		'exchange.bundleEntrySizeMismatch':
			'The file "{file}" in the ZIP bundle does not unpack to the size the bundle declares.',
		'exchange.bundleDocumentTooLarge':
			'The file meeting.json in the ZIP bundle is too large: at most {megabytes} MB.',
		'exchange.unsafeUrl':
			'Only addresses beginning with https:, http: or mailto: are allowed (they are shown as links).',
		'exchange.fileNameNotRelative':
			'Only a file name or a path inside the bundle is allowed, e.g. attachments/slides.pdf: no "..", no leading slash, no drive.',
		'exchange.fileNameControlCharacters': 'The file name contains control characters.',
		'exchange.nulCharacter': 'The text contains a NUL character (U+0000), which cannot be stored.',
		'exchange.organizerNameWithoutSlug':
			'No organization id can be made from the name "{name}". Please name the organization (--organization).',
		'import.seriesKept':
			'The series {series} existed already and stays as it is. These fields of the document differ from it and were not taken over:',
		'cli.import.seriesKept':
			'The series {series} existed already and stays as it is. Not taken over because they differ: {fields}',
		'cli.import.organizationCreated': 'Organization created: {name} ({slug})',
		'cli.exitCodes': 'Exit codes: 0 done, 1 refused (with a message on standard error), 2 wrong usage.',
		'cli.createOrganization.description': 'Create an organization, for which accounts can organize series.',
		'cli.createOrganization.slugArgument':
			'id of the organization, e.g. lwl-kulturabteilung (lower-case letters, digits, hyphens)',
		'cli.createOrganization.nameOption': 'name of the organization, e.g. "LWL-Kulturabteilung"',
		'cli.createOrganization.created': 'Organization {name} ({slug}) has been created.',
		'cli.addOrganizer.description':
			'Make the account with this email address an organizer of an organization. A missing account is created; its password is read from standard input, or generated and printed once.',
		'cli.addOrganizer.slugArgument': 'id of the organization',
		'cli.addOrganizer.emailArgument': 'email address of the account',
		'cli.addOrganizer.nameOption':
			'display name of a new account (default: the part of the email address before the @)',
		'cli.addOrganizer.added': '{email} now organizes for {organization}.',
		'cli.addOrganizer.already': '{email} already organizes for {organization}.',
		'cli.addOrganizer.accountCreated': 'Account {email} has been created.'
	}
);
