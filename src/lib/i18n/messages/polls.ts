import { defineMessages } from '../define-messages';

/** Messages of preparing polls in the meeting: the organizers' pages and the rules of a question. */
export const polls = defineMessages(
	{
		'polls.kind.single': 'Einfachauswahl (eine Antwort)',
		'polls.kind.multiple': 'Mehrfachauswahl',
		'polls.kind.scale': 'Skala',
		'polls.kind.text': 'Freitext',
		'polls.state.draft': 'Entwurf',
		'polls.state.open': 'offen',
		'polls.state.closed': 'geschlossen',

		'polls.notFound': 'Diese Umfrage gibt es bei diesem Treffen nicht (mehr).',
		'polls.questionNotFound': 'Diese Frage gibt es in der Umfrage nicht (mehr).',
		'polls.notDraftOpen':
			'Die Umfrage „{title}“ ist in der Live-Sitzung geöffnet und kann nicht mehr geändert werden: Ihre Fragen sind das, worauf gerade geantwortet wird.',
		'polls.notDraftClosed':
			'Die Umfrage „{title}“ wurde bereits geöffnet und geschlossen und kann nicht mehr geändert werden: Ihre Fragen sind das, worauf geantwortet wurde.',
		'polls.hasAnswers':
			'Auf die Umfrage „{title}“ wurde bereits geantwortet; sie kann nicht mehr geändert werden, sonst passten die Ergebnisse nicht mehr zu den Fragen.',
		'polls.tooFewOptions': 'Bitte mindestens zwei Antwortmöglichkeiten angeben, eine pro Zeile.',
		'polls.duplicateOption': 'Die Antwortmöglichkeit „{label}“ steht mehr als einmal da.',
		'polls.maxChoicesOutOfRange':
			'Die Höchstzahl der Antworten muss zwischen 1 und der Zahl der Antwortmöglichkeiten ({count}) liegen.',
		'polls.scaleEndRequired': 'Bitte eine ganze Zahl angeben.',
		'polls.scaleMaxNotAboveMin': 'Das obere Ende ({max}) muss größer sein als das untere ({min}).',
		'polls.scaleTooManySteps':
			'Die Skala hätte {steps} Stufen; höchstens {maximum} sind möglich (zum Beispiel 0 bis 10).',
		'polls.wholeNumber': 'Bitte eine ganze Zahl angeben.',
		'polls.numberOutOfRange': 'Bitte eine Zahl von {min} bis {max} angeben.',

		'polls.link': 'Umfragen',
		'polls.page.title': 'Umfragen für Treffen {number}',
		'polls.page.backToMeeting': 'Zurück zum Treffen',
		'polls.page.intro':
			'Hier bereiten Sie die Umfragen des Treffens vor. Geöffnet werden sie in der Live-Sitzung im Cockpit; eine geöffnete Umfrage lässt sich nicht mehr ändern.',
		'polls.page.listHeading': 'Umfragen dieses Treffens',
		'polls.page.empty': 'Für dieses Treffen gibt es noch keine Umfrage.',
		'polls.page.state': 'Zustand: {state}',
		'polls.page.questionCount': 'Fragen: {count}',
		'polls.page.readOnlyHint':
			'Diese Umfrage wurde bereits geöffnet oder beantwortet und ist nur noch lesbar. Die Ergebnisse stehen im Live-Cockpit.',
		'polls.page.cockpitLink': 'Zum Live-Cockpit',
		'polls.page.createHeading': 'Neue Umfrage',
		'polls.page.create': 'Umfrage anlegen',
		'polls.page.addQuestion': 'Frage hinzufügen',
		'polls.page.saveQuestion': 'Frage speichern',
		'polls.page.cancelEdit': 'Bearbeiten abbrechen',

		'polls.field.title': 'Titel der Umfrage',
		'polls.field.titleHint':
			'Aus dem Titel wird die Kennung der Umfrage gebildet; sie bleibt beim Umbenennen gleich.',
		'polls.field.text': 'Frage',
		'polls.field.kind': 'Art der Frage',
		'polls.field.choiceLegend': 'Antwortmöglichkeiten (nur bei Einfach- und Mehrfachauswahl)',
		'polls.field.options': 'Antwortmöglichkeiten',
		'polls.field.optionsHint': 'Eine Antwortmöglichkeit pro Zeile, mindestens zwei.',
		'polls.field.maxChoices': 'Höchstens so viele Antworten (nur bei Mehrfachauswahl)',
		'polls.field.maxChoicesHint': 'Leer lassen, wenn alle Antwortmöglichkeiten gewählt werden dürfen.',
		'polls.field.scaleLegend': 'Skala (nur bei Skalenfragen)',
		'polls.field.scaleHint':
			'Ganze Zahlen, das untere Ende kleiner als das obere, höchstens 11 Stufen (zum Beispiel 1 bis 5 oder 0 bis 10). Beschriftungen der Enden sind freiwillig.',
		'polls.field.scaleMin': 'Unteres Ende',
		'polls.field.scaleMax': 'Oberes Ende',
		'polls.field.scaleMinLabel': 'Beschriftung des unteren Endes',
		'polls.field.scaleMaxLabel': 'Beschriftung des oberen Endes',

		'polls.poll.title': 'Umfrage: {title}',
		'polls.poll.back': 'Zurück zu den Umfragen',
		'polls.poll.key': 'Kennung: {key}',
		'polls.poll.openedHint':
			'Diese Umfrage wurde in der Live-Sitzung geöffnet und ist nur noch lesbar: Ihre Fragen sind das, worauf geantwortet wurde. Die Ergebnisse stehen im Live-Cockpit.',
		'polls.poll.answeredHint':
			'Auf diese Umfrage wurde bereits geantwortet; sie ist nur noch lesbar. Die Ergebnisse stehen im Live-Cockpit.',
		'polls.poll.renameHeading': 'Titel ändern',
		'polls.poll.rename': 'Titel speichern',
		'polls.poll.questionsHeading': 'Fragen',
		'polls.poll.noQuestions': 'Diese Umfrage hat noch keine Fragen.',
		'polls.poll.kind': 'Art: {kind}',
		'polls.poll.maxChoices': 'Höchstens {max} Antworten',
		'polls.poll.scale': 'Skala von {min} bis {max}',
		'polls.poll.scaleLabels': '({minLabel} bis {maxLabel})',
		'polls.poll.moveUp': 'Frage „{text}“ nach oben verschieben',
		'polls.poll.moveDown': 'Frage „{text}“ nach unten verschieben',
		'polls.poll.moveUpShort': 'Nach oben',
		'polls.poll.moveDownShort': 'Nach unten',
		'polls.poll.edit': 'Frage „{text}“ bearbeiten',
		'polls.poll.editShort': 'Bearbeiten',
		'polls.poll.deleteQuestion': 'Frage „{text}“ löschen',
		'polls.poll.deleteShort': 'Löschen',
		'polls.poll.addHeading': 'Frage hinzufügen',
		'polls.poll.editHeading': 'Frage bearbeiten: „{text}“',
		'polls.poll.deleteHeading': 'Umfrage löschen',
		'polls.poll.deleteIntro':
			'Löscht die Umfrage mit allen Fragen. Punkte im Ablaufplan, die sie öffnen sollten, verweisen danach auf keine Umfrage mehr.',
		'polls.poll.delete': 'Umfrage „{title}“ löschen',

		'polls.done.created': 'Die Umfrage „{title}“ wurde angelegt. Fügen Sie jetzt Fragen hinzu.',
		'polls.done.renamed': 'Der Titel wurde gespeichert: „{title}“.',
		'polls.done.deleted': 'Die Umfrage „{title}“ wurde gelöscht.',
		'polls.done.added': 'Die Frage „{text}“ wurde hinzugefügt.',
		'polls.done.updated': 'Die Frage „{text}“ wurde gespeichert.',
		'polls.done.moved': 'Die Frage „{text}“ steht jetzt an Position {position} von {count}.',
		'polls.done.questionDeleted': 'Die Frage wurde gelöscht.'
	},
	{
		'polls.kind.single': 'Single choice (one answer)',
		'polls.kind.multiple': 'Multiple choice',
		'polls.kind.scale': 'Scale',
		'polls.kind.text': 'Free text',
		'polls.state.draft': 'draft',
		'polls.state.open': 'open',
		'polls.state.closed': 'closed',

		'polls.notFound': 'This meeting has no such poll (any more).',
		'polls.questionNotFound': 'This poll has no such question (any more).',
		'polls.notDraftOpen':
			'The poll "{title}" is open in the live session and can no longer be changed: its questions are what people are answering.',
		'polls.notDraftClosed':
			'The poll "{title}" has already been opened and closed and can no longer be changed: its questions are what people answered.',
		'polls.hasAnswers':
			'The poll "{title}" has already been answered; it can no longer be changed, or the results would no longer match the questions.',
		'polls.tooFewOptions': 'Please give at least two options, one per line.',
		'polls.duplicateOption': 'The option "{label}" is there more than once.',
		'polls.maxChoicesOutOfRange':
			'The maximum number of answers must lie between 1 and the number of options ({count}).',
		'polls.scaleEndRequired': 'Please give a whole number.',
		'polls.scaleMaxNotAboveMin': 'The upper end ({max}) must be greater than the lower one ({min}).',
		'polls.scaleTooManySteps':
			'The scale would have {steps} steps; at most {maximum} are possible (e.g. 0 to 10).',
		'polls.wholeNumber': 'Please give a whole number.',
		'polls.numberOutOfRange': 'Please give a number from {min} to {max}.',

		'polls.link': 'Polls',
		'polls.page.title': 'Polls for meeting {number}',
		'polls.page.backToMeeting': 'Back to the meeting',
		'polls.page.intro':
			"Prepare the meeting's polls here. They are opened in the live session's cockpit; an opened poll can no longer be changed.",
		'polls.page.listHeading': "This meeting's polls",
		'polls.page.empty': 'This meeting has no poll yet.',
		'polls.page.state': 'State: {state}',
		'polls.page.questionCount': 'Questions: {count}',
		'polls.page.readOnlyHint':
			'This poll has already been opened or answered and is read-only. Its results are in the live cockpit.',
		'polls.page.cockpitLink': 'To the live cockpit',
		'polls.page.createHeading': 'New poll',
		'polls.page.create': 'Create poll',
		'polls.page.addQuestion': 'Add question',
		'polls.page.saveQuestion': 'Save question',
		'polls.page.cancelEdit': 'Cancel editing',

		'polls.field.title': 'Title of the poll',
		'polls.field.titleHint':
			"The poll's id is made from the title; it stays the same when the poll is renamed.",
		'polls.field.text': 'Question',
		'polls.field.kind': 'Kind of question',
		'polls.field.choiceLegend': 'Options (single and multiple choice only)',
		'polls.field.options': 'Options',
		'polls.field.optionsHint': 'One option per line, at least two.',
		'polls.field.maxChoices': 'At most this many answers (multiple choice only)',
		'polls.field.maxChoicesHint': 'Leave empty when every option may be chosen.',
		'polls.field.scaleLegend': 'Scale (scale questions only)',
		'polls.field.scaleHint':
			'Whole numbers, the lower end below the upper, at most 11 steps (e.g. 1 to 5 or 0 to 10). Labels for the ends are optional.',
		'polls.field.scaleMin': 'Lower end',
		'polls.field.scaleMax': 'Upper end',
		'polls.field.scaleMinLabel': 'Label of the lower end',
		'polls.field.scaleMaxLabel': 'Label of the upper end',

		'polls.poll.title': 'Poll: {title}',
		'polls.poll.back': 'Back to the polls',
		'polls.poll.key': 'Id: {key}',
		'polls.poll.openedHint':
			'This poll has been opened in the live session and is read-only: its questions are what people answered. Its results are in the live cockpit.',
		'polls.poll.answeredHint':
			'This poll has already been answered and is read-only. Its results are in the live cockpit.',
		'polls.poll.renameHeading': 'Change the title',
		'polls.poll.rename': 'Save title',
		'polls.poll.questionsHeading': 'Questions',
		'polls.poll.noQuestions': 'This poll has no questions yet.',
		'polls.poll.kind': 'Kind: {kind}',
		'polls.poll.maxChoices': 'At most {max} answers',
		'polls.poll.scale': 'Scale from {min} to {max}',
		'polls.poll.scaleLabels': '({minLabel} to {maxLabel})',
		'polls.poll.moveUp': 'Move question "{text}" up',
		'polls.poll.moveDown': 'Move question "{text}" down',
		'polls.poll.moveUpShort': 'Up',
		'polls.poll.moveDownShort': 'Down',
		'polls.poll.edit': 'Edit question "{text}"',
		'polls.poll.editShort': 'Edit',
		'polls.poll.deleteQuestion': 'Delete question "{text}"',
		'polls.poll.deleteShort': 'Delete',
		'polls.poll.addHeading': 'Add a question',
		'polls.poll.editHeading': 'Edit question: "{text}"',
		'polls.poll.deleteHeading': 'Delete the poll',
		'polls.poll.deleteIntro':
			'Deletes the poll with all its questions. Agenda items that were to open it then point at no poll.',
		'polls.poll.delete': 'Delete poll "{title}"',

		'polls.done.created': 'The poll "{title}" has been created. Now add its questions.',
		'polls.done.renamed': 'The title has been saved: "{title}".',
		'polls.done.deleted': 'The poll "{title}" has been deleted.',
		'polls.done.added': 'The question "{text}" has been added.',
		'polls.done.updated': 'The question "{text}" has been saved.',
		'polls.done.moved': 'The question "{text}" is now at position {position} of {count}.',
		'polls.done.questionDeleted': 'The question has been deleted.'
	}
);
