/**
 * "Rückblick auf das letzte Treffen": the agenda item of meeting N that looks back at meeting
 * N-1, prefilled with that meeting's focus topic and findings. Pure text building; the agenda
 * service decides when to use it.
 */
export interface PreviousMeeting {
	number: number;
	meetingNoun: string;
	topicTitle: string | null;
	findings: readonly string[];
}

/** The title organizers give the item (German, as the founding document calls it). */
export const REVIEW_ITEM_TITLES = ['Rückblick auf das letzte Treffen', 'Rückblick auf das erste Treffen'];

/** Whether an agenda item is the review of the previous meeting, by its title. */
export function isReviewItem(title: string): boolean {
	const normalized = title.trim().toLowerCase();
	return normalized.startsWith('rückblick') || normalized.startsWith('review of the last');
}

/**
 * The details lines of the review item: which meeting, its topic, then one line per finding.
 * `labels` are the translated sentences (the caller picks the language).
 */
export function reviewDetails(
	previous: PreviousMeeting,
	labels: { meeting: (meeting: string) => string; topic: (topic: string) => string }
): string[] {
	const lines = [labels.meeting(`${previous.number}. ${previous.meetingNoun}`)];
	if (previous.topicTitle?.trim()) lines.push(labels.topic(previous.topicTitle.trim()));
	for (const finding of previous.findings) if (finding.trim()) lines.push(finding.trim());
	return lines;
}
