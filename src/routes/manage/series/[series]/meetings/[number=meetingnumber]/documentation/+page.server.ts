import { redirect } from '@sveltejs/kit';
import { failForm, readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import {
	createDocumentationVersion,
	documentationFormats,
	listDocumentationVersions,
	publishDocumentation,
	unpublishDocumentation
} from '$lib/server/services/documentation';
import { getDocumentationTexts, updateDocumentationTexts } from '$lib/server/services/documentation-texts';
import { getMeetingForEditing } from '$lib/server/services/meetings';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import type { Actions, PageServerLoad } from './$types';

/** Paragraph lists as the textarea shows them: one blank line between paragraphs. */
const asText = (paragraphs: readonly string[]) => paragraphs.join('\n\n');

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { editing, texts, versions } = await orErrorPage(async () => {
		const address = meetingAddressFromParams(params);
		const editing = await getMeetingForEditing(locals.db, locals.actor, address.seriesId, address.number);
		const [texts, versions] = await Promise.all([
			getDocumentationTexts(locals.db, locals.actor, address),
			listDocumentationVersions(locals.db, locals.actor, address)
		]);
		return { editing, texts, versions };
	});
	const done = url.searchParams.get('done');
	return {
		series: {
			id: editing.series.id,
			title: editing.series.title,
			language: editing.series.language === 'en' ? ('en' as const) : ('de' as const)
		},
		meeting: {
			number: editing.meeting.number,
			title: editing.meeting.title,
			isPublic: editing.meeting.isPublic
		},
		formats: documentationFormats,
		textValues: {
			topicSummary: asText(texts.topicSummary),
			outlook: asText(texts.outlook),
			findings: asText(texts.findings)
		},
		rounds: texts.rounds.map((round) => ({
			id: round.id,
			title: round.title,
			text: asText(round.synthesis)
		})),
		versions,
		// What the last action did (after its 303), for the notice.
		done:
			done === 'texts' || done === 'generated' || done === 'published' || done === 'unpublished'
				? { action: done, version: Number(url.searchParams.get('version')) || null }
				: null
	};
};

function pagePath(params: { series: string; number: string }, query: Record<string, string>): string {
	return `/manage/series/${params.series}/meetings/${params.number}/documentation?${new URLSearchParams(query).toString()}`;
}

export const actions: Actions = {
	/** The free texts; one synthesis per breakout round, named `syntheses/{index}/text` like the schema's paths. */
	saveTexts: async ({ locals, params, request }) => {
		const { values } = await readForm(request);
		const syntheses: { roundId: string; text: string }[] = [];
		for (let index = 0; values[`syntheses/${index}/roundId`] !== undefined; index++) {
			syntheses.push({
				roundId: values[`syntheses/${index}/roundId`] ?? '',
				text: values[`syntheses/${index}/text`] ?? ''
			});
		}
		try {
			await updateDocumentationTexts(locals.db, locals.actor, meetingAddressFromParams(params), {
				topicSummary: values.topicSummary ?? '',
				outlook: values.outlook ?? '',
				findings: values.findings ?? '',
				syntheses
			});
		} catch (error) {
			return failForm(error, locals.locale, { ...values, form: 'texts' });
		}
		redirect(303, pagePath(params, { done: 'texts' }));
	},

	generate: async ({ locals, params, request }) => {
		const { values } = await readForm(request);
		let version: number;
		try {
			version = (
				await createDocumentationVersion(locals.db, locals.actor, meetingAddressFromParams(params), {
					lang: values.lang || undefined
				})
			).version;
		} catch (error) {
			return failForm(error, locals.locale, { ...values, form: 'generate' });
		}
		redirect(303, pagePath(params, { done: 'generated', version: String(version) }));
	},

	publish: async ({ locals, params, request }) => {
		const { values } = await readForm(request);
		try {
			await publishDocumentation(locals.db, locals.actor, meetingAddressFromParams(params), {
				versionId: values.versionId ?? ''
			});
		} catch (error) {
			return failForm(error, locals.locale, { ...values, form: 'versions' });
		}
		// The notice names the version that is public now, as the list shows it.
		redirect(303, pagePath(params, { done: 'published' }));
	},

	unpublish: async ({ locals, params }) => {
		try {
			await unpublishDocumentation(locals.db, locals.actor, meetingAddressFromParams(params));
		} catch (error) {
			return failForm(error, locals.locale, { form: 'versions' });
		}
		redirect(303, pagePath(params, { done: 'unpublished' }));
	}
};
