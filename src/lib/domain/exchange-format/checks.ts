/**
 * Semantic checks of a meeting document that its JSON schema cannot express: references point
 * to something that exists, ids are unique where they must be, results fit their question, and
 * the agenda's times make sense. Each problem names its place as a JSON pointer.
 */
import { problem, type Problem } from '../errors';
import { checkAgenda, checkMeetingTimes, toMinutes } from '../agenda-timing';
import { bundlePathProblem } from './file-names';
import type { MeetingDocument, QuestionPart } from './schema';

export function checkMeetingDocument(document: MeetingDocument): Problem[] {
	const meeting = document.meeting;
	const problems: Problem[] = [];

	const personIds = new Set((meeting.people ?? []).map((person) => person.id));
	const pollIds = new Set((meeting.polls ?? []).map((poll) => poll.id));
	const roundIds = new Set((meeting.breakoutRounds ?? []).map((round) => round.id));

	problems.push(...duplicateIds(meeting.people ?? [], '/meeting/people'));
	problems.push(...duplicateIds(meeting.polls ?? [], '/meeting/polls'));
	problems.push(...duplicateIds(meeting.breakoutRounds ?? [], '/meeting/breakoutRounds'));
	problems.push(...duplicateIds(document.networks ?? [], '/networks'));

	// A list of person references must name known people, each once (the database keeps one row each).
	const checkPersonList = (ids: readonly string[] | undefined, path: string) => {
		const seen = new Set<string>();
		(ids ?? []).forEach((id, index) => {
			if (!personIds.has(id)) problems.push(problem(`${path}/${index}`, 'exchange.unknownPerson', { id }));
			else if (seen.has(id))
				problems.push(problem(`${path}/${index}`, 'exchange.duplicateReference', { id }));
			seen.add(id);
		});
	};

	meeting.agenda.forEach((item, index) => {
		const path = `/meeting/agenda/${index}`;
		checkPersonList(item.speakers, `${path}/speakers`);
		if (item.poll !== undefined && !pollIds.has(item.poll))
			problems.push(problem(`${path}/poll`, 'exchange.unknownPoll', { id: item.poll }));
		if (item.breakoutRound !== undefined && !roundIds.has(item.breakoutRound))
			problems.push(
				problem(`${path}/breakoutRound`, 'exchange.unknownBreakoutRound', { id: item.breakoutRound })
			);
	});

	(meeting.polls ?? []).forEach((poll, pollIndex) => {
		const pollPath = `/meeting/polls/${pollIndex}`;
		problems.push(...duplicateIds(poll.questions, `${pollPath}/questions`));
		poll.questions.forEach((question, questionIndex) => {
			problems.push(...checkQuestion(question, `${pollPath}/questions/${questionIndex}`));
		});
	});

	(meeting.breakoutRounds ?? []).forEach((round, roundIndex) => {
		round.rooms.forEach((room, roomIndex) => {
			checkPersonList(
				room.participants,
				`/meeting/breakoutRounds/${roundIndex}/rooms/${roomIndex}/participants`
			);
		});
	});

	(meeting.attachments ?? []).forEach((attachment, index) => {
		const path = `/meeting/attachments/${index}`;
		checkPersonList(attachment.presenters, `${path}/presenters`);
		const fileProblem = attachment.file === undefined ? undefined : bundlePathProblem(attachment.file);
		if (fileProblem) problems.push(problem(`${path}/file`, fileProblem));
		if (attachment.agendaItem !== undefined && attachment.agendaItem >= meeting.agenda.length)
			problems.push(
				problem(`${path}/agendaItem`, 'exchange.agendaIndexOutOfRange', {
					index: attachment.agendaItem,
					count: meeting.agenda.length
				})
			);
	});

	problems.push(...checkTimes(meeting));
	return problems;
}

function duplicateIds(entries: readonly { id: string }[], path: string): Problem[] {
	const seen = new Set<string>();
	const problems: Problem[] = [];
	entries.forEach((entry, index) => {
		if (seen.has(entry.id))
			problems.push(problem(`${path}/${index}/id`, 'exchange.duplicateId', { id: entry.id }));
		seen.add(entry.id);
	});
	return problems;
}

/** Options are unique; counts name options (single, multiple) or scale values in range (scale). */
function checkQuestion(question: QuestionPart, path: string): Problem[] {
	const problems = duplicateIds(question.options ?? [], `${path}/options`);
	const scale = question.scale;
	if (scale && scale.max <= scale.min)
		problems.push(
			problem(`${path}/scale/max`, 'exchange.scaleMaxNotAboveMin', { min: scale.min, max: scale.max })
		);
	const optionIds = new Set((question.options ?? []).map((option) => option.id));
	for (const key of Object.keys(question.results?.counts ?? {})) {
		const keyPath = `${path}/results/counts/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
		switch (question.kind) {
			case 'single':
			case 'multiple':
				if (!optionIds.has(key)) problems.push(problem(keyPath, 'exchange.unknownOption', { key }));
				break;
			case 'scale':
				if (!scale) problems.push(problem(keyPath, 'exchange.countsWithoutScale', { key }));
				else if (!/^-?[0-9]+$/.test(key) || Number(key) < scale.min || Number(key) > scale.max)
					problems.push(
						problem(keyPath, 'exchange.scaleValueOutOfRange', { key, min: scale.min, max: scale.max })
					);
				break;
			case 'text':
				problems.push(problem(keyPath, 'exchange.countsForTextQuestion', { key }));
				break;
			default:
				question.kind satisfies never;
		}
	}
	return problems;
}

/** The meeting ends after it starts; the agenda lies within, in time order, without overlaps. */
function checkTimes(meeting: MeetingDocument['meeting']): Problem[] {
	const problems: Problem[] = checkMeetingTimes(meeting).map((found) =>
		problem('/meeting/end', found.key, found.params)
	);
	for (const found of checkAgenda(meeting, meeting.agenda)) {
		problems.push(problem(`/meeting/agenda/${found.index}/${found.field}`, found.key, found.params));
	}
	meeting.agenda.forEach((item, index) => {
		const previous = meeting.agenda[index - 1];
		if (previous && toMinutes(item.start) < toMinutes(previous.start))
			problems.push(
				problem(`/meeting/agenda/${index}/start`, 'exchange.agendaNotInTimeOrder', {
					title: item.title,
					previous: previous.title
				})
			);
	});
	return problems;
}
