/**
 * A serial task queue: the engine handles one event (a message, a timer) at a time, to completion,
 * including its asynchronous executor and store calls. Deterministic because the order of tasks is the
 * order of arrival.
 */

/** A serial queue of asynchronous tasks. */
export interface TaskQueue {
  /** Appends a task; errors are passed to the queue's error handler and do not stop later tasks. */
  push(task: () => Promise<void> | void): void;
  /** Whether no task is queued or running. */
  idle(): boolean;
  /** Tasks queued or running. */
  size(): number;
  /** Resolves once the queue is empty (including tasks pushed while waiting). */
  whenIdle(): Promise<void>;
}

/** Creates a queue; `onError` receives whatever a task threw or rejected with. */
export function createTaskQueue(onError: (e: unknown) => void): TaskQueue {
  let tail: Promise<void> = Promise.resolve();
  let pending = 0;
  return {
    push(task) {
      pending++;
      tail = tail
        .then(task)
        .catch(onError)
        .finally(() => {
          pending--;
        });
    },
    idle: () => pending === 0,
    size: () => pending,
    async whenIdle() {
      while (pending > 0) await tail;
    },
  };
}
