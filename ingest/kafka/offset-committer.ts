import type { Consumer } from 'kafkajs';
import type { Logger } from '../../observability/logger.ts';
import type { OffsetTracker } from './offset-tracker.ts';

/**
 * Commits the tracker's stored prefixes through one consumer. One commit request at a time:
 * chunks that finish meanwhile ask for another, which then carries all of them, so a burst of
 * stored chunks costs one or two round trips rather than one each.
 */
export class OffsetCommitter {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly consumer: Consumer,
    private readonly tracker: OffsetTracker,
    private readonly log: Logger,
  ) {}

  /** Commit soon (without waiting for it). */
  schedule(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
  }

  /** Commits everything stored so far and waits for it (before leaving the group). */
  async flush(): Promise<void> {
    await this.running;
    await this.commitOnce();
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await this.commitOnce();
    } while (this.again);
  }

  private async commitOnce(): Promise<void> {
    const offsets = this.tracker.committable();
    if (offsets.length === 0) return;
    try {
      await this.consumer.commitOffsets(offsets);
    } catch (err) {
      // Not fatal: the offsets stay uncommitted and go with the next commit; a crash meanwhile
      // only replays stored rows, which merge away.
      this.log.warn({ err, partitions: offsets.length }, 'kafka: offset commit failed; will retry with the next one');
    }
  }
}
