/** Lowers the calling thread to background priority (see background-thread.mjs). */
export function runInBackground(): Promise<'idle' | 'nice' | 'unchanged'>
