import { defineMessages } from '../define-messages';

/** Messages of the agenda (Ablaufplan) and its timing rules. */
export const agenda = defineMessages(
	{
		'agenda.meetingEndNotAfterStart': 'Das Ende ({end}) muss nach dem Beginn ({start}) liegen.',
		'agenda.endNotAfterStart': '„{title}“: Das Ende ({end}) muss nach dem Beginn ({start}) liegen.',
		'agenda.outsideMeeting': '„{title}“ liegt außerhalb der Zeit des Treffens ({start}–{end}).',
		'agenda.overlaps': '„{title}“ überschneidet sich mit „{other}“.'
	},
	{
		'agenda.meetingEndNotAfterStart': 'The end ({end}) must come after the start ({start}).',
		'agenda.endNotAfterStart': '"{title}": the end ({end}) must come after the start ({start}).',
		'agenda.outsideMeeting': '"{title}" lies outside the meeting\'s time ({start}–{end}).',
		'agenda.overlaps': '"{title}" overlaps "{other}".'
	}
);
