/** One server-sent event as a test reads it. */
export interface Frame {
	id: number;
	event: string;
	data: string;
}

/**
 * Reads server-sent event frames from a reader until `until` says stop (or the stream ends);
 * comments and `retry:` lines are skipped. The reader stays open for the caller.
 */
export async function readFramesUntil(
	reader: ReadableStreamDefaultReader<Uint8Array>,
	until: (frames: Frame[]) => boolean
): Promise<Frame[]> {
	const decoder = new TextDecoder();
	const frames: Frame[] = [];
	let text = '';
	while (!until(frames)) {
		const { value, done } = await reader.read();
		if (done) break;
		text += decoder.decode(value, { stream: true });
		let end: number;
		while ((end = text.indexOf('\n\n')) >= 0) {
			const block = text.slice(0, end);
			text = text.slice(end + 2);
			const event = /^event: (.*)$/m.exec(block)?.[1];
			if (event)
				frames.push({
					id: Number(/^id: (.*)$/m.exec(block)?.[1]),
					event,
					data: /^data: (.*)$/m.exec(block)?.[1] ?? ''
				});
		}
	}
	return frames;
}

/** Reads `count` frames from a fresh stream, then cancels it. */
export async function readFrames(stream: ReadableStream<Uint8Array>, count: number): Promise<Frame[]> {
	const reader = stream.getReader();
	const frames = await readFramesUntil(reader, (seen) => seen.length >= count);
	await reader.cancel();
	return frames;
}
