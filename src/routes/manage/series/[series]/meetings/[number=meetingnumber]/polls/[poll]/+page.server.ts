import { redirect } from '@sveltejs/kit';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { readForm } from '$lib/server/http/forms';
import { orSignIn } from '$lib/server/http/pages';
import * as pollsService from '$lib/server/services/polls';
import * as questionsService from '$lib/server/services/poll-questions';
import { failPollForm, pollsPath, questionInput } from '../poll-forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const view = await orSignIn(url, () =>
		pollsService.getPoll(locals.db, locals.actor, meetingAddressFromParams(params), params.poll)
	);
	const editId = url.searchParams.get('edit');
	return {
		...view,
		editing: (view.poll.isEditable && editId && view.poll.questions.find((q) => q.id === editId)) || null,
		done: url.searchParams.get('done'),
		doneQuestion: url.searchParams.get('question')
	};
};

type Params = { series: string; number: string; poll: string };

/** Back to the poll after a change: a notice, and the question it concerned in view. */
function doneLocation(params: Params, action: string, questionId?: string): string {
	const query = new URLSearchParams({ done: action });
	if (questionId) query.set('question', questionId);
	return `${pollsPath(params)}/${encodeURIComponent(params.poll)}?${query.toString()}${
		questionId ? `#question-${questionId}` : ''
	}`;
}

export const actions: Actions = {
	rename: async ({ locals, params, request, url }) => {
		const { values } = await readForm(request);
		try {
			await pollsService.renamePoll(locals.db, locals.actor, meetingAddressFromParams(params), {
				poll: params.poll,
				title: values.title ?? ''
			});
		} catch (error) {
			return failPollForm(error, url, locals.locale, values);
		}
		redirect(303, doneLocation(params, 'renamed'));
	},

	delete: async ({ locals, params, url }) => {
		let title: string;
		try {
			title = (
				await pollsService.deletePoll(locals.db, locals.actor, meetingAddressFromParams(params), {
					poll: params.poll
				})
			).title;
		} catch (error) {
			return failPollForm(error, url, locals.locale, {});
		}
		redirect(303, `${pollsPath(params)}?${new URLSearchParams({ done: 'deleted', title }).toString()}`);
	},

	addQuestion: async ({ locals, params, request, url }) => {
		const { values } = await readForm(request);
		let questionId: string;
		try {
			questionId = (
				await questionsService.addQuestion(locals.db, locals.actor, meetingAddressFromParams(params), {
					poll: params.poll,
					...questionInput(values)
				})
			).questionId;
		} catch (error) {
			return failPollForm(error, url, locals.locale, values);
		}
		redirect(303, doneLocation(params, 'added', questionId));
	},

	updateQuestion: async ({ locals, params, request, url }) => {
		const { values } = await readForm(request);
		const questionId = values.questionId ?? '';
		try {
			await questionsService.updateQuestion(locals.db, locals.actor, meetingAddressFromParams(params), {
				poll: params.poll,
				questionId,
				...questionInput(values)
			});
		} catch (error) {
			return failPollForm(error, url, locals.locale, values);
		}
		redirect(303, doneLocation(params, 'updated', questionId));
	},

	deleteQuestion: async ({ locals, params, request, url }) => {
		const { values } = await readForm(request);
		try {
			await questionsService.deleteQuestion(locals.db, locals.actor, meetingAddressFromParams(params), {
				poll: params.poll,
				questionId: values.questionId ?? ''
			});
		} catch (error) {
			return failPollForm(error, url, locals.locale, {});
		}
		redirect(303, doneLocation(params, 'questionDeleted'));
	},

	moveQuestion: async ({ locals, params, request, url }) => {
		const { values } = await readForm(request);
		const questionId = values.questionId ?? '';
		try {
			await questionsService.moveQuestion(locals.db, locals.actor, meetingAddressFromParams(params), {
				poll: params.poll,
				questionId,
				direction: values.direction ?? ''
			});
		} catch (error) {
			return failPollForm(error, url, locals.locale, {});
		}
		redirect(303, doneLocation(params, 'moved', questionId));
	}
};
