import { translate, type Locale, type MessageKey } from '../../i18n/translate';
import type { MeetingDocument, NetworkPart } from '../exchange-format/schema';
import type { CardColumn, NetworkEntry, PollResult, QuestionResult, RoomResult, RoundResult } from './model';

/**
 * The documentation model's result sections, built from a meeting document: poll results (with
 * their chart descriptions), breakout cards by column, and the network entries. Pure.
 */

/** `translate` bound to one language. */
export function translatorFor(locale: Locale) {
	return (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
}

export function nonEmpty<T>(values: readonly T[] | undefined): values is readonly T[] {
	return !!values && values.length > 0;
}

export function buildPollResults(document: MeetingDocument, locale: Locale): PollResult[] {
	const t = translatorFor(locale);
	const results: PollResult[] = [];
	for (const poll of document.meeting.polls ?? []) {
		const questions = poll.questions
			.filter((question) => question.results)
			.map((question): QuestionResult => {
				const counts = question.results?.counts ?? {};
				const texts = [...(question.results?.texts ?? [])];
				const labelled: { label: string; count: number }[] =
					question.kind === 'scale' && question.scale
						? scaleValues(question.scale).map((value) => ({
								label: scaleLabel(value, question.scale!),
								count: counts[String(value)] ?? 0
							}))
						: (question.options ?? []).map((option) => ({
								label: option.label,
								count: counts[option.id] ?? 0
							}));
				const total = labelled.reduce((sum, row) => sum + row.count, 0);
				const respondents =
					question.results?.respondents ?? (question.kind === 'text' ? texts.length : total);
				const base = respondents > 0 ? respondents : total;
				const rows = labelled.map((row) => {
					const percent = base > 0 ? Math.round((row.count / base) * 100) : 0;
					return { ...row, percent, percentText: t('documentation.poll.percentValue', { value: percent }) };
				});
				return {
					text: question.text,
					kind: question.kind,
					respondents,
					respondentsText: t('documentation.poll.respondents', { count: respondents }),
					rows,
					chartDescription: rows.length
						? t('documentation.poll.chartAlt', {
								question: question.text,
								values: rows
									.map((row) =>
										t('documentation.poll.chartValue', {
											label: row.label,
											count: row.count,
											percent: row.percentText
										})
									)
									.join('; ')
							})
						: '',
					texts
				};
			})
			.filter(
				(question) =>
					question.rows.some((row) => row.count > 0) || question.texts.length > 0 || question.respondents > 0
			);
		if (questions.length) results.push({ title: poll.title, questions });
	}
	return results;
}

function scaleValues(scale: { min: number; max: number }): number[] {
	const values: number[] = [];
	for (let value = scale.min; value <= scale.max && values.length < 101; value++) values.push(value);
	return values;
}

function scaleLabel(
	value: number,
	scale: { min: number; max: number; minLabel?: string; maxLabel?: string }
): string {
	if (value === scale.min && scale.minLabel) return `${value} (${scale.minLabel})`;
	if (value === scale.max && scale.maxLabel) return `${value} (${scale.maxLabel})`;
	return String(value);
}

export function buildRoundResults(document: MeetingDocument, locale: Locale): RoundResult[] {
	const t = translatorFor(locale);
	return (document.meeting.breakoutRounds ?? [])
		.map((round) => {
			const rooms = round.rooms
				.filter((room) => nonEmpty(room.cards))
				.map((room): RoomResult => {
					const columns: CardColumn[] = [];
					for (const card of room.cards ?? []) {
						const name = card.column ?? t('documentation.breakout.cards');
						let column = columns.find((entry) => entry.name === name);
						if (!column) {
							column = { name, cards: [] };
							columns.push(column);
						}
						const votes = card.votes ?? 0;
						column.cards.push({
							text: card.text,
							votes,
							votesText: votes ? t('documentation.breakout.votes', { count: votes }) : ''
						});
					}
					return { heading: t('documentation.breakout.room', { name: room.name }), columns };
				});
			return {
				title: round.title,
				description: round.description ?? null,
				questions: [...(round.questions ?? [])],
				rooms,
				synthesis: [...(round.synthesis ?? [])]
			};
		})
		.filter((round) => round.rooms.length > 0 || round.synthesis.length > 0);
}

export function buildNetworkEntry(network: NetworkPart, locale: Locale): NetworkEntry {
	const t = translatorFor(locale);
	const facts: { label: string; value: string }[] = [];
	facts.push({
		label: t('documentation.network.kind'),
		value: t(`documentation.networkKind.${network.kind}` as MessageKey)
	});
	const place = [
		network.municipality,
		network.district && network.district !== network.municipality ? network.district : undefined
	]
		.filter(Boolean)
		.join(', ');
	if (place) facts.push({ label: t('documentation.network.place'), value: place });
	if (nonEmpty(network.partners)) {
		facts.push({
			label: t('documentation.network.partners'),
			value: network.partners.map((partner) => t(`documentation.partner.${partner}` as MessageKey)).join(', ')
		});
	}
	if (network.founded)
		facts.push({ label: t('documentation.network.founded'), value: String(network.founded) });
	if (network.origin) facts.push({ label: t('documentation.network.origin'), value: network.origin });
	if (network.challenges)
		facts.push({ label: t('documentation.network.challenges'), value: network.challenges });
	const contact = [network.contact?.name, network.contact?.email, network.contact?.phone]
		.filter(Boolean)
		.join(', ');
	if (contact) facts.push({ label: t('documentation.network.contact'), value: contact });
	if (network.website) facts.push({ label: t('documentation.network.website'), value: network.website });
	return { name: network.name, facts, description: network.description ?? null };
}
