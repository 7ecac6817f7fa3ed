import { redirect } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/app';
import { failForm, readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { listWishesForTriage, makeWishMeetingTopic, triageWish } from '$lib/server/services/wishes-triage';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const view = await orErrorPage(() => listWishesForTriage(locals.db, locals.actor, params.series));
	return {
		...view,
		notice: url.searchParams.get('done'),
		count: Number(url.searchParams.get('count') ?? 0),
		number: Number(url.searchParams.get('number') ?? 0)
	};
};

export const actions: Actions = {
	triage: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		const { mailer, config } = await getAppContext();
		let outcome;
		try {
			outcome = await triageWish(
				locals.db,
				mailer,
				locals.actor,
				params.series,
				values.wishId ?? '',
				{ status: values.status, reason: values.reason },
				{ publicOrigin: config.publicOrigin }
			);
		} catch (caught) {
			return failForm(caught, locals.locale, values);
		}
		redirect(303, `/manage/series/${params.series}/wuensche?done=triaged&count=${outcome.notified}`);
	},
	makeTopic: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		const { mailer, config } = await getAppContext();
		const input =
			values.target === 'new'
				? { target: 'new', date: values.date, start: values.start, end: values.end }
				: { target: 'existing', number: values.number };
		let outcome;
		try {
			outcome = await makeWishMeetingTopic(
				locals.db,
				mailer,
				locals.actor,
				params.series,
				values.wishId ?? '',
				input,
				{ publicOrigin: config.publicOrigin }
			);
		} catch (caught) {
			return failForm(caught, locals.locale, values);
		}
		redirect(
			303,
			`/manage/series/${params.series}/wuensche?done=topic&number=${outcome.meetingNumber}&count=${outcome.notified}`
		);
	}
};
