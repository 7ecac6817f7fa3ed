import { redirect } from '@sveltejs/kit';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { getLiveBus } from '$lib/server/live/runtime';
import {
	createCluster,
	deleteCluster,
	getSynthesis,
	setCardCluster,
	writeFindings,
	writeSynthesis
} from '$lib/server/services/breakouts';
import { breakoutsPath, failBreakoutForm, signInFirst } from '../../forms';
import type { Actions, PageServerLoad } from './$types';

/**
 * The plenary after a round: every room's cards, clusters, the round's synthesis and the meeting's
 * findings. Every change is a form action (no JavaScript needed); the services authorize.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const synthesis = await orErrorPage(async () => {
		try {
			return await getSynthesis(locals.db, locals.actor, meetingAddressFromParams(params), params.round);
		} catch (error) {
			signInFirst(error, url);
			throw error;
		}
	});
	return { ...synthesis, done: url.searchParams.get('done') };
};

/** Back to this page with a notice; the anchor keeps the place in a long page. */
const here = (params: { series: string; number: string; round: string }, done: string, anchor: string) =>
	`${breakoutsPath(params)}/${encodeURIComponent(params.round)}/synthesis?done=${done}${anchor}`;

export const actions: Actions = {
	cluster: async ({ locals, params, request, url }) => {
		const { values } = await readForm(request);
		try {
			await createCluster(locals.db, locals.actor, meetingAddressFromParams(params), {
				round: params.round,
				label: values.label ?? ''
			});
		} catch (error) {
			return failBreakoutForm(error, url, locals.locale, { ...values, form: 'cluster' });
		}
		redirect(303, here(params, 'clusterCreated', '#clusters-heading'));
	},
	deleteCluster: async ({ locals, params, request, url }) => {
		const { values } = await readForm(request);
		try {
			await deleteCluster(locals.db, locals.actor, meetingAddressFromParams(params), {
				round: params.round,
				clusterId: values.clusterId ?? ''
			});
		} catch (error) {
			return failBreakoutForm(error, url, locals.locale, { form: 'deleteCluster' });
		}
		redirect(303, here(params, 'clusterDeleted', '#clusters-heading'));
	},
	assign: async ({ locals, params, request, url }) => {
		const { values } = await readForm(request);
		try {
			await setCardCluster(locals.db, locals.actor, meetingAddressFromParams(params), {
				cardId: values.cardId ?? '',
				clusterId: values.clusterId ?? ''
			});
		} catch (error) {
			const failure = failBreakoutForm(error, url, locals.locale, { ...values, form: 'assign' });
			// The summary links to the card's own group selection (one per card on the page).
			failure.data.errors = failure.data.errors.map((entry) => ({
				...entry,
				field: `cluster-${values.cardId ?? ''}`
			}));
			return failure;
		}
		redirect(303, here(params, 'cardClustered', `#card-${values.cardId ?? ''}`));
	},
	synthesis: async ({ locals, params, request, url }) => {
		const { values } = await readForm(request);
		try {
			await writeSynthesis(
				locals.db,
				locals.actor,
				meetingAddressFromParams(params),
				{ round: params.round, synthesis: values.synthesis ?? '' },
				await getLiveBus()
			);
		} catch (error) {
			return failBreakoutForm(error, url, locals.locale, { ...values, form: 'synthesis' });
		}
		redirect(303, here(params, 'synthesis', '#synthesis-heading'));
	},
	findings: async ({ locals, params, request, url }) => {
		const { values } = await readForm(request);
		try {
			await writeFindings(
				locals.db,
				locals.actor,
				meetingAddressFromParams(params),
				{ findings: values.findings ?? '' },
				await getLiveBus()
			);
		} catch (error) {
			return failBreakoutForm(error, url, locals.locale, { ...values, form: 'findings' });
		}
		redirect(303, here(params, 'findings', '#findings-heading'));
	}
};
